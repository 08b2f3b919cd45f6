import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { changePolicy } from '../../db/policy';
import { publicState, submitEnrollment } from '../../workflows/messages';
import { journeys } from '../support/journey';
import { type Stack, startStack } from '../support/stack';

/**
 * A directory may know one account by two names (AD: sAMAccountName and UPN; here: uid and
 * mail). Whatever name is typed, the account has one enrollment and one lockout.
 */
let stack: Stack;
let user: ReturnType<typeof journeys>;

beforeAll(async () => {
  stack = await startStack({ ldap: (base) => ({ ...base, usernameAttributes: ['uid', 'mail'] }) });
  user = journeys(stack);
  await changePolicy(stack.db, { min_questions: 2 }, 'test');
});
afterAll(async () => {
  await stack?.stop();
});

describe('one account, two names', () => {
  it('enrolled under one name, asked for under the other: the answering step, not a new enrollment', async () => {
    const { uid, mail, workflowId } = await user.newUser();
    await user.requestLink(uid);
    const { proof } = await user.openLink((await user.linkFor(mail)).path);
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

    // The same account, typed as its e-mail address: its recovery goes to the answering step
    // (the question set is chosen only there), not to a new enrollment.
    await user.requestLink(mail);
    const other = stack.client.workflow.getHandle(recoveryWorkflowId(mail));
    let state = await other.query(publicState);
    for (let i = 0; i < 300 && state.status !== 'waiting-for-click'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await other.query(publicState);
    }
    expect(state.questionIds).toHaveLength(2);
    const enrollmentRows = await stack.db
      .selectFrom('enrollments')
      .select('username')
      .where('username', 'in', [uid, mail])
      .execute();
    expect(enrollmentRows.map((r) => r.username)).toEqual([uid]);
  });
});
