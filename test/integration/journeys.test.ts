import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../common/domain/answers';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { changePolicy } from '../../db/policy';
import { browser } from '../../dev/form-browser';
import { changeOwnPassword, givePasswordPolicy } from '../../dev/ldap-users';
import { createLdapDirectory } from '../../directory/ldap-directory';
import {
  type SessionProof,
  submitAnswers,
  submitEnrollment,
  submitNewPassword,
} from '../../workflows/messages';
import { decodeHistory } from '../support/history-payloads';
import { historyText } from '../support/history-text';
import { initialPassword, journeys } from '../support/journey';
import { ldapConfigFor } from '../support/ldap-config';
import { patienceMs, type Stack, startStack } from '../support/stack';

let stack: Stack;
let user: ReturnType<typeof journeys>;
let questions: number[];

/**
 * What the journeys below handled, for the last test's scan of their histories: secrets that
 * must never enter history, even decoded by an operator's codec (tokens, keys, and
 * the answers and chosen passwords too, sealed for the activities), what enters it only
 * encrypted (the alternate address the workflow passes on), and whose recoveries to look for.
 */
const seen = {
  users: new Set<string>(),
  neverInHistory: new Set<string>(),
  encryptedOnly: new Set<string>(),
  note(uid: string, secrets: { never?: string[]; encrypted?: string[] }) {
    seen.users.add(uid);
    for (const s of secrets.never ?? []) seen.neverInHistory.add(s);
    for (const s of secrets.encrypted ?? []) seen.encryptedOnly.add(s);
  },
};

beforeAll(async () => {
  stack = await startStack();
  user = journeys(stack);
  // Two questions keep the journeys short; the key check runs a few seconds after a reset.
  await changePolicy(stack.db, { min_questions: 2, temporary_key_ttl_seconds: 4 }, 'test');
  questions = (await stack.db.selectFrom('questions').select('id').execute()).map((q) => q.id);
});
afterAll(async () => {
  await stack?.stop();
});

const directory = () => createLdapDirectory(ldapConfigFor(stack.directory));

const rightAnswers = (): AnswerInput[] => [
  { questionId: questions[0] as number, answer: 'Firulais' },
  { questionId: questions[1] as number, answer: 'Valparaíso' },
];

/** Request → link → open: the session proof for the step the link leads to. */
async function openFreshLink(uid: string, mail: string, subjectIncludes?: string) {
  const after = new Date();
  await user.requestLink(uid);
  const { path, token } = await user.linkFor(mail, {
    after,
    ...(subjectIncludes ? { subjectIncludes } : {}),
  });
  const { proof, sessionSecret } = await user.openLink(path);
  if (!proof || !sessionSecret) throw new Error('the link gave no session');
  seen.note(uid, { never: [token, sessionSecret, ...rightAnswers().map((a) => a.answer)] });
  return proof;
}

/** A new user's enrollment through the same client calls the pages use. */
async function enroll(workflowId: string, proof: SessionProof, alternateMail: string) {
  seen.encryptedOnly.add(alternateMail);
  return stack.recoveries.submit(workflowId, submitEnrollment, {
    ...proof,
    alternateMail,
    alternateMailConfirm: alternateMail.toUpperCase(),
    answers: rightAnswers(),
  });
}

/** The temporary key from its e-mail: it reaches the user's inbox and nowhere else. */
async function temporaryKeyIn(mail: string, after: Date) {
  const message = await user.waitForMail(mail, { after, subjectIncludes: 'contraseña temporal' });
  const key = /contraseña temporal es: (\S+)/.exec(message.text)?.[1];
  if (!key) throw new Error(`no key in:\n${message.text}`);
  seen.neverInHistory.add(key);
  return key;
}

