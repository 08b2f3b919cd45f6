import type { Kysely } from 'kysely';

const columns = ['last_test_at', 'last_test_code', 'last_test_detail'] as const;

/**
 * The last test message of each SMTP configuration, for the admin's list: when, what it
 * found (mail/smtp-configs.ts SmtpTestCode) and the server's answer. One column a
 * statement: SQLite alters one at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of columns) {
    await db.schema.alterTable('smtp_configs').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of [...columns].reverse()) {
    await db.schema.alterTable('smtp_configs').dropColumn(column).execute();
  }
}
