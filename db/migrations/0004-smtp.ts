import { type Kysely, sql } from 'kysely';
import { generatedId } from './dialect';

/** SMTP configurations an admin keeps; the password is sealed (common/secret-box.ts). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('smtp_configs')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull().check(sql`port between 1 and 65535`))
    .addColumn('tls_mode', 'text', (c) =>
      c.notNull().check(sql`tls_mode in ('none', 'starttls', 'tls')`),
    )
    .addColumn('username', 'text')
    .addColumn('password_sealed', 'text')
    .addColumn('sender_address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('smtp_configs').execute();
}
