import { sql } from 'kysely';
import type { Db } from './database';

/* What the admin dashboard counts in the service's database. */

export interface OutcomeCount {
  /** YYYY-MM-DD, UTC. */
  day: string;
  outcome: string;
  count: number;
}

/**
 * How many recoveries ended each day (UTC) from `fromDay` on, by outcome: every recovery
 * writes one 'recovery' event as it ends (workflows/recovery.ts), its outcome a RecoveryOutcome.
 */
export async function recoveryOutcomesByDay(db: Db, fromDay: string): Promise<OutcomeCount[]> {
  // The time is stored as ISO-8601 text: its first ten characters are the day.
  const day = sql<string>`substr(at, 1, 10)`;
  const rows = await db
    .selectFrom('audit_events')
    .select((eb) => [day.as('day'), 'outcome', eb.fn.countAll().as('count')])
    .where('event', '=', 'recovery')
    .where('at', '>=', fromDay)
    .groupBy([day, 'outcome'])
    .execute();
  // PostgreSQL counts in bigint, which pg hands over as a string.
  return rows.map((row) => ({ day: row.day, outcome: row.outcome, count: Number(row.count) }));
}

/**
 * How many users have set up their security questions. Enrollments are kept by username: one
 * of an account deleted since, or moved out of the service's base, still counts here.
 */
export async function enrolledCount(db: Db): Promise<number> {
  const { count } = await db
    .selectFrom('enrollments')
    .select((eb) => eb.fn.countAll().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}
