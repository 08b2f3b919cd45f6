import type { Selectable } from 'kysely';
import type { Db } from './database';
import type { AuditEventsTable } from './schema';

/** What the admin console's audit log asks for; every field narrows the list. */
export interface AuditFilter {
  username?: string;
  actor?: string;
  event?: string;
  outcome?: string;
  /** ISO-8601 UTC instants: `from` inclusive, `until` exclusive. */
  from?: string;
  until?: string;
}

/** A row's place in the log's order (newest first): its time, then its id. */
export interface AuditCursor {
  at: string;
  id: number;
}

/** An event as the log shows it (the idempotency key is the activities' business). */
export type AuditRow = Omit<Selectable<AuditEventsTable>, 'idempotency_key'>;

/** Where a page starts: the newest rows, the rows just older than a cursor, or just newer. */
export type AuditPosition = { older: AuditCursor } | { newer: AuditCursor } | Record<never, never>;

export interface AuditPage {
  rows: AuditRow[];
  /** Cursors for the neighbouring pages, when there are rows there. */
  older?: AuditCursor;
  newer?: AuditCursor;
}

/**
 * One page of matching events, newest first, by keyset on (at, id): a page costs the same deep
 * in a large log as at its start, and events recorded meanwhile do not shift the pages.
 */
export async function auditPage(
  db: Db,
  filter: AuditFilter,
  position: AuditPosition,
  size = 50,
): Promise<AuditPage> {
  if ('newer' in position) {
    // Read upwards from the cursor, then show the page newest first as ever.
    const rows = await matching(db, filter, { newer: position.newer }, size + 1);
    const more = rows.length > size;
    const page = rows.slice(0, size).reverse();
    return withCursors(page, { older: true, newer: more });
  }
  const rows = await matching(db, filter, position, size + 1);
  return withCursors(rows.slice(0, size), {
    older: rows.length > size,
    newer: 'older' in position,
  });
}

/** Every matching event, newest first, a page at a time: an export of any size in little memory. */
export async function* auditPages(
  db: Db,
  filter: AuditFilter,
  size = 500,
): AsyncGenerator<AuditRow[]> {
  let position: AuditPosition = {};
  for (;;) {
    const rows = await matching(db, filter, position, size);
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    position = { older: cursorOf(last) };
  }
}

function matching(db: Db, filter: AuditFilter, position: AuditPosition, limit: number) {
  const upwards = 'newer' in position;
  return db
    .selectFrom('audit_events')
    .select([
      'id',
      'at',
      'username',
      'actor',
      'event',
      'outcome',
      'client_address',
      'workflow_id',
      'details',
    ])
    .where((eb) => {
      const conditions = [];
      for (const column of ['username', 'actor', 'event', 'outcome'] as const) {
        const value = filter[column];
        if (value !== undefined) conditions.push(eb(column, '=', value));
      }
      if (filter.from !== undefined) conditions.push(eb('at', '>=', filter.from));
      if (filter.until !== undefined) conditions.push(eb('at', '<', filter.until));
      // Each cursor is written so that the range on `at` alone can use an index on it.
      if ('older' in position) {
        const { at, id } = position.older;
        conditions.push(eb('at', '<=', at), eb.or([eb('at', '<', at), eb('id', '<', id)]));
      }
      if ('newer' in position) {
        const { at, id } = position.newer;
        conditions.push(eb('at', '>=', at), eb.or([eb('at', '>', at), eb('id', '>', id)]));
      }
      return eb.and(conditions);
    })
    .orderBy('at', upwards ? 'asc' : 'desc')
    .orderBy('id', upwards ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}

function withCursors(rows: AuditRow[], more: { older: boolean; newer: boolean }): AuditPage {
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    ...(more.older && last ? { older: cursorOf(last) } : {}),
    ...(more.newer && first ? { newer: cursorOf(first) } : {}),
  };
}

function cursorOf(row: AuditRow): AuditCursor {
  return { at: row.at, id: row.id };
}
