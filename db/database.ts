import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { DatabaseLocation } from '../common/config';
import * as initial from './migrations/0001-initial';
import * as defaults from './migrations/0002-defaults';
import * as enrollment from './migrations/0003-enrollment';
import * as smtp from './migrations/0004-smtp';
import * as adminSessions from './migrations/0006-admin-sessions';
import * as smtpTestResults from './migrations/0007-smtp-test-results';
import * as auditIndexes from './migrations/0009-audit-indexes';
import * as answerFailures from './migrations/0010-answer-failures';
import * as linkMailCap from './migrations/0011-link-mail-cap';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** What goes wrong with a connection nobody is using (a restarted server): said, not thrown. */
export type ConnectionErrorHandler = (error: Error) => void;

/**
 * Opens the service's database: a SQLite file (a string is one too), creating its folder, in
 * WAL mode so that web and worker share it; or PostgreSQL, which several web and worker
 * instances share, through a pool of connections.
 */
export function openDatabase(
  where: DatabaseLocation | string,
  onConnectionError?: ConnectionErrorHandler,
): Db {
  const location: DatabaseLocation =
    typeof where === 'string' ? { dialect: 'sqlite', file: where } : where;
  if (location.dialect === 'sqlite') {
    return new Kysely<Database>({
      dialect: new SqliteDialect({ database: openSqlite(location.file) }),
    });
  }
  const pool = openPostgresPool(location.url, { max: 10, onConnectionError });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A pool of PostgreSQL connections. Big integers (count(*)) arrive as numbers, as SQLite gives
 * them. A page waits at most 10 s for a connection and a statement runs at most 30 s, so a
 * database in trouble yields an error page, never a hung request; idle connections close.
 */
export function openPostgresPool(
  url: string,
  options: { max: number; onConnectionError?: ConnectionErrorHandler },
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 30_000,
    application_name: 'sspr',
    keepAlive: true,
    types: { getTypeParser: postgresTypeParser },
  });
  // Without a listener an idle connection's error would end the process; the pool drops that
  // connection, and the next query opens a new one (or fails visibly).
  pool.on('error', (error) => options.onConnectionError?.(error));
  return pool;
}

const int8 = 20;
const postgresTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === int8 && format !== 'binary'
    ? (value: string) => Number(value)
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

/**
 * The rate limits' counters (web/rate-limit.ts) in the service's database, over a connection of
 * their own: SQLite's writes must stay outside the pages' Kysely transactions, which span awaits
 * on the one connection Kysely holds; PostgreSQL's get a small pool.
 */
export type LimitStore = SQLite.Database | pg.Pool;

export function openLimitStore(
  location: DatabaseLocation,
  onConnectionError?: ConnectionErrorHandler,
): LimitStore {
  return location.dialect === 'sqlite'
    ? openSqlite(location.file)
    : openPostgresPool(location.url, { max: 4, onConnectionError });
}

export async function closeLimitStore(store: LimitStore): Promise<void> {
  if (store instanceof pg.Pool) await store.end();
  else store.close();
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
  '0007-smtp-test-results': smtpTestResults,
  '0009-audit-indexes': auditIndexes,
  '0010-answer-failures': answerFailures,
  '0011-link-mail-cap': linkMailCap,
};

/** The service's migrations, for tests that go down and up again. */
export function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Applies every pending migration; every process calls it at start. Kysely takes a lock first
 * on PostgreSQL (an advisory lock), so instances that start together migrate once; on SQLite
 * its lock is a no-op (one connection), so web and worker starting together on a new file
 * would both create the tables: they take turns through a lock file of their own instead.
 */
export async function migrateToLatest(db: Db): Promise<void> {
  const lock = await sqliteMigrationLock(db);
  try {
    const { error } = await migrator(db).migrateToLatest();
    if (error) throw error;
  } finally {
    lock?.close();
  }
}

/** SQLite's own exclusive lock, on a file beside the database, held until closed. */
async function sqliteMigrationLock(db: Db): Promise<SQLite.Database | undefined> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return undefined;
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(db);
  const file = rows[0]?.file;
  // An in-memory database has no file, and no other process.
  if (!file) return undefined;
  const lock = new SQLite(`${file}.migrating`);
  // Another process migrating: wait for it (a migration takes well under this).
  lock.pragma('busy_timeout = 60000');
  lock.exec('BEGIN EXCLUSIVE');
  return lock;
}
