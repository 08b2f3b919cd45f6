import { sleep, upsertSearchAttributes } from '@temporalio/workflow';
import type { ResetTarget } from '../activities/reset/reset';
import { activities } from './activities';
import { recoveryStatus, recoveryUser } from './search-attributes';

export interface KeyCheckInput extends ResetTarget {
  /** Which temporary key this check is for. */
  salt: string;
  validSeconds: number;
}

/**
 * A temporary key works only for a while. When its time is up, a key the user has not
 * replaced by their own password is replaced by one nobody knows, and the user is told.
 * Its own workflow, so that the recovery ends at the reset and a new one may start.
 */
export async function temporaryKeyCheck(
  input: KeyCheckInput,
): Promise<'used' | 'expired' | 'superseded'> {
  const { validSeconds, ...target } = input;
  const { username } = target;
  upsertSearchAttributes([
    { key: recoveryUser, value: username },
    { key: recoveryStatus, value: 'waiting-for-key-use' },
  ]);
  await sleep(validSeconds * 1000);
  const result = await activities.expireUnusedKey(target);
  await activities.audit({
    username,
    actor: 'system',
    event: 'temporary-key-check',
    outcome: result,
  });
  upsertSearchAttributes([{ key: recoveryStatus, value: 'ended' }]);
  return result;
}
