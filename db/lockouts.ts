import { clearAnswerFailures } from './answer-failures';
import type { Db } from './database';

/** When the user's recovery lockout ends, if one is in force. */
export async function lockedUntil(
  db: Db,
  username: string,
  now = new Date(),
): Promise<string | undefined> {
  const row = await db
    .selectFrom('recovery_lockouts')
    .select('locked_until')
    .where('username', '=', username)
    .executeTakeFirst();
  return row && Date.parse(row.locked_until) > now.getTime() ? row.locked_until : undefined;
}

export async function lockRecoveries(db: Db, username: string, until: string): Promise<void> {
  await db
    .insertInto('recovery_lockouts')
    .values({ username, locked_until: until, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('username').doUpdateSet({ locked_until: until }))
    .execute();
}

/** An admin lifts the user's recovery lockout; false when there was none to lift. */
export async function liftLockout(db: Db, username: string, now = new Date()): Promise<boolean> {
  const lifted = await db
    .deleteFrom('recovery_lockouts')
    .where('username', '=', username)
    .where('locked_until', '>', now.toISOString())
    .executeTakeFirst();
  // The user starts again with every try.
  await clearAnswerFailures(db, username);
  return lifted.numDeletedRows > 0n;
}

/** Forgets lockouts that have ended. */
export async function pruneLockouts(db: Db, now = new Date()): Promise<number> {
  const deleted = await db
    .deleteFrom('recovery_lockouts')
    .where('locked_until', '<', now.toISOString())
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
