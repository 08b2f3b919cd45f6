import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

/**
 * The migrations' one difference between the dialects: an integer primary key the database
 * numbers itself. SQLite keeps `autoincrement`, as every existing database was made with it;
 * PostgreSQL gets an identity column (it has no `autoincrement`). Everything else the
 * migrations write (text timestamps, check constraints, unique columns that `onConflict`
 * upserts name) means the same on both.
 *
 * `.addColumn('id', 'integer', generatedId(db))`
 */
export function generatedId(
  db: Kysely<unknown>,
): (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db)
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
}

/** True on PostgreSQL, for the rare migration that must say something else there. */
export function isPostgres<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
