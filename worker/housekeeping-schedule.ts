import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { housekeepingScheduleId } from '../common/domain/workflow-ids';

/**
 * Makes sure the hourly housekeeping schedule exists; every worker calls it at start, and the
 * first one creates it. Operators see it, pause it or trigger it in the Temporal Web UI.
 */
export async function ensureHousekeepingSchedule(client: Client, taskQueue: string): Promise<void> {
  const scheduleId = housekeepingScheduleId(taskQueue);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 hour' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'housekeeping',
        workflowId: scheduleId,
        taskQueue,
      },
      // A round still running (a database that is down) is not joined by another.
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
