import { ApplicationFailure } from '@temporalio/activity';
import type { Locale } from '../../common/domain/locale';
import type { PasswordRejection } from '../../common/domain/passwords';
import type { Db } from '../../db/database';
import {
  forgetTemporaryKey,
  isNewestTemporaryKey,
  recordTemporaryKey,
} from '../../db/temporary-keys';
import type { Directory } from '../../directory/directory';
import { PasswordRejectedError } from '../../directory/directory';
import type { ResetBy } from '../../mail/notice-messages';
import type { NoticeSender } from '../notices';
import { temporaryKey, unknownPassword } from './temporary-key';

export interface ResetTarget {
  username: string;
  dn: string;
  mail: string;
  displayName: string;
  locale: Locale;
}

/** One temporary-key reset: which key (by its salt), how long it lives, who started it. */
export interface TemporaryKeyReset extends ResetTarget {
  salt: string;
  validMinutes: number;
  by?: ResetBy;
}

export interface ResetDeps {
  db: Db;
  directory: Directory;
  notices: NoticeSender;
  workerKey: Buffer;
}

/**
 * The reset, default mode: one activity makes the temporary key, sets it with "must change at
 * next sign-in", lifts any directory lockout and e-mails it, so the key never leaves here.
 * A retry derives the same key; the directory then says it is "in history", which here can
 * only mean this reset already set it.
 */
export async function resetWithTemporaryKey(
  deps: ResetDeps,
  input: TemporaryKeyReset,
): Promise<void> {
  const key = temporaryKey(deps.workerKey, input.salt);
  try {
    await deps.directory.setPassword(input.dn, key, { mustChange: true });
  } catch (error) {
    if (!(error instanceof PasswordRejectedError)) throw error;
    // A policy that refuses a 16-character, four-class key will refuse it again: stop.
    if (error.reason !== 'in-history') {
      throw ApplicationFailure.nonRetryable(
        `The directory's password policy refused the temporary key (${error.reason})`,
        'TemporaryKeyRefused',
      );
    }
  }
  // Recorded only once set: a refused reset must not make an older key's check moot.
  await recordTemporaryKey(deps.db, input.username, input.salt);
  await deps.directory.unlock(input.dn);
  try {
    await deps.notices.send(input.mail, input, {
      kind: 'temporary-key',
      key,
      validMinutes: input.validMinutes,
      by: input.by,
    });
  } catch (error) {
    if (!(error instanceof ApplicationFailure && error.nonRetryable)) throw error;
    // The key cannot be delivered: nobody may keep a working key nobody received.
    await deps.directory.setPassword(input.dn, unknownPassword(), { mustChange: true });
    await forgetTemporaryKey(deps.db, input.username);
    throw ApplicationFailure.nonRetryable(
      'The mail server refused the temporary key; the password was replaced by an unknown one',
      'TemporaryKeyUndeliverable',
    );
  }
}

/** Stricter mode: the user's own new password; the directory's policy may refuse it. */
export async function setChosenPassword(
  deps: ResetDeps,
  input: { username: string; dn: string; password: string },
): Promise<{ ok: true } | { ok: false; reason: PasswordRejection }> {
  try {
    await deps.directory.setPassword(input.dn, input.password, { mustChange: false });
  } catch (error) {
    if (!(error instanceof PasswordRejectedError)) throw error;
    // A retry of an attempt that did set it finds it "in history": it is the password now.
    const alreadySet =
      error.reason === 'in-history' &&
      (await deps.directory.checkSignIn(input.dn, input.password)) === 'ok';
    if (!alreadySet) return { ok: false, reason: error.reason };
  }
  await deps.directory.unlock(input.dn);
  await forgetTemporaryKey(deps.db, input.username);
  return { ok: true };
}

/**
 * The key-used check: once the temporary key's time is up, a key still waiting to be
 * changed is replaced by a password nobody knows, and the user is told. A newer reset since
 * makes this check moot: its own check looks after the newer key.
 */
export async function expireUnusedKey(
  deps: ResetDeps,
  input: ResetTarget & { salt: string },
): Promise<'used' | 'expired' | 'superseded'> {
  if (!(await isNewestTemporaryKey(deps.db, input.username, input.salt))) return 'superseded';
  if (!(await deps.directory.mustChangePending(input.dn))) return 'used';
  await deps.directory.setPassword(input.dn, unknownPassword(), { mustChange: true });
  await deps.notices.send(input.mail, input, { kind: 'key-expired' });
  await forgetTemporaryKey(deps.db, input.username);
  return 'expired';
}
