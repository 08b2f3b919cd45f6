import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import * as initial from './migrations/0001-initial';
import * as defaults from './migrations/0002-defaults';
import * as enrollment from './migrations/0003-enrollment';
import * as smtp from './migrations/0004-smtp';
import * as adminSessions from './migrations/0006-admin-sessions';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** Opens the SQLite database file, creating its folder; WAL lets web and worker share it. */
export function openDatabase(file: string): Db {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }) });
}

/**
 * One plain better-sqlite3 connection to the database file, set up as openDatabase's own. The
 * web's rate limits use a second one: they write outside the pages' Kysely transactions, which
 * span awaits on the one connection Kysely holds.
 */
export function openSqlite(file: string): SQLite.Database {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

const migrations = {
  '0001-initial': initial,
  '0002-defaults': defaults,
  '0003-enrollment': enrollment,
  '0004-smtp': smtp,
  '0006-admin-sessions': adminSessions,
};

/** Applies every pending migration; both processes call it at start (Kysely takes a lock). */
export async function migrateToLatest(db: Db): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
