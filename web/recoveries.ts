import {
  type Client,
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { recoveryWorkflowId } from '../common/domain/workflow-ids';
import { sealAnswers, sealPassword } from '../common/form-secrets';
import type { SecretBox } from '../common/secret-box';
import {
  type AnswersInput,
  type LinkRefusal,
  type NewPasswordInput,
  type OpenLinkInput,
  type OpenLinkResult,
  openLink,
  type PublicState,
  type RecoveryRequest,
  type RecoveryStatus,
  requestAgain,
  type SessionProof,
  sessionState,
} from '../workflows/messages';
import type { recovery } from '../workflows/recovery';
import { recoveryStatus } from '../workflows/search-attributes';

/** A status a recovery can be at while it runs: every RecoveryStatus but 'ended'. */
export type RunningStatus = Exclude<RecoveryStatus, 'ended'>;

const runningOrder: Record<RunningStatus, true> = {
  'looking-up': true,
  'waiting-for-click': true,
  enrolling: true,
  answering: true,
  'choosing-password': true,
  resetting: true,
};
/** In the order a recovery goes through them. */
export const runningStatuses = Object.keys(runningOrder) as RunningStatus[];

/** Temporal or the worker did not answer in time: the page says "try again in a minute". */
export type Unavailable = { ok: false; reason: 'unavailable' };

/** The recovery has ended (expired, finished): the user starts again. */
export type Gone = { ok: false; reason: 'gone' };

/** The recovery refused the call: not this browser's session, or not the step it is at. */
export type Refused = { ok: false; reason: 'session' | 'step' };

export interface RecoveryClientOptions {
  taskQueue: string;
  /** Seals the forms' answers and passwords for the worker (common/form-secrets.ts). */
  secretBox: SecretBox;
  /** Every call has a deadline, so a page never hangs on Temporal. */
  deadlineMs?: number;
}

/** The calls the pages make to recoveries, each turned into a result the page can show. */
export function createRecoveryClient(client: Client, options: RecoveryClientOptions) {
  const deadlineMs = options.deadlineMs ?? 8000;
  const deadline = () => Date.now() + deadlineMs;
  const box = options.secretBox;

  /** The form with what the user typed in secret sealed; nothing else changes. */
  function sealed<Input>(input: Input): Input {
    const form = input as Partial<AnswersInput & NewPasswordInput>;
    return {
      ...input,
      ...(form.answers && { answers: sealAnswers(box, form.answers) }),
      ...(form.password !== undefined && { password: sealPassword(box, form.password) }),
    };
  }

  async function update<Result, Input>(
    workflowId: string,
    definition: UpdateDefinition<Result, [Input]>,
    input: Input,
  ): Promise<
    | { ok: true; result: Result }
    | { ok: false; reason: 'refused'; message?: string }
    | Gone
    | Unavailable
  > {
    try {
      const result = await client.withDeadline(deadline(), () =>
        client.workflow.getHandle(workflowId).executeUpdate(definition, { args: [input] }),
      );
      return { ok: true, result };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const message = (error.cause as Error | undefined)?.message;
        return { ok: false, reason: 'refused', message };
      }
      return isGone(error) ? { ok: false, reason: 'gone' } : { ok: false, reason: 'unavailable' };
    }
  }

  return {
    /**
     * Starts the user's recovery, or tells the running one that the user asked again. The web
     * neither knows nor waits for whether the account exists. A `quiet` request (the username
     * over its limit) starts a recovery when none runs, so no stranger keeps the user from
     * one, and leaves a running one alone.
     */
    async request(request: RecoveryRequest, quiet = false): Promise<{ ok: true } | Unavailable> {
      const start = {
        workflowId: recoveryWorkflowId(request.username),
        taskQueue: options.taskQueue,
        args: [request] as [RecoveryRequest],
      };
      try {
        await client.withDeadline(deadline(), async () => {
          if (quiet) {
            await client.workflow.start<typeof recovery>('recovery', {
              ...start,
              workflowIdConflictPolicy: 'USE_EXISTING',
            });
          } else {
            await client.workflow.signalWithStart<typeof recovery, [RecoveryRequest]>('recovery', {
              ...start,
              signal: requestAgain,
              signalArgs: [request],
            });
          }
        });
        return { ok: true };
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
    },

    /** Asks the recovery to accept a link; it answers once, for the newest, unexpired link. */
    async openLink(
      workflowId: string,
      input: OpenLinkInput,
    ): Promise<
      { ok: true; result: OpenLinkResult } | { ok: false; reason: LinkRefusal } | Unavailable
    > {
      const answer = await update(workflowId, openLink, input);
      if (answer.ok) return answer;
      if (answer.reason === 'gone') return { ok: false, reason: 'expired' };
      if (answer.reason === 'unavailable') return { ok: false, reason: 'unavailable' };
      return { ok: false, reason: isLinkRefusal(answer.message) ? answer.message : 'unknown' };
    },

    /**
     * Sends one of the session's forms (enrollment, answers, new password) to the recovery,
     * its answers or password sealed for the activities (common/form-secrets.ts).
     */
    async submit<Result, Input extends SessionProof>(
      workflowId: string,
      definition: UpdateDefinition<Result, [Input]>,
      input: Input,
    ): Promise<{ ok: true; result: Result } | Refused | Gone | Unavailable> {
      const answer = await update(workflowId, definition, sealed(input));
      if (answer.ok || answer.reason !== 'refused') return answer;
      return { ok: false, reason: answer.message === 'session' ? 'session' : 'step' };
    },

    /** What the page should show now; only to the browser holding the session (else gone). */
    async state(
      workflowId: string,
      sessionDigest: string,
    ): Promise<{ ok: true; state: PublicState } | Gone | Unavailable> {
      try {
        const handle = client.workflow.getHandle(workflowId);
        const state = await client.withDeadline(deadline(), () =>
          handle.query(sessionState, sessionDigest),
        );
        // Not this browser's session: as if the recovery were gone (nothing leaks about it).
        return state ? { ok: true, state } : { ok: false, reason: 'gone' };
      } catch (error) {
        return isGone(error) ? { ok: false, reason: 'gone' } : { ok: false, reason: 'unavailable' };
      }
    },

    /**
     * How many recoveries of this task queue run now, by the status they record as a search
     * attribute. Visibility lags a moment behind the workflows. One count per status:
     * Temporal groups counts by ExecutionStatus only.
     */
    async runningByStatus(): Promise<
      { ok: true; counts: Record<RunningStatus, number> } | Unavailable
    > {
      const base = `WorkflowType = 'recovery' AND ExecutionStatus = 'Running' AND TaskQueue = '${options.taskQueue}'`;
      try {
        const counts = await client.withDeadline(deadline(), () =>
          Promise.all(
            runningStatuses.map(async (status) => {
              const query = `${base} AND ${recoveryStatus.name} = '${status}'`;
              return [status, (await client.workflow.count(query)).count] as const;
            }),
          ),
        );
        return { ok: true, counts: Object.fromEntries(counts) as Record<RunningStatus, number> };
      } catch {
        return { ok: false, reason: 'unavailable' };
      }
    },
  };
}

export type RecoveryClient = ReturnType<typeof createRecoveryClient>;

function isLinkRefusal(value: unknown): value is LinkRefusal {
  return value === 'expired' || value === 'used' || value === 'superseded' || value === 'unknown';
}

/** The workflow does not exist or has completed. */
function isGone(error: unknown): boolean {
  if (error instanceof WorkflowNotFoundError) return true;
  const cause = (error as { cause?: unknown }).cause;
  return [error, cause].some((e) => isGrpcServiceError(e) && e.code === 5);
}
