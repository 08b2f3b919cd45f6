import type { Kysely } from 'kysely';
import { defaultPolicy, starterQuestions } from '../defaults';
import type { Database } from '../schema';

/** The first policy and a starter question catalog, so that a new installation works at once. */
export async function up(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('policy_versions')
    .values({ ...defaultPolicy, created_at: now, created_by: 'installation' })
    .execute();
  await db
    .insertInto('questions')
    .values(starterQuestions.map(([es, en]) => ({ text_es: es, text_en: en, created_at: now })))
    .execute();
}

export async function down(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('questions').execute();
  await db.deleteFrom('policy_versions').execute();
}
