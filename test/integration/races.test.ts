import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../db/audit';
import { changePolicy } from '../../db/policy';
import { submitEnrollment } from '../../workflows/messages';
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

beforeAll(async () => {
  stack = await startStack({
    activities: (real) => ({
      ...real,
      audit: async (event: AuditEvent) => {
        if (event.event === 'link-sent' && event.outcome === 'enroll') await linkSentAuditHeld;
        return real.audit(event);
      },
    }),
  });
  user = journeys(stack);
  await changePolicy(stack.db, { min_questions: 2 }, 'test');
});
afterAll(async () => {
  releaseLinkSentAudit();
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