describe('a new user (R5, R11, R14, R16, R17, R19, S2, S5)', () => {
  it('enrols, answers, gets a temporary key that must be changed, and the key check finds it used', async () => {
    // The user must replace the key before the check runs: give a slow machine ample time.
    await changePolicy(stack.db, { temporary_key_ttl_seconds: 30 }, 'test');
    const { uid, mail, dn, workflowId } = await user.newUser();
    const alternate = `${uid}.alt@example.net`;
    const proof = await openFreshLink(uid, mail, 'Configure');
    expect(await user.stateOf(uid)).toMatchObject({
      status: 'enrolling',
      step: 'enroll',
      minQuestions: 2,
      minAnswerLength: 3,
    });

    // R14, R16: every field is checked, and what is wrong is said field by field.
    const refused = await stack.recoveries.submit(workflowId, submitEnrollment, {
      ...proof,
      alternateMail: alternate,
      alternateMailConfirm: 'someone.else@example.net',
      answers: [
        { questionId: questions[0] as number, answer: uid },
        { questionId: questions[0] as number, answer: 'no' },
      ],
    });
    expect(refused).toEqual({
      ok: true,
      result: {
        ok: false,
        errors: {
          alternateMail: 'mismatch',
          questions: 'duplicate',
          answers: ['like-identity', 'too-short'],
        },
      },
    });

    // R17: saved; a verification link goes to the alternate address, a new link to the main one.
    const savedAt = new Date();
    expect(await enroll(workflowId, proof, alternate)).toEqual({ ok: true, result: { ok: true } });
    const verification = await user.linkFor(alternate, { subjectIncludes: 'alternativa' });
    const b = browser(stack.app);
    await b.get(verification.path);
    expect((await b.post(verification.path, {})).body).toContain('Dirección confirmada');
    const answering = await user.linkFor(mail, {
      after: savedAt,
      subjectIncludes: 'Continúe con la recuperación',
    });

    // Step 6: wrong answers count; right ones, typed differently, pass.
    const { proof: answerProof, sessionSecret } = await user.openLink(answering.path);
    seen.note(uid, {
      never: [verification.token, answering.token, sessionSecret as string],
      encrypted: [alternate],
    });
    expect(await user.stateOf(uid)).toMatchObject({
      status: 'answering',
      questionIds: questions.slice(0, 2),
      attemptsLeft: 5,
    });
    const answer = (answers: AnswerInput[]) =>
      stack.recoveries.submit(workflowId, submitAnswers, {
        ...(answerProof as SessionProof),
        answers,
      });
    expect(await answer([{ questionId: questions[0] as number, answer: 'Firulais' }])).toEqual({
      ok: true,
      result: { ok: false, attemptsLeft: 4 },
    });
    const resetAt = new Date();
    expect(
      await answer([
        { questionId: questions[0] as number, answer: '  FIRULAIS ' },
        { questionId: questions[1] as number, answer: 'valparaíso' },
      ]),
    ).toEqual({ ok: true, result: { ok: true } });

    // Step 7 (R5, S2): a key that must be changed at the next sign-in.
    const key = await temporaryKeyIn(mail, resetAt);
    expect(await directory().checkSignIn(dn, key)).toBe('must-change');
    // Step 8 (S5): both addresses hear of it, with no secret in the notice.
    for (const to of [mail, alternate]) {
      const notice = await user.waitForMail(to, {
        after: resetAt,
        subjectIncludes: 'restablecida',
      });
      expect(notice.text).not.toContain(key);
    }
    const result = await stack.client.workflow.getHandle(workflowId).result();
    expect(result.outcome).toBe('password-reset');

    // The user signs in with the key and chooses their own password; the check sees it used.
    await changeOwnPassword(stack.directory, dn, key, 'Own-Choice-2026');
    const check = stack.client.workflow.getHandle(result.keyCheckWorkflowId as string);
    expect(await check.result()).toBe('used');
    await changePolicy(stack.db, { temporary_key_ttl_seconds: 4 }, 'test');
    expect(await directory().checkSignIn(dn, 'Own-Choice-2026')).toBe('ok');

    const audit = await stack.db
      .selectFrom('audit_events')
      .select(['event', 'outcome'])
      .where('username', '=', uid)
      .orderBy('id')
      .execute();
    expect(audit.map((e) => `${e.event}:${e.outcome}`)).toEqual(
      expect.arrayContaining([
        'recovery-requested:started',
        'link-sent:enroll',
        'enrollment:refused',
        'enrollment:saved',
        'link-sent:answer',
        'answers:wrong',
        'answers:right',
        'password-reset:temporary-key',
        'recovery:password-reset',
        'temporary-key-check:used',
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(key);
  });
});

describe('an enrolled user (R6, R18)', () => {
  it('goes straight to the questions; an unused temporary key is replaced and the user told (S2)', async () => {
    const { uid, mail, dn, workflowId } = await user.newUser();
    await enroll(workflowId, await openFreshLink(uid, mail), `${uid}.alt@example.net`);
    await user.waitForMail(mail, { subjectIncludes: 'Continúe' });
    await stack.client.workflow.getHandle(workflowId).terminate('the test starts a new one');

    // A new recovery starts the same way (R18) and leads to the answers.
    const proof = await openFreshLink(uid, mail, 'Continúe');
    expect(await user.stateOf(uid)).toMatchObject({ step: 'answer' });
    const resetAt = new Date();
    expect(
      await stack.recoveries.submit(workflowId, submitAnswers, {
        ...proof,
        answers: rightAnswers(),
      }),
    ).toEqual({ ok: true, result: { ok: true } });
    const key = await temporaryKeyIn(mail, resetAt);
    const { keyCheckWorkflowId } = await stack.client.workflow.getHandle(workflowId).result();

    expect(await stack.client.workflow.getHandle(keyCheckWorkflowId as string).result()).toBe(
      'expired',
    );
    expect(await directory().checkSignIn(dn, key)).toBe('invalid');
    await user.waitForMail(mail, { after: resetAt, subjectIncludes: 'caducó' });
  });
});

describe('the user chooses the new password (S2, stricter mode)', () => {
  it('a password the directory refuses is explained, and the next one is set', async () => {
    await changePolicy(stack.db, { reset_mode: 'user-chooses' }, 'test');
    try {
      const { uid, mail, dn, workflowId } = await user.newUser();
      // An earlier password of theirs, which the directory's history keeps.
      await changeOwnPassword(stack.directory, dn, initialPassword, 'Second-Secret-2');
      await enroll(workflowId, await openFreshLink(uid, mail), `${uid}.alt@example.net`);
      const answering = await user.linkFor(mail, { subjectIncludes: 'Continúe' });
      const { proof, sessionSecret } = await user.openLink(answering.path);
      const session = proof as SessionProof;
      seen.note(uid, {
        never: [answering.token, sessionSecret as string, 'A-Much-Better-One-7'],
      });
      await stack.recoveries.submit(workflowId, submitAnswers, {
        ...session,
        answers: rightAnswers(),
      });
      expect(await user.stateOf(uid)).toMatchObject({
        step: 'choose-password',
        passwordRules: { minLength: 8, history: 3, complexity: true },
      });

      const choose = (password: string) =>
        stack.recoveries.submit(workflowId, submitNewPassword, { ...session, password });
      expect(await choose('short')).toEqual({
        ok: true,
        result: { ok: false, reason: 'too-short' },
      });
      expect(await choose(initialPassword)).toEqual({
        ok: true,
        result: { ok: false, reason: 'in-history' },
      });
      expect(await choose('A-Much-Better-One-7')).toEqual({ ok: true, result: { ok: true } });
      expect(await user.outcomeOf(uid)).toBe('password-reset');
      expect(await directory().checkSignIn(dn, 'A-Much-Better-One-7')).toBe('ok');
      const notice = await user.waitForMail(mail, { subjectIncludes: 'restablecida' });
      expect(notice.text).not.toContain('A-Much-Better-One-7');
    } finally {
      await changePolicy(stack.db, { reset_mode: 'temporary-key' }, 'test');
    }
  });
});

describe('wrong answers (R6; standards: lockout)', () => {
  it('past the limit the recovery ends, the user is told, and new recoveries are refused for a while', async () => {
    await changePolicy(stack.db, { max_wrong_answers: 2 }, 'test');
    try {
      const { uid, mail, workflowId } = await user.newUser();
      expect(
        await enroll(workflowId, await openFreshLink(uid, mail), `${uid}.alt@example.net`),
      ).toEqual({ ok: true, result: { ok: true } });
      const answering = await user.linkFor(mail, { subjectIncludes: 'Continúe' });
      const { proof } = await user.openLink(answering.path);
      const wrong = () =>
        stack.recoveries.submit(workflowId, submitAnswers, {
          ...(proof as SessionProof),
          answers: rightAnswers().map((a) => ({ ...a, answer: 'wrong answer' })),
        });
      expect(await wrong()).toEqual({ ok: true, result: { ok: false, attemptsLeft: 1 } });
      expect(await wrong()).toEqual({ ok: true, result: { ok: false, attemptsLeft: 0 } });
      expect(await user.outcomeOf(uid)).toBe('answers-locked');
      await user.waitForMail(mail, { subjectIncludes: 'bloqueada' });

      // A new request looks the same to the requester, but ends quietly with no e-mail.
      const before = (await stack.mail.list(mail)).length;
      expect((await user.requestLink(uid)).status).toBe(200);
      expect(await user.outcomeOf(uid)).toBe('locked-out');
      expect(await stack.mail.list(mail)).toHaveLength(before);
    } finally {
      await changePolicy(stack.db, { max_wrong_answers: 5 }, 'test');
    }
  });
});

describe('wrong answers across recoveries (R6)', () => {
  it('a new recovery does not give the tries back, and the lockout takes over from the count', async () => {
    await changePolicy(stack.db, { max_wrong_answers: 3 }, 'test');
    try {
      const { uid, mail, workflowId } = await user.newUser();
      await enroll(workflowId, await openFreshLink(uid, mail), `${uid}.alt@example.net`);
      const wrongAnswers = rightAnswers().map((a) => ({ ...a, answer: 'wrong answer' }));
      const answering = await user.linkFor(mail, { subjectIncludes: 'Continúe' });
      const first = await user.openLink(answering.path);
      expect(
        await stack.recoveries.submit(workflowId, submitAnswers, {
          ...(first.proof as SessionProof),
          answers: wrongAnswers,
        }),
      ).toEqual({ ok: true, result: { ok: false, attemptsLeft: 2 } });
      // The recovery ends before the limit (a lapsed session does the same, only slower).
      await stack.client.workflow.getHandle(workflowId).terminate('test: the recovery lapses');

      // A new one: one try fewer than the policy gives, and the last one locks.
      const again = new Date();
      await user.requestLink(uid);
      const { proof } = await user.openLink((await user.linkFor(mail, { after: again })).path);
      expect(await user.stateOf(uid)).toMatchObject({ step: 'answer', attemptsLeft: 2 });
      const wrong = () =>
        stack.recoveries.submit(workflowId, submitAnswers, {
          ...(proof as SessionProof),
          answers: wrongAnswers,
        });
      expect(await wrong()).toEqual({ ok: true, result: { ok: false, attemptsLeft: 1 } });
      expect(await wrong()).toEqual({ ok: true, result: { ok: false, attemptsLeft: 0 } });
      expect(await user.outcomeOf(uid)).toBe('answers-locked');
      // The lockout takes over from the count, which starts again once it ends.
      expect(
        await stack.db
          .selectFrom('answer_failures')
          .selectAll()
          .where('username', '=', uid)
          .execute(),
      ).toEqual([]);
    } finally {
      await changePolicy(stack.db, { max_wrong_answers: 5 }, 'test');
    }
  });
});

describe('a directory that refuses the temporary key (standards: permanent failures)', () => {
  it('ends the recovery at once, tells the user, audits why, and leaves the password as it was', async () => {
    const { uid, mail, dn, workflowId } = await user.newUser();
    await givePasswordPolicy(stack.directory, dn, { minLength: 40 });
    await enroll(workflowId, await openFreshLink(uid, mail), `${uid}.alt@example.net`);
    const answering = await user.linkFor(mail, { subjectIncludes: 'Continúe' });
    const { proof } = await user.openLink(answering.path);
    await stack.recoveries.submit(workflowId, submitAnswers, {
      ...(proof as SessionProof),
      answers: rightAnswers(),
    });
    expect(await user.outcomeOf(uid)).toBe('reset-failed');
    await user.waitForMail(mail, { subjectIncludes: 'No pudimos' });
    expect(await directory().checkSignIn(dn, initialPassword)).toBe('ok');
    const failure = await stack.db
      .selectFrom('audit_events')
      .select('details')
      .where('username', '=', uid)
      .where('outcome', '=', 'failed')
      .executeTakeFirstOrThrow();
    expect(failure.details).toContain('refused the temporary key (too-short)');
  });
});

describe('sessions', () => {
  it('a form sent without the browser session of the link is refused', async () => {
    const { uid, mail, workflowId } = await user.newUser();
    await openFreshLink(uid, mail);
    const forged = await stack.recoveries.submit(workflowId, submitEnrollment, {
      sessionDigest: 'not-the-session',
      alternateMail: 'x@example.net',
      alternateMailConfirm: 'x@example.net',
      answers: rightAnswers(),
    });
    expect(forged).toEqual({ ok: false, reason: 'session' });
    const otherStep = await stack.recoveries.submit(recoveryWorkflowId(uid), submitAnswers, {
      sessionDigest: 'not-the-session',
      answers: rightAnswers(),
    });
    expect(otherStep).toEqual({ ok: false, reason: 'step' });
  });
});

describe('operators and secrets (R21; standards: no secret in history)', () => {
  it('every recovery above is found by user, and no raw history holds a secret', async () => {
    expect(seen.users.size).toBeGreaterThanOrEqual(4);
    expect(seen.neverInHistory.size).toBeGreaterThanOrEqual(10);
    let decodedTexts = '';
    for (const uid of seen.users) {
      // Visibility catches up shortly after each run: wait for it, then scan every run.
      const runs = await eventually(async () => {
        const found = [];
        for await (const run of stack.client.workflow.list({ query: `RecoveryUser = "${uid}"` })) {
          found.push(run);
        }
        return found.some((run) => run.status.name !== 'RUNNING' || run.type === 'recovery')
          ? found
          : undefined;
      });
      for (const run of runs) {
        const history = await stack.client.workflow
          .getHandle(run.workflowId, run.runId)
          .fetchHistory();
        const raw = historyText(history);
        const decoded = historyText(await decodeHistory(history, stack.codec));
        decodedTexts += decoded;
        for (const secret of [...seen.neverInHistory, ...seen.encryptedOnly]) {
          expect(raw, `${run.workflowId} in clear`).not.toContain(secret);
        }
        for (const secret of seen.neverInHistory) {
          expect(decoded, `${run.workflowId}, even decoded`).not.toContain(secret);
        }
      }
    }
    // The scan reads payloads: decoded, the alternate addresses the workflow passed on are there.
    expect(seen.encryptedOnly.size).toBeGreaterThan(0);
    for (const address of seen.encryptedOnly) expect(decodedTexts).toContain(address);
  });

  it('"recoveries waiting for a click" lists a fresh request', async () => {
    const { uid } = await user.newUser();
    await user.requestLink(uid);
    const waiting = await eventually(async () => {
      const query = `RecoveryStatus = "waiting-for-click" AND RecoveryUser = "${uid}"`;
      for await (const run of stack.client.workflow.list({ query })) return run;
      return undefined;
    });
    expect(waiting.workflowId).toBe(recoveryWorkflowId(uid));
  });
});

/** Polls until `probe` gives a value, within the tests' patience. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('visibility never showed it');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
