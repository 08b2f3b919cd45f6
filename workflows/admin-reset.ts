import { upsertSearchAttributes } from '@temporalio/workflow';
import { canonicalUsername } from '../common/domain/username';
import { activities } from './activities';
import { AuditTrail } from './audit-trail';
import type { AdminResetRequest, RecoveryOutcome, RecoveryResult } from './messages';
import { recoveryStatus, recoveryUser } from './search-attributes';
import { resetWithTemporaryKey } from './temporary-key-reset';

/**
 * An admin's temporary-key reset from the user catalog: the end of a recovery without the
 * link and the questions. The key is made, set with "must change at next sign-in" and
 * e-mailed to the directory's address inside one activity, so neither the admin nor history
 * ever holds it; its check expires it if unused; every address on file hears of it. Every
 * step is audited as the admin. Operators find it by the recovery's search attributes,
 * beside the user's recoveries.
 */
export async function adminReset(request: AdminResetRequest): Promise<RecoveryResult> {
  const audit = new AuditTrail(request.username, request.clientAddress, request.requestedBy);
  const end = async (outcome: RecoveryOutcome, keyCheckWorkflowId?: string) => {
    upsertSearchAttributes([{ key: recoveryStatus, value: 'ended' }]);
    await audit.record('admin-reset', outcome);
    return { outcome, keyCheckWorkflowId };
  };
  upsertSearchAttributes([
    { key: recoveryUser, value: request.username },
    { key: recoveryStatus, value: 'resetting' },
  ]);

  // The catalog showed the account a moment ago; the directory has the last word.
  const policy = await activities.snapshotPolicy();
  const user = await activities.findUser(request.username);
  if (!user) return end('no-account');
  const username = canonicalUsername(user.username);
  audit.username = username;
  if (user.disabled) return end('disabled');
  if (!user.mail) return end('no-mail'); // The key would have nowhere to go.

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
