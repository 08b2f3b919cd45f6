import type { Db } from './database';

export async function recordTemporaryKey(db: Db, username: string, salt: string): Promise<void> {
  const set_at = new Date().toISOString();
  await db
    .insertInto('temporary_keys')
    .values({ username, salt, set_at })
    .onConflict((oc) => oc.column('username').doUpdateSet({ salt, set_at }))
    .execute();
}

/** The user set a password of their own choice: no temporary key is pending any more. */
export async function forgetTemporaryKey(db: Db, username: string): Promise<void> {
  await db.deleteFrom('temporary_keys').where('username', '=', username).execute();
}

export async function isNewestTemporaryKey(
  db: Db,
  username: string,
  salt: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('temporary_keys')
    .select('salt')
    .where('username', '=', username)
    .executeTakeFirst();
  return row?.salt === salt;
}
