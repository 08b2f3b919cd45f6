import {
  type Client,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import {
  type LinkRefusal,
  type OpenLinkInput,
  type OpenLinkResult,
  openLink,
  type RecoveryRequest,
  requestAgain,
} from '../workflows/messages';
import type { recovery } from '../workflows/recovery';

/** Every call to Temporal from a page has a deadline, so a page never hangs (recipes). */
const deadlineMs = 8000;

/** One recovery per user: the id is the canonical username's (DESIGN step 1). */
export function recoveryWorkflowId(username: string): string {
  return `recovery-${username}`;
}

export type Unavailable = { ok: false; reason: 'unavailable' };

/**
 * Starts the user's recovery, or tells the running one that the user asked again. The web
 * neither knows nor waits for whether the account exists (S4).
 */
export async function requestRecovery(
  client: Client,
  taskQueue: string,
  request: RecoveryRequest,
): Promise<{ ok: true } | Unavailable> {
  try {
    await client.withDeadline(Date.now() + deadlineMs, () =>
      client.workflow.signalWithStart<typeof recovery, [RecoveryRequest]>('recovery', {
        workflowId: recoveryWorkflowId(request.username),
        taskQueue,
        args: [request],
        signal: requestAgain,
        signalArgs: [request],
      }),
    );
    return { ok: true };
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
}

/** Asks the recovery to accept a link; it answers once, for the newest, unexpired link. */
export async function openRecoveryLink(
  client: Client,
  workflowId: string,
  input: OpenLinkInput,
): Promise<
  { ok: true; result: OpenLinkResult } | { ok: false; reason: LinkRefusal } | Unavailable
> {
  try {
    const result = await client.withDeadline(Date.now() + deadlineMs, () =>
      client.workflow.getHandle(workflowId).executeUpdate(openLink, { args: [input] }),
    );
    return { ok: true, result };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const reason = (error.cause as Error | undefined)?.message;
      return { ok: false, reason: isRefusal(reason) ? reason : 'unknown' };
    }
    // The recovery has ended (its link expired, or it finished): the link is dead.
    if (error instanceof WorkflowNotFoundError || isGrpcNotFound(error)) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: false, reason: 'unavailable' };
  }
}

function isRefusal(value: unknown): value is LinkRefusal {
  return value === 'expired' || value === 'used' || value === 'superseded' || value === 'unknown';
}

function isGrpcNotFound(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause;
  return [error, cause].some((e) => isGrpcServiceError(e) && e.code === 5);
}
