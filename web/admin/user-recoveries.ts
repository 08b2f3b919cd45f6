import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { recoveryStatus, recoveryUser } from '../../workflows/search-attributes';
import { workflowUrl } from './audit-format';

/** The workflow types that carry a user's RecoveryUser search attribute. */
export type RunKind = 'recovery' | 'adminReset' | 'temporaryKeyCheck';

/** One of a user's runs, as the user catalog shows it. */
export interface RecentRun {
  kind: RunKind;
  workflowId: string;
  runId: string;
  startedAt: string;
  closedAt?: string;
  /** Temporal's own status: RUNNING, COMPLETED, FAILED, TERMINATED… */
  execution: string;
  /** The step the run last recorded (RecoveryStatus). */
  step?: string;
  /** What a finished run returned: a RecoveryOutcome, or the key check's verdict. */
  outcome?: string;
  /** Into the operators' Temporal Web UI, when the console knows its address. */
  link?: string;
}

/**
 * The user's newest runs from Temporal visibility, newest first, with the outcome each
 * finished one returned (read through the client's codec). Visibility lags a moment behind
 * the workflows. The username is a canonical one (letters, digits, `._@-`): no quote in it.
 */
export async function recentRuns(
  client: Client,
  username: string,
  options: { limit: number; temporalUiUrl?: string; deadlineMs: number },
): Promise<RecentRun[]> {
  const deadline = Date.now() + options.deadlineMs;
  return client.withDeadline(deadline, async () => {
    const found: WorkflowExecutionInfo[] = [];
    const listing = client.workflow.list({
      query: `${recoveryUser.name} = '${username}'`,
      pageSize: options.limit,
    });
    for await (const info of listing) {
      found.push(info);
      if (found.length >= options.limit) break;
    }
    found.sort((a, b) => b.startTime.getTime() - a.startTime.getTime());
    return Promise.all(found.map((info) => runOf(client, info, options.temporalUiUrl)));
  });
}

async function runOf(
  client: Client,
  info: WorkflowExecutionInfo,
  temporalUiUrl: string | undefined,
): Promise<RecentRun> {
  const step = info.typedSearchAttributes.get(recoveryStatus);
  const outcome = info.status.name === 'COMPLETED' ? await resultOf(client, info) : undefined;
  return {
    kind: info.type as RunKind,
    workflowId: info.workflowId,
    runId: info.runId,
    startedAt: info.startTime.toISOString(),
    closedAt: info.closeTime?.toISOString(),
    execution: info.status.name,
    step,
    outcome,
    // The run's own page: the workflow id alone shows its newest run.
    link: temporalUiUrl
      ? `${workflowUrl(temporalUiUrl, client.options.namespace, info.workflowId)}/${encodeURIComponent(info.runId)}`
      : undefined,
  };
}

/** A finished run's outcome: a recovery's or admin reset's `outcome`, or the key check's word. */
async function resultOf(client: Client, info: WorkflowExecutionInfo): Promise<string | undefined> {
  const result: unknown = await client.workflow
    .getHandle(info.workflowId, info.runId, { followRuns: false })
    .result();
  if (typeof result === 'string') return result;
  const outcome = (result as { outcome?: unknown } | null)?.outcome;
  return typeof outcome === 'string' ? outcome : undefined;
}
