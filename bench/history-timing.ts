import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { formatTable } from './table';

const { EventType } = proto.temporal.api.enums.v1;
type Event = proto.temporal.api.history.v1.IHistoryEvent;

/** Where a recovery's time went by Temporal's own clock: each kind of task, waiting and running. */
export interface TaskTiming {
  /** An activity's type, or "workflow task". */
  name: string;
  count: number;
  /** Median from scheduled to picked up by the worker (the queue, the server's round trip). */
  waitMs: number;
  /** Median from picked up to its result recorded. */
  runMs: number;
  /** Per recovery: the sum over its tasks of this kind, wait and run (medians over recoveries). */
  perRecoveryMs: number;
}

/** Reads the histories of finished recoveries and times every task in them. */
export async function historyTimings(client: Client, workflowIds: readonly string[]) {
  const waits = new Map<string, number[]>();
  const runs = new Map<string, number[]>();
  const perRecovery = new Map<string, number[]>();
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const totals = new Map<string, number>();
    for (const task of tasksOf(history.events ?? [])) {
      push(waits, task.name, task.waitMs);
      push(runs, task.name, task.runMs);
      totals.set(task.name, (totals.get(task.name) ?? 0) + task.waitMs + task.runMs);
    }
    for (const [name, ms] of totals) push(perRecovery, name, ms);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;
  return [...waits.keys()]
    .map(
      (name): TaskTiming => ({
        name,
        count: (waits.get(name)?.length ?? 0) / Math.max(1, workflowIds.length),
        waitMs: median(waits.get(name) ?? []),
        runMs: median(runs.get(name) ?? []),
        perRecoveryMs: median(perRecovery.get(name) ?? []),
      }),
    )
    .sort((a, b) => b.perRecoveryMs - a.perRecoveryMs);
}

function push(map: Map<string, number[]>, key: string, value: number) {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
}

/** Every activity and workflow task of a history, with its waiting and running time. */
function tasksOf(events: Event[]) {
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const at = (e: Event | undefined) =>
    e?.eventTime ? Number(e.eventTime.seconds) * 1000 + (e.eventTime.nanos ?? 0) / 1e6 : 0;
  const tasks: Array<{ name: string; waitMs: number; runMs: number }> = [];
  for (const event of events) {
    const activity = event.activityTaskCompletedEventAttributes;
    if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED && activity) {
      const scheduled = byId.get(Number(activity.scheduledEventId));
      const started = byId.get(Number(activity.startedEventId));
      tasks.push({
        name: scheduled?.activityTaskScheduledEventAttributes?.activityType?.name ?? 'activity',
        waitMs: at(started) - at(scheduled),
        runMs: at(event) - at(started),
      });
    }
    const workflowTask = event.workflowTaskCompletedEventAttributes;
    if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED && workflowTask) {
      const scheduled = byId.get(Number(workflowTask.scheduledEventId));
      const started = byId.get(Number(workflowTask.startedEventId));
      tasks.push({
        name: 'workflow task',
        waitMs: at(started) - at(scheduled),
        runMs: at(event) - at(started),
      });
    }
  }
  return tasks;
}

/** The table of historyTimings: the kinds of task that took a recovery's time, largest first. */
export function historyTable(timings: readonly TaskTiming[]): string {
  return formatTable(
    ['task', 'per recovery', 'waiting p50 ms', 'running p50 ms', 'ms per recovery (p50)'],
    timings.map((t) => [t.name, t.count, t.waitMs, t.runMs, t.perRecoveryMs]),
  );
}
