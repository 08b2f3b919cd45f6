import type { Db } from './database';
import type { RecoveryLink } from './schema';

export async function saveLink(
  db: Db,
  link: Pick<RecoveryLink, 'digest' | 'workflow_id' | 'purpose' | 'expires_at'> & {
    to_digest?: string;
  },
): Promise<void> {
  await db
    .insertInto('recovery_links')
    .values({ to_digest: null, ...link, used_at: null, created_at: new Date().toISOString() })
    .execute();
}

export async function findLink(db: Db, digest: string): Promise<RecoveryLink | undefined> {
  return db
    .selectFrom('recovery_links')
    .selectAll()
    .where('digest', '=', digest)
    .executeTakeFirst();
}

/** Links made for the address with this HMAC since `since`, by any recovery. */
export async function linksToSince(db: Db, toDigest: string, since: Date): Promise<number> {
  const { count } = await db
    .selectFrom('recovery_links')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('to_digest', '=', toDigest)
    .where('created_at', '>=', since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** A link that never went out (held by the cap, or its e-mail failed) does not exist. */
export async function forgetLink(db: Db, digest: string): Promise<void> {
  await db.deleteFrom('recovery_links').where('digest', '=', digest).execute();
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
