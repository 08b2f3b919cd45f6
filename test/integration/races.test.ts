import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../db/audit';
import { changePolicy } from '../../db/policy';
import { submitAnswers, submitEnrollment } from '../../workflows/messages';
import { heldLinks } from '../support/held-links';
import { journeys } from '../support/journey';
import { type Stack, startStack } from '../support/stack';

/**
 * Forms may reach a recovery while its own code still waits for an activity (a slow database,
 * a worker that died mid-activity). Here the "link sent" audit is held until the test lets it
 * go, and the user enrols in the meantime.
 */
let stack: Stack;
let user: ReturnType<typeof journeys>;
let releaseLinkSentAudit: () => void = () => {};
const linkSentAuditHeld = new Promise<void>((resolve) => {
  releaseLinkSentAudit = resolve;
});
const slowLinks = heldLinks();
let releaseLock: () => void = () => {};
const lockHeld = new Promise<void>((resolve) => {
  releaseLock = resolve;
});

beforeAll(async () => {
  stack = await startStack({
    activities: (real) => ({
      ...slowLinks.activities(real),
      audit: async (event: AuditEvent) => {
        if (event.event === 'link-sent' && event.outcome === 'enroll') await linkSentAuditHeld;
        return real.audit(event);
      },
      lockRecoveries: async (input) => {
        await lockHeld;
        return real.lockRecoveries(input);
      },
      // An address the mail server refuses for good: the reset notice to the user's alternate.
      sendNotice: async (input) =>
        input.notice.kind === 'password-reset' && input.to.some((to) => to.includes('.gone@'))
          ? (await real.sendNotice({
              ...input,
              to: input.to.filter((to) => !to.includes('.gone@')),
            })) + 1
          : real.sendNotice(input),
    }),
  });
  user = journeys(stack);
  await changePolicy(stack.db, { min_questions: 2 }, 'test');
});
afterAll(async () => {
  releaseLinkSentAudit();
  releaseLock();
  await stack?.stop();
});

describe('a form that arrives while the recovery awaits an activity (R17, R19)', () => {
  it('an enrollment saved before the workflow reaches its step is kept, and the next link goes out', async () => {
    const { uid, mail, workflowId } = await user.newUser();
    await user.requestLink(uid);
    const { path } = await user.linkFor(mail);
    const { proof } = await user.openLink(path);
    const questions = await stack.db.selectFrom('questions').select('id').orderBy('id').execute();
    const saved = await stack.recoveries.submit(workflowId, submitEnrollment, {
      sessionDigest: proof?.sessionDigest as string,
      alternateMail: `${uid}.alt@example.net`,
      alternateMailConfirm: `${uid}.alt@example.net`,
      answers: [
        { questionId: questions[0]?.id as number, answer: 'Firulais' },
        { questionId: questions[1]?.id as number, answer: 'Valparaíso' },
      ],
    });
    expect(saved).toEqual({ ok: true, result: { ok: true } });
    expect(await user.stateOf(uid)).toMatchObject({ status: 'waiting-for-click' });

    releaseLinkSentAudit();
    await user.linkFor(mail, { subjectIncludes: 'Continúe' });
  });
});

describe('a link opened the moment its e-mail arrives', () => {
  it('waits for the recovery to hear that its activity is done, then opens (R13, R19)', async () => {
    const { uid, mail, workflowId } = await user.newUser();
    const release = slowLinks.hold(workflowId);
    await user.requestLink(uid);
    const { path } = await user.linkFor(mail);
    // The e-mail is out, the workflow does not know the link yet: the click waits for it.
    const opening = user.openLink(path);
    expect(await user.stateOf(uid)).toMatchObject({ status: 'looking-up' });
    release();
    const { response } = await opening;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/recovery');
    expect(await user.stateOf(uid)).toMatchObject({ status: 'enrolling' });
  });
});

/** Enrols a new user and opens their answering link: the session proof for the answers. */
async function answering() {
  const { uid, mail, workflowId } = await user.newUser();
  await user.requestLink(uid);
  const first = await user.openLink((await user.linkFor(mail)).path);
  releaseLinkSentAudit();
  const questions = await stack.db.selectFrom('questions').select('id').orderBy('id').execute();
  const answers = [
    { questionId: questions[0]?.id as number, answer: 'Firulais' },
    { questionId: questions[1]?.id as number, answer: 'Valparaíso' },
  ];
  await stack.recoveries.submit(workflowId, submitEnrollment, {
    sessionDigest: first.proof?.sessionDigest as string,
    alternateMail: `${uid}.gone@example.net`,
    alternateMailConfirm: `${uid}.gone@example.net`,
    answers,
  });
  const link = await user.linkFor(mail, { subjectIncludes: 'Continúe' });
  const { proof } = await user.openLink(link.path);
  return { uid, mail, workflowId, answers, sessionDigest: proof?.sessionDigest as string };
}

describe('answers after the last wrong try (R6)', () => {
  it('are not checked while the lock is being written: not even a right one', async () => {
    await changePolicy(stack.db, { max_wrong_answers: 1 }, 'test');
    try {
      const { workflowId, answers, sessionDigest } = await answering();
      const wrong = answers.map((a) => ({ ...a, answer: 'wrong' }));
      expect(
        await stack.recoveries.submit(workflowId, submitAnswers, { sessionDigest, answers: wrong }),
      ).toEqual({ ok: true, result: { ok: false, attemptsLeft: 0 } });
      // The lock is held: the recovery is still 'answering', yet the right answers are refused.
      expect(
        await stack.recoveries.submit(workflowId, submitAnswers, { sessionDigest, answers }),
      ).toEqual({ ok: false, reason: 'step' });
      releaseLock();
      expect((await stack.client.workflow.getHandle(workflowId).result()).outcome).toBe(
        'answers-locked',
      );
    } finally {
      await changePolicy(stack.db, { max_wrong_answers: 5 }, 'test');
    }
  });
});

describe('a reset notice refused for good (S2, S5)', () => {
  it('does not undo the reset: the key check starts, and the refusal is audited', async () => {
    const { uid, workflowId, answers, sessionDigest } = await answering();
    // The alternate address is confirmed, so the notice goes to it too: and is refused.
    await stack.db
      .updateTable('enrollments')
      .set({ alternate_verified_at: new Date().toISOString() })
      .where('username', '=', uid)
      .execute();
    await stack.recoveries.submit(workflowId, submitAnswers, { sessionDigest, answers });
    const result = await stack.client.workflow.getHandle(workflowId).result();
    expect(result.outcome).toBe('password-reset');
    const check = stack.client.workflow.getHandle(result.keyCheckWorkflowId as string);
    expect((await check.describe()).type).toBe('temporaryKeyCheck');
    const refused = await stack.db
      .selectFrom('audit_events')
      .select('details')
      .where('username', '=', uid)
      .where('event', '=', 'reset-notice')
      .executeTakeFirstOrThrow();
    expect(refused.details).toBe('{"addresses":1}');
  });
});
