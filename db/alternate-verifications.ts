import type { Db } from './database';

export async function saveAlternateVerification(
  db: Db,
  row: { digest: string; username: string; alternateMail: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('alternate_verifications')
    .values({
      digest: row.digest,
      username: row.username,
      alternate_mail: row.alternateMail,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

export type VerificationOutcome = 'verified' | 'used' | 'expired' | 'unknown';

/**
 * Uses a verification link once: the alternate address is verified only if it is still the
 * one the user enrolled with (enrolling again makes older links worthless).
 */
export async function consumeAlternateVerification(
  db: Db,
  digest: string,
  now = new Date(),
): Promise<VerificationOutcome> {
  return db.transaction().execute(async (tx) => {
    const link = await tx
      .selectFrom('alternate_verifications')
      .selectAll()
      .where('digest', '=', digest)
      .executeTakeFirst();
    if (!link) return 'unknown';
    if (link.used_at) return 'used';
    if (Date.parse(link.expires_at) <= now.getTime()) return 'expired';
    // Only if still unused: on PostgreSQL two clicks at once both read it unused above.
    const used = await tx
      .updateTable('alternate_verifications')
      .set({ used_at: now.toISOString() })
      .where('digest', '=', digest)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) return 'used';
    const updated = await tx
      .updateTable('enrollments')
      .set({ alternate_verified_at: now.toISOString() })
      .where('username', '=', link.username)
      .where('alternate_mail', '=', link.alternate_mail)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n ? 'verified' : 'unknown';
  });
}
