import type { Kysely } from 'kysely';

/**
 * Wrong answers per account, across recoveries: a new recovery must not start the
 * count again, or a lockout could be dodged by letting each recovery lapse before the limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('answer_failures')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    // The activity attempt that counted last: a retried one does not count twice.
    .addColumn('last_attempt', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('answer_failures').execute();
}
