import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnswerInput } from '../../../common/domain/answers';
import { changePolicy } from '../../../db/policy';
import { createDirectory } from '../../../directory/create-directory';
import {
  type SessionProof,
  submitAnswers,
  submitEnrollment,
  submitNewPassword,
} from '../../../workflows/messages';
import { journeys } from '../../support/journey';
import { type Stack, startStackOn } from '../../support/stack';
import { changeOwnTestPassword, configFor, type TestDirectory } from '../../support/test-directory';

/**
 * The recovery end to end with Samba AD as the directory: the service finds users by their
 * account name, sets a temporary key with pwdLastSet=0, sees it used once the user changes
 * it, and explains AD's refusals of a chosen password.
 */
const ad = inject('servers').activeDirectory;

let stack: Stack<TestDirectory>;
let user: ReturnType<typeof journeys>;
let answers: AnswerInput[];

beforeAll(async () => {
  if (!ad) return;
  stack = await startStackOn(ad);
  user = journeys(stack);
  await changePolicy(stack.db, { min_questions: 2, temporary_key_ttl_seconds: 30 }, 'test');
  const [first, second] = (await stack.db.selectFrom('questions').select('id').execute()).map(
    (q) => q.id,
  );
  answers = [
    { questionId: first as number, answer: 'Firulais' },
    { questionId: second as number, answer: 'Valparaíso' },
  ];
});
afterAll(async () => {
  await stack?.stop();
});

describe.skipIf(!ad)(
  'a recovery against Active Directory (Samba AD; skipped when not root)',
  () => {
    const directory = () => createDirectory(configFor(stack.directory), { warn: () => {} });

    /** Request, enrolment link, enrolment, answering link: the session that answers. */
    async function enrolledSession(uid: string, mail: string, workflowId: string) {
      await user.requestLink(uid);
      const enrolling = await user.linkFor(mail, { subjectIncludes: 'Configure' });
      const { proof } = await user.openLink(enrolling.path);
      const alternateMail = `${uid}.alt@example.net`;
      expect(
        await stack.recoveries.submit(workflowId, submitEnrollment, {
          ...(proof as SessionProof),
          alternateMail,
          alternateMailConfirm: alternateMail,
          answers,
        }),
      ).toEqual({ ok: true, result: { ok: true } });
      const answering = await user.linkFor(mail, { subjectIncludes: 'Continúe' });
      return (await user.openLink(answering.path)).proof as SessionProof;
    }

    it('enrols, answers, gets a temporary key that must be changed, and the key check finds it used', async () => {
      const { uid, mail, dn, workflowId } = await user.newUser();
      const session = await enrolledSession(uid, mail, workflowId);
      const resetAt = new Date();
      expect(
        await stack.recoveries.submit(workflowId, submitAnswers, { ...session, answers }),
      ).toEqual({ ok: true, result: { ok: true } });

      const message = await user.waitForMail(mail, {
        after: resetAt,
        subjectIncludes: 'contraseña temporal',
      });
      const key = /contraseña temporal es: (\S+)/.exec(message.text)?.[1] as string;
      expect(await directory().checkSignIn(dn, key)).toBe('must-change');
      const result = await stack.client.workflow.getHandle(workflowId).result();
      expect(result.outcome).toBe('password-reset');

      await changeOwnTestPassword(stack.directory, dn, key, 'Own-Choice-2026');
      const check = stack.client.workflow.getHandle(result.keyCheckWorkflowId as string);
      expect(await check.result()).toBe('used');
      expect(await directory().checkSignIn(dn, 'Own-Choice-2026')).toBe('ok');
    });

    it("a chosen password AD refuses is explained with AD's reason, and the next one is set", async () => {
      await changePolicy(stack.db, { reset_mode: 'user-chooses' }, 'test');
      try {
        const { uid, mail, dn, workflowId } = await user.newUser();
        const session = await enrolledSession(uid, mail, workflowId);
        await stack.recoveries.submit(workflowId, submitAnswers, { ...session, answers });
        expect(await user.stateOf(uid)).toMatchObject({
          step: 'choose-password',
          passwordRules: { minLength: 8, history: 3, complexity: true },
        });
        const choose = (password: string) =>
          stack.recoveries.submit(workflowId, submitNewPassword, { ...session, password });
        expect(await choose('Sh0rt!')).toEqual({
          ok: true,
          result: { ok: false, reason: 'too-short' },
        });
        expect(await choose('onlylowercaseletters')).toEqual({
          ok: true,
          result: { ok: false, reason: 'not-complex' },
        });
        expect(await choose('A-Much-Better-One-7')).toEqual({ ok: true, result: { ok: true } });
        expect(await user.outcomeOf(uid)).toBe('password-reset');
        expect(await directory().checkSignIn(dn, 'A-Much-Better-One-7')).toBe('ok');
      } finally {
        await changePolicy(stack.db, { reset_mode: 'temporary-key' }, 'test');
      }
    });

    it('a disabled account and one without mail end quietly', async () => {
      const disabled = await user.newUser({ disabled: true });
      const noMail = await user.newUser({ mail: false });
      await user.requestLink(disabled.uid);
      await user.requestLink(noMail.uid);
      expect(await user.outcomeOf(disabled.uid)).toBe('disabled');
      expect(await user.outcomeOf(noMail.uid)).toBe('no-mail');
    });
  },
);
