import type { Context } from 'hono';
import { Hono } from 'hono';
import { auditPage, auditPages } from '../../../db/audit-log';
import type { WebEnv } from '../../env';
import { auditAdmin } from '../admin-audit';
import { csvStream } from '../audit-csv';
import { type AuditQuery, readAuditQuery } from '../audit-filter';
import { csvHeader, csvRecord } from '../audit-format';
import { adminOf } from '../auth';
import type { AdminDeps } from '../deps';
import { AuditLogPage } from '../views/audit-page';

/**
 * The audit log: filters in the query string, keyset pages (`log`, at adminPaths.audit), and
 * the CSV export (`csv`, at adminPaths.auditCsv: a path beside the log's, not under it).
 */
export function auditRoutes(deps: AdminDeps) {
  const log = new Hono<WebEnv>();
  const csv = new Hono<WebEnv>();
  const temporal = deps.temporalUiUrl
    ? { ui: deps.temporalUiUrl, namespace: deps.client.options.namespace }
    : undefined;

  log.get('/', async (c) => {
    const query = readAuditQuery(c.req.query());
    if (!query.ok) return badFilter(c, query);
    return auditLog(c, {
      fields: query.fields,
      events: await auditPage(deps.db, query.filter, query.position),
    });
  });

  // Streamed a page of rows at a time, however large the log: no cap, little memory.
  csv.get('/', async (c) => {
    const query = readAuditQuery(c.req.query());
    if (!query.ok) return badFilter(c, query);
    // Reading the whole log out is worth a record of its own.
    await auditAdmin(deps.db, c, {
      event: 'audit-exported',
      outcome: 'ok',
      details: Object.fromEntries(Object.entries(query.fields).filter(([, value]) => value)),
    });
    const t = c.var.t.admin.audit;
    const pages = auditPages(deps.db, query.filter);
    const records = (async function* () {
      for await (const rows of pages) yield rows.map((row) => csvRecord(t, row));
    })();
    const day = new Date().toISOString().slice(0, 10);
    return c.body(csvStream(csvHeader(t), records), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${day}.csv"`,
    });
  });

  function badFilter(c: Context<WebEnv>, query: Extract<AuditQuery, { ok: false }>) {
    c.status(422);
    return auditLog(c, { fields: query.fields, problems: query.problems });
  }

  type Shown = Pick<Parameters<typeof AuditLogPage>[0], 'fields' | 'problems' | 'events'>;
  function auditLog(c: Context<WebEnv>, shown: Shown) {
    return c.html(
      <AuditLogPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        {...shown}
        temporal={temporal}
      />,
    );
  }

  return { log, csv };
}
