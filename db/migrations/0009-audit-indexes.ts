import type { Kysely } from 'kysely';

/**
 * The audit log's filters by event and by actor, newest first, read an index instead of the
 * whole log (0003 made those by time and by user).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_events_event')
    .on('audit_events')
    .columns(['event', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_events_actor')
    .on('audit_events')
    .columns(['actor', 'at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_actor').execute();
  await db.schema.dropIndex('audit_events_event').execute();
}
