import type { Kysely } from 'kysely';
import { generatedId } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('enrollments')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('alternate_mail', 'text', (c) => c.notNull())
    .addColumn('alternate_verified_at', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrollment_answers')
    .addColumn('username', 'text', (c) =>
      c.notNull().references('enrollments.username').onDelete('cascade'),
    )
    .addColumn('question_id', 'integer', (c) => c.notNull().references('questions.id'))
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('enrollment_answers_pk', ['username', 'question_id'])
    .execute();

  await db.schema
    .createTable('alternate_verifications')
    .addColumn('digest', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('alternate_mail', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('recovery_lockouts')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('temporary_keys')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'integer', generatedId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text')
    .addColumn('workflow_id', 'text')
    .addColumn('details', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema
    .createIndex('audit_events_username')
    .on('audit_events')
    .columns(['username', 'at'])
    .execute();

  await db.schema
    .alterTable('policy_versions')
    .addColumn('min_answer_length', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('policy_versions').dropColumn('min_answer_length').execute();
  await db.schema.dropTable('audit_events').execute();
  await db.schema.dropTable('temporary_keys').execute();
  await db.schema.dropTable('recovery_lockouts').execute();
  await db.schema.dropTable('alternate_verifications').execute();
  await db.schema.dropTable('enrollment_answers').execute();
  await db.schema.dropTable('enrollments').execute();
}
