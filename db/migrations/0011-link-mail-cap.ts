import type { Kysely } from 'kysely';

/**
 * The inbox cap: the policy's most link e-mails one address gets in an hour, and each link's
 * address, by its HMAC, so the links of every recovery to that address can be counted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('policy_versions')
    .addColumn('link_mails_per_address_per_hour', 'integer', (c) => c.notNull().defaultTo(10))
    .execute();
  await db.schema.alterTable('recovery_links').addColumn('to_digest', 'text').execute();
  await db.schema
    .createIndex('recovery_links_to_digest')
    .on('recovery_links')
    .columns(['to_digest', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('recovery_links_to_digest').execute();
  await db.schema.alterTable('recovery_links').dropColumn('to_digest').execute();
  await db.schema
    .alterTable('policy_versions')
    .dropColumn('link_mails_per_address_per_hour')
    .execute();
}
