import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import type { PolicySnapshot } from '../activities';
import type { ResetTarget } from '../activities/reset/reset';
import { keyCheckWorkflowId } from '../common/domain/workflow-ids';
import type { ResetBy } from '../mail/notice-messages';
import { activities } from './activities';
import type { AuditTrail } from './audit-trail';
import { temporaryKeyCheck } from './key-check';

/** The end of a recovery, or an admin's reset: whose password, where its key goes, who asked. */
export interface KeyResetJob {
  /** `mail` is where the key goes: the main address, or the verified alternate one. */
  target: ResetTarget;
  /** The directory's address, which hears of every reset. */
  mainMail: string;
  policy: Pick<PolicySnapshot, 'minQuestions' | 'temporaryKeyTtlSeconds'>;
  /** The run's audit, whose events are the workflow's actor's. */
  audit: AuditTrail;
  /** Absent: the user's own recovery. */
  by?: ResetBy;
}

/**
 * The reset, by default: one activity makes, sets and e-mails the temporary key, so the key
 * never enters history; then a workflow of its own checks later that it was used, and every
 * address on file hears of the reset. Returns the key check's workflow id, or undefined when
 * the reset failed (audited, and the user told).
 */
export async function resetWithTemporaryKey(job: KeyResetJob): Promise<string | undefined> {
  const { target, audit, by } = job;
  const salt = uuid4();
  try {
    await activities.resetWithTemporaryKey({
      ...target,
      salt,
      validMinutes: Math.max(1, Math.round(job.policy.temporaryKeyTtlSeconds / 60)),
      by,
    });
  } catch (error) {
    // Only a permanent refusal gets here (transient failures are retried): the directory
    // refused the key (the password is unchanged), or the key's e-mail was refused (the
    // activity then replaced the key by an unknown password). The audit says which.
    await audit.record('password-reset', 'failed', {
      reason: String((error as Error).cause ?? error),
    });
    await activities.sendNotice({
      to: [target.mail],
      displayName: target.displayName,
      locale: target.locale,
      notice: { kind: 'reset-failed', by },
    });
    return undefined;
  }
  await audit.record('password-reset', 'temporary-key');
  // The key must expire whatever happens next: its check starts before any notice.
  const check = await startChild(temporaryKeyCheck, {
    workflowId: keyCheckWorkflowId(target.username, salt),
    args: [{ ...target, salt, validSeconds: job.policy.temporaryKeyTtlSeconds }],
    parentClosePolicy: ParentClosePolicy.ABANDON,
  });
  await announceReset(job, 'temporary-key');
  return check.workflowId;
}

/** Every address on file hears of the reset, with no secret in it. */
export async function announceReset(
  job: Omit<KeyResetJob, 'target'> & { target: Omit<ResetTarget, 'dn'> },
  mode: 'temporary-key' | 'user-chooses',
): Promise<void> {
  const { target } = job;
  // Read again: the user may have confirmed the alternate address since enrolling.
  const enrollment = await activities.loadEnrollment({
    username: target.username,
    minQuestions: job.policy.minQuestions,
  });
  const alternate =
    enrollment.alternateVerified && enrollment.alternateMail ? [enrollment.alternateMail] : [];
  const refused = await activities.sendNotice({
    to: [job.mainMail, ...alternate],
    displayName: target.displayName,
    locale: target.locale,
    notice: {
      kind: 'password-reset',
      at: new Date().toISOString(),
      mode,
      by: job.by,
      keyTo: mode === 'temporary-key' && target.mail !== job.mainMail ? 'alternate' : undefined,
    },
  });
  if (refused > 0) await job.audit.record('reset-notice', 'refused', { addresses: refused });
}
