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

/**
 * The admin of a session: a live one, which this sighting keeps alive, or one that has just
 * expired (and is ended now, so the audit can say so once); undefined when there is none.
 */
export async function touchAdminSession(
  db: Db,
  digest: string,
  now = new Date(),
): Promise<{ actor: string; expired?: true } | undefined> {
  const row = await db
    .selectFrom('admin_sessions')
    .selectAll()
    .where('digest', '=', digest)
    .executeTakeFirst();
  if (!row) return undefined;
  const idle = now.getTime() - Date.parse(row.last_seen_at) > adminIdleMinutes * 60_000;
  const old = now.getTime() - Date.parse(row.created_at) > adminAbsoluteHours * 3_600_000;
  if (idle || old) {
    const ended = await endAdminSession(db, digest);
    return ended ? { actor: ended, expired: true } : undefined;
  }
  await db
    .updateTable('admin_sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('digest', '=', digest)
    .execute();
  return { actor: row.actor };
}

/** Ends the session; its admin, or undefined when it had already ended. */
export async function endAdminSession(db: Db, digest: string): Promise<string | undefined> {
  const ended = await db
    .deleteFrom('admin_sessions')
    .where('digest', '=', digest)
    .returning('actor')
    .executeTakeFirst();
  return ended?.actor;
}

/** Forgets sessions past the absolute limit that nobody came back to end. */
export async function pruneAdminSessions(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - adminAbsoluteHours * 3_600_000).toISOString();
  const deleted = await db
    .deleteFrom('admin_sessions')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
