import type { Db } from './database';
import type { RecoveryLink } from './schema';

export async function saveLink(
  db: Db,
  link: Pick<RecoveryLink, 'digest' | 'workflow_id' | 'purpose' | 'expires_at'>,
): Promise<void> {
  await db
    .insertInto('recovery_links')
    .values({ ...link, used_at: null, created_at: new Date().toISOString() })
    .execute();
}

export async function findLink(db: Db, digest: string): Promise<RecoveryLink | undefined> {
  return db
    .selectFrom('recovery_links')
    .selectAll()
    .where('digest', '=', digest)
    .executeTakeFirst();
}

export async function markLinkUsed(db: Db, digest: string): Promise<void> {
  await db
    .updateTable('recovery_links')
    .set({ used_at: new Date().toISOString() })
    .where('digest', '=', digest)
    .execute();
}

/** Forgets links that expired more than a day ago; their recoveries ended long since. */
export async function pruneLinks(db: Db, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60 * 1000).toISOString();
  const deleted = await db
    .deleteFrom('recovery_links')
    .where('expires_at', '<', cutoff)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
