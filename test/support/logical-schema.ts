import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { isPostgres } from '../../db/migrations/dialect';

/** A table as both dialects can be asked about it: what the migrations meant, not the syntax. */
export interface LogicalTable {
  columns: Array<{
    name: string;
    type: string;
    notNull: boolean;
    default: string | null;
    /** The database numbers it (SQLite's integer primary key, PostgreSQL's identity). */
    generated: boolean;
  }>;
  primaryKey: string[];
  unique: string[][];
  foreignKeys: Array<{ columns: string[]; references: string; onDelete: string }>;
  /** Indexes made by the migrations (not those behind a key or unique constraint). */
  indexes: Array<{ name: string; columns: string[] }>;
}

/** Every table but Kysely's own, read from the catalog (SQLite's pragmas, PostgreSQL's). */
export async function logicalSchema(db: Db): Promise<Record<string, LogicalTable>> {
  const schema = isPostgres(db) ? await postgresSchema(db) : await sqliteSchema(db);
  for (const table of Object.values(schema)) {
    table.unique.sort();
    table.indexes.sort((a, b) => a.name.localeCompare(b.name));
    table.foreignKeys.sort((a, b) => a.references.localeCompare(b.references));
  }
  return schema;
}

function ours(name: string) {
  return !name.startsWith('kysely_') && !name.startsWith('sqlite_');
}

async function sqliteSchema(db: Db): Promise<Record<string, LogicalTable>> {
  const tables = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' order by name`.execute(db);
  const schema: Record<string, LogicalTable> = {};
  for (const { name } of tables.rows.filter((t) => ours(t.name))) {
    const columns = await sql<{
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }>`select * from pragma_table_info(${name}) order by cid`.execute(db);
    const primaryKey = columns.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const indexList = await sql<{ name: string; origin: string }>`
      select * from pragma_index_list(${name})`.execute(db);
    const indexColumns = async (index: string) =>
      (
        await sql<{ name: string }>`
          select name from pragma_index_info(${index}) order by seqno`.execute(db)
      ).rows.map((c) => c.name);
    const unique: string[][] = [];
    const indexes: LogicalTable['indexes'] = [];
    for (const index of indexList.rows) {
      if (index.origin === 'u') unique.push(await indexColumns(index.name));
      if (index.origin === 'c')
        indexes.push({ name: index.name, columns: await indexColumns(index.name) });
    }
    const keys = await sql<{
      id: number;
      table: string;
      from: string;
      to: string;
      on_delete: string;
    }>`
      select * from pragma_foreign_key_list(${name})`.execute(db);
    schema[name] = {
      columns: columns.rows.map((c) => ({
        name: c.name,
        type: c.type.toLowerCase(),
        // A primary key is never null (SQLite alone lets a text one be: a quirk, not a meaning).
        notNull: c.notnull === 1 || c.pk > 0,
        default: c.dflt_value,
        generated: primaryKey.length === 1 && c.pk === 1 && c.type.toLowerCase() === 'integer',
      })),
      primaryKey,
      unique,
      foreignKeys: keys.rows.map((k) => ({
        columns: [k.from],
        references: `${k.table}.${k.to}`,
        onDelete: k.on_delete.toLowerCase(),
      })),
      indexes,
    };
  }
  return schema;
}

async function postgresSchema(db: Db): Promise<Record<string, LogicalTable>> {
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
  }>`
    select table_name, column_name, data_type, is_nullable, column_default, is_identity
    from information_schema.columns
    where table_schema = current_schema()
    order by table_name, ordinal_position`.execute(db);
  const constraints = await sql<{
    table_name: string;
    type: string;
    columns: string[];
    references: string | null;
    on_delete: string | null;
  }>`
    select t.relname as table_name, c.contype as type,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      (select r.relname || '.' || a.attname from pg_class r
         join pg_attribute a on a.attrelid = r.oid and a.attnum = c.confkey[1]
        where r.oid = c.confrelid) as references,
      case c.confdeltype when 'c' then 'cascade' when 'a' then 'no action' when 'r' then 'restrict'
        when 'n' then 'set null' when 'd' then 'set default' end as on_delete
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace s on s.oid = t.relnamespace
    where s.nspname = current_schema() and c.contype in ('p', 'u', 'f')`.execute(db);
  const indexes = await sql<{ table_name: string; name: string; columns: string[] }>`
    select t.relname as table_name, i.relname as name,
      array(select a.attname::text from unnest(x.indkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = t.oid and a.attnum = k.n order by k.o) as columns
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace s on s.oid = t.relnamespace
    where s.nspname = current_schema()
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db);

  const schema: Record<string, LogicalTable> = {};
  for (const c of columns.rows.filter((c) => ours(c.table_name))) {
    schema[c.table_name] ??= {
      columns: [],
      primaryKey: [],
      unique: [],
      foreignKeys: [],
      indexes: [],
    };
    schema[c.table_name]?.columns.push({
      name: c.column_name,
      type: c.data_type,
      notNull: c.is_nullable === 'NO',
      default: c.column_default,
      generated: c.is_identity === 'YES',
    });
  }
  for (const c of constraints.rows) {
    const table = schema[c.table_name];
    if (!table) continue;
    if (c.type === 'p') table.primaryKey = c.columns;
    if (c.type === 'u') table.unique.push(c.columns);
    if (c.type === 'f') {
      table.foreignKeys.push({
        columns: c.columns,
        references: c.references ?? '',
        onDelete: c.on_delete ?? '',
      });
    }
  }
  for (const i of indexes.rows)
    schema[i.table_name]?.indexes.push({ name: i.name, columns: i.columns });
  return schema;
}
