import { onTestFinished } from 'vitest';
import type { DatabaseLocation } from '../../../common/config';
import { migrateToLatest, openDatabase } from '../../../db/database';

/**
 * A new, empty database for each test (a SQLite file; a PostgreSQL database of the global
 * setup's server), or the reason the dialect cannot be tested here.
 */
export type FreshDatabase = (() => Promise<DatabaseLocation>) | { unavailable: string };

/** A suite's title on a dialect (saying why it is skipped) and how its tests open a database. */
export function onDialect(
  what: string,
  dialect: DatabaseLocation['dialect'],
  fresh: FreshDatabase,
) {
  const skipped = typeof fresh !== 'function';
  const title = `${what} on ${dialect}${skipped ? ` (skipped: ${fresh.unavailable})` : ''}`;

  /** A new database for one test, migrated unless asked not to; closed when the test ends. */
  async function open(options: { migrate?: false } = {}) {
    if (typeof fresh !== 'function') throw new Error(fresh.unavailable);
    const location = await fresh();
    const db = openDatabase(location);
    onTestFinished(() => db.destroy());
    if (options.migrate !== false) await migrateToLatest(db);
    return { db, location };
  }

  return { skipped, title, open };
}
