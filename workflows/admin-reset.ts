import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { canonicalUsername } from '../common/domain/username';
import { activities } from './activities';
import type { AdminResetRequest, RecoveryOutcome, RecoveryResult } from './messages';
import { recoveryStatus, recoveryUser } from './search-attributes';
import { resetWithTemporaryKey } from './temporary-key-reset';

/**
 * An admin's temporary-key reset from the user catalog (R5, S3): the end of a recovery
 * without the link and the questions. The key is made, set with "must change at next
 * sign-in" and e-mailed to the directory's address inside one activity, so neither the admin
 * nor history ever holds it; its check expires it if unused (S2); every address on file hears
 * of it (S5). Every step is audited as the admin. Operators find it by the recovery's search
 * attributes, beside the user's recoveries.
 */
export async function adminReset(request: AdminResetRequest): Promise<RecoveryResult> {
  const { workflowId } = workflowInfo();
  let username = request.username;
  const audit = (event: string, outcome: string, details?: Record<string, number | string>) =>
    activities.audit({
      username,
      actor: request.requestedBy,
      event,
      outcome,
      workflowId,
      ...(request.clientAddress ? { clientAddress: request.clientAddress } : {}),
      ...(details ? { details } : {}),
    });
  const end = async (outcome: RecoveryOutcome, keyCheckWorkflowId?: string) => {
    upsertSearchAttributes([{ key: recoveryStatus, value: 'ended' }]);
    await audit('admin-reset', outcome);
    return { outcome, ...(keyCheckWorkflowId ? { keyCheckWorkflowId } : {}) };
  };
  upsertSearchAttributes([
    { key: recoveryUser, value: username },
    { key: recoveryStatus, value: 'resetting' },
  ]);

  // The catalog showed the account a moment ago; the directory has the last word.
  const policy = await activities.snapshotPolicy();
  const user = await activities.findUser(username);
  if (!user) return end('no-account');
  username = canonicalUsername(user.username);
  if (user.disabled) return end('disabled');
  if (!user.mail) return end('no-mail'); // R1: the key has nowhere to go.

  const keyCheckWorkflowId = await resetWithTemporaryKey({
    target: {
      username,
      dn: user.dn,
      mail: user.mail,
      displayName: user.displayName,
      locale: request.locale,
    },
    mainMail: user.mail,
    policy,
    audit,
    by: 'admin',
  });
  return keyCheckWorkflowId ? end('password-reset', keyCheckWorkflowId) : end('reset-failed');
}
