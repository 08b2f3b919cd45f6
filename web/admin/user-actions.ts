import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import type { Context } from 'hono';
import { isLocale, type Locale } from '../../common/domain/locale';
import {
  adminResetWorkflowId,
  questionsNoticeWorkflowId,
  recoveryWorkflowId,
} from '../../common/domain/workflow-ids';
import { deleteEnrollment } from '../../db/enrollments';
import { liftLockout } from '../../db/lockouts';
import type { adminReset } from '../../workflows/admin-reset';
import {
  type AdminResetRequest,
  type QuestionsNoticeRequest,
  questionsDeleted,
} from '../../workflows/messages';
import type { questionsNotice } from '../../workflows/questions-notice';
import { recoveryStatus } from '../../workflows/search-attributes';
import type { WebEnv } from '../env';
import { auditAdmin } from './admin-audit';
import { adminOf } from './auth';
import type { AdminDeps } from './deps';
import { type Refusal, refusalOf, type UserAccount, type UserAction } from './user-account';

/** Who acts, from where, and in which language the user hears of it. */
interface ActionContext {
  admin: string;
  clientAddress: string;
  /** The admin's page language: the user's e-mails use the enrollment's, when there is one. */
  locale: Locale;
}

/** Steps at which the user holds the recovery's session: no new link goes out then. */
const inSession = new Set(['enrolling', 'answering', 'choosing-password', 'resetting']);

/** The audit's event for each action; its outcome is 'ok' or 'refused' with the reason. */
const auditEvents: Record<UserAction, string> = {
  'delete-questions': 'questions-deleted',
  'alternate-link': 'alternate-link-sent',
  reset: 'admin-reset-started',
  'lift-lockout': 'lockout-lifted',
};

/**
 * The user catalog's actions: each is checked against what the account is now (refusalOf),
 * done, and audited as `admin:<name>` with the username, done or refused and why.
 */
export function createUserActions(deps: AdminDeps) {
  const deadline = () => Date.now() + (deps.temporalDeadlineMs ?? 8000);
  const temporal = <T>(call: () => Promise<T>) => deps.client.withDeadline(deadline(), call);

  /** The step of the user's running recovery; undefined when none runs. */
  async function runningStep(username: string): Promise<string | undefined> {
    try {
      const run = await temporal(() =>
        deps.client.workflow.getHandle(recoveryWorkflowId(username)).describe(),
      );
      if (run.status.name !== 'RUNNING') return undefined;
      return run.typedSearchAttributes.get(recoveryStatus) ?? 'looking-up';
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw error;
    }
  }

  function unavailable(error: unknown): Refusal {
    deps.log.warn({ err: error }, 'user catalog: Temporal did not answer');
    return 'unavailable';
  }

  /**
   * The deletion is done whatever happens here: a notice Temporal did not take is logged for
   * the operators, and the admin's page still says what was done.
   */
  async function announceDeletion(account: UserAccount, context: ActionContext) {
    const to = [account.user?.mail, account.enrollment?.alternateMail].filter(
      (address): address is string => Boolean(address),
    );
    const request: QuestionsNoticeRequest = {
      to,
      displayName: account.user?.displayName ?? account.username,
      locale: userLocale(account, context),
      change: 'deleted',
    };
    try {
      await temporal(() =>
        deps.client.workflow.start<typeof questionsNotice>('questionsNotice', {
          workflowId: questionsNoticeWorkflowId(account.username, randomUUID()),
          taskQueue: deps.taskQueue,
          args: [request],
        }),
      );
    } catch (error) {
      deps.log.error({ err: error }, 'user catalog: the deletion notice was not started');
    }
  }

  const perform: Record<
    UserAction,
    (account: UserAccount, context: ActionContext) => Promise<Refusal | undefined>
  > = {
    /**
     * The running recovery is told first (it stops asking the questions, so no answer is
     * checked against questions that are gone), then the enrollment goes: the next recovery
     * is an enrollment. With Temporal out of reach nothing is deleted. Both addresses hear of
     * it, the alternate one read before it goes.
     */
    async 'delete-questions'(account, context) {
      try {
        await temporal(() =>
          deps.client.workflow
            .getHandle(recoveryWorkflowId(account.username))
            .signal(questionsDeleted),
        );
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) return unavailable(error);
      }
      if (!(await deleteEnrollment(deps.db, account.username))) return 'not-enrolled';
      await announceDeletion(account, context);
      return undefined;
    },

    /**
     * Starts the user's recovery, or joins the running one, with the link going to the
     * verified alternate address (and the temporary key after it). Not while the user is in
     * the middle of a step: that recovery goes on where its link was opened.
     */
    async 'alternate-link'(account, context) {
      try {
        if (inSession.has((await runningStep(account.username)) ?? '')) return 'in-session';
      } catch (error) {
        return unavailable(error);
      }
      const sent = await deps.recoveries.request({
        username: account.username,
        locale: userLocale(account, context),
        sendTo: 'alternate',
        requestedBy: `admin:${context.admin}`,
        clientAddress: context.clientAddress,
      });
      return sent.ok ? undefined : 'unavailable';
    },

    /**
     * A workflow of its own makes, sets and e-mails the temporary key; the admin only
     * learns that it started. One at a time per user.
     */
    async reset(account, context) {
      const request: AdminResetRequest = {
        username: account.username,
        locale: userLocale(account, context),
        requestedBy: `admin:${context.admin}`,
        clientAddress: context.clientAddress,
      };
      try {
        await temporal(() =>
          deps.client.workflow.start<typeof adminReset>('adminReset', {
            workflowId: adminResetWorkflowId(account.username),
            taskQueue: deps.taskQueue,
            args: [request],
          }),
        );
        return undefined;
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return 'reset-running';
        return unavailable(error);
      }
    },

    /** The recovery lockout only: the service never locks the directory account itself. */
    async 'lift-lockout'(account) {
      return (await liftLockout(deps.db, account.username)) ? undefined : 'not-locked';
    },
  };

  /** The signed-in admin does `action` for the account, or learns why not; the audit records either. */
  return async function act(
    c: Context<WebEnv>,
    action: UserAction,
    account: UserAccount,
  ): Promise<Refusal | undefined> {
    const context = { admin: adminOf(c), clientAddress: c.var.clientAddress, locale: c.var.locale };
    let refusal: Refusal | undefined;
    try {
      refusal = refusalOf(action, account) ?? (await perform[action](account, context));
    } catch (error) {
      // Tried and failed (Temporal or the database down): the page says so; the audit too.
      await auditAdmin(deps.db, c, {
        username: account.username,
        event: auditEvents[action],
        outcome: 'failed',
      });
      throw error;
    }
    await auditAdmin(deps.db, c, {
      username: account.username,
      event: auditEvents[action],
      outcome: refusal ? 'refused' : 'ok',
      details: refusal ? { reason: refusal } : undefined,
    });
    return refusal;
  };
}

/** The user's e-mails speak the language they enrolled in, else the admin's. */
function userLocale(account: UserAccount, context: ActionContext): Locale {
  const enrolled = account.enrollment?.locale;
  return isLocale(enrolled) ? enrolled : context.locale;
}
