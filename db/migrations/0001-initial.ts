import { type Kysely, sql } from 'kysely';
import { generatedId } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_versions')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('min_questions', 'integer', (c) =>
      c.notNull().check(sql`min_questions between 1 and 15`),
    )
    .addColumn('link_ttl_seconds', 'integer', (c) => c.notNull())
    .addColumn('resend_limit_per_hour', 'integer', (c) => c.notNull())
    .addColumn('max_wrong_answers', 'integer', (c) => c.notNull())
    .addColumn('lockout_seconds', 'integer', (c) => c.notNull())
    .addColumn('reset_mode', 'text', (c) => c.notNull())
    .addColumn('temporary_key_ttl_seconds', 'integer', (c) => c.notNull())
    .addColumn('sender_address', 'text')
    .execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('text_es', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_links')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recovery_links_expires_at')
    .on('recovery_links')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recovery_links').execute();
  await db.schema.dropTable('questions').execute();
  await db.schema.dropTable('policy_versions').execute();
}
