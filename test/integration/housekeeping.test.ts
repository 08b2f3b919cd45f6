import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PruneCounts } from '../../activities/housekeeping';
import { housekeepingScheduleId } from '../../common/domain/workflow-ids';
import { createAdminSession } from '../../db/admin-sessions';
import { saveLink } from '../../db/links';
import { ensureHousekeepingSchedule } from '../../worker/housekeeping-schedule';
import { patienceMs, type Stack, startStack } from '../support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.client.schedule
    .getHandle(housekeepingScheduleId(stack.taskQueue))
    .delete()
    .catch(() => {});
  await stack?.stop();
});

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('housekeeping', () => {
  it('an hourly schedule, made once by any number of workers, forgets what nothing can use', async () => {
    // Two workers starting: one schedule.
    await ensureHousekeepingSchedule(stack.client, stack.taskQueue);
    await ensureHousekeepingSchedule(stack.client, stack.taskQueue);
    const schedule = stack.client.schedule.getHandle(housekeepingScheduleId(stack.taskQueue));
    const described = await schedule.describe();
    expect(described.spec.intervals).toMatchObject([{ every: 3_600_000 }]);

    await saveLink(stack.db, {
      digest: 'old-link',
      workflow_id: 'recovery-gone',
      purpose: 'answer',
      expires_at: hoursAgo(25),
    });
    await saveLink(stack.db, {
      digest: 'live-link',
      workflow_id: 'recovery-on',
      purpose: 'answer',
      expires_at: hoursAgo(-1),
    });
    await createAdminSession(stack.db, 'old-session', 'root');
    await stack.db
      .updateTable('admin_sessions')
      .set({ created_at: hoursAgo(9) })
      .where('digest', '=', 'old-session')
      .execute();

    // An operator's "trigger now" in the Web UI: the same run the hour would start.
    await schedule.trigger();
    const run = await startedRun(schedule);
    const counts: PruneCounts = await stack.client.workflow
      .getHandle(run.workflowId, run.firstExecutionRunId)
      .result();
    expect(counts).toMatchObject({ links: 1, adminSessions: 1 });
    const links = await stack.db.selectFrom('recovery_links').select('digest').execute();
    expect(links.map((l) => l.digest)).toContain('live-link');
    expect(links.map((l) => l.digest)).not.toContain('old-link');
  });
});

/** The workflow a schedule started last, once Temporal says so. */
async function startedRun(
  schedule: ReturnType<Stack['client']['schedule']['getHandle']>,
): Promise<{ workflowId: string; firstExecutionRunId: string }> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const action = (await schedule.describe()).info.recentActions.at(-1);
    if (action) return action.action.workflow;
    if (Date.now() > deadline) throw new Error('the schedule started nothing');
    await setTimeout(200);
  }
}
