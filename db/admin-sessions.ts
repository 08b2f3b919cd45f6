import type { Db } from './database';

/** Signed-in admins are signed out after this long idle, and after this long in any case. */
export const adminIdleMinutes = 30;
export const adminAbsoluteHours = 8;

export async function createAdminSession(db: Db, digest: string, actor: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('admin_sessions')
    .values({ digest, actor, created_at: now, last_seen_at: now })
    .execute();
}

/** The admin of a live session, which this sighting keeps alive; undefined once expired. */
export async function touchAdminSession(
  db: Db,
  digest: string,
  now = new Date(),
): Promise<string | undefined> {
  const row = await db
    .selectFrom('admin_sessions')
    .selectAll()
    .where('digest', '=', digest)
    .executeTakeFirst();
  if (!row) return undefined;
  const idle = now.getTime() - Date.parse(row.last_seen_at) > adminIdleMinutes * 60_000;
  const old = now.getTime() - Date.parse(row.created_at) > adminAbsoluteHours * 3_600_000;
  if (idle || old) {
    await endAdminSession(db, digest);
    return undefined;
  }
  await db
    .updateTable('admin_sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('digest', '=', digest)
    .execute();
  return row.actor;
}

export async function endAdminSession(db: Db, digest: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('digest', '=', digest).execute();
}
