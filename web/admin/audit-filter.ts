import { canonicalUsername, isWellFormedUsername } from '../../common/domain/username';
import type { AuditFilter, AuditPosition } from '../../db/audit-log';

/** The audit log's filter as typed, in the query string: shown again as it was. */
export interface AuditFields {
  user: string;
  actor: string;
  event: string;
  outcome: string;
  from: string;
  to: string;
}

export type AuditProblem =
  | { kind: 'date'; typed: string }
  | { kind: 'order' }
  | { kind: 'username' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'event' };

export type AuditQuery =
  | { ok: true; fields: AuditFields; filter: AuditFilter; position: AuditPosition }
  | { ok: false; fields: AuditFields; problems: Partial<Record<keyof AuditFields, AuditProblem>> };

const fieldNames = ['user', 'actor', 'event', 'outcome', 'from', 'to'] as const;
const maxLength = 100;
/** Event names are written by the code: lower-case words joined by hyphens. */
const eventPattern = /^[a-z0-9-]{1,64}$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A page link's cursor: `<at>~<id>`, as cursorParam writes it. */
const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d{1,15})$/;

/**
 * Reads the audit log's query string. Dates are whole days in UTC (the times the log shows
 * are UTC too): `from` from its midnight, `to` up to the end of its day.
 */
export function readAuditQuery(query: Record<string, string | undefined>): AuditQuery {
  const fields = Object.fromEntries(
    fieldNames.map((name) => [name, (query[name] ?? '').trim()]),
  ) as unknown as AuditFields;
  const problems: Partial<Record<keyof AuditFields, AuditProblem>> = {};
  const filter: AuditFilter = {};

  for (const name of fieldNames) {
    if (fields[name].length > maxLength) problems[name] = { kind: 'tooLong', max: maxLength };
  }
  if (fields.user && !problems.user) {
    const username = canonicalUsername(fields.user);
    if (isWellFormedUsername(username)) filter.username = username;
    else problems.user = { kind: 'username' };
  }
  if (fields.actor) filter.actor = fields.actor;
  if (fields.outcome) filter.outcome = fields.outcome;
  if (fields.event) {
    if (eventPattern.test(fields.event)) filter.event = fields.event;
    else problems.event = { kind: 'event' };
  }
  const from = fields.from ? utcMidnight(fields.from) : undefined;
  const to = fields.to ? utcMidnight(fields.to) : undefined;
  if (from === null) problems.from = { kind: 'date', typed: fields.from };
  if (to === null) problems.to = { kind: 'date', typed: fields.to };
  if (from) filter.from = from.toISOString();
  if (to) filter.until = new Date(to.getTime() + 86_400_000).toISOString();
  if (from && to && to < from) problems.to = { kind: 'order' };

  if (Object.keys(problems).length > 0) return { ok: false, fields, problems };
  return { ok: true, fields, filter, position: positionOf(query) };
}

/** The query string of a filter as typed, with a page's cursor when given. */
export function auditQueryString(
  fields: AuditFields,
  page?: { older: string } | { newer: string },
): string {
  const params = new URLSearchParams();
  for (const name of fieldNames) if (fields[name]) params.set(name, fields[name]);
  if (page) for (const [name, value] of Object.entries(page)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function cursorParam(cursor: { at: string; id: number }): string {
  return `${cursor.at}~${cursor.id}`;
}

/** A page link's cursor; a mangled one starts from the newest events again. */
function positionOf(query: Record<string, string | undefined>): AuditPosition {
  for (const direction of ['older', 'newer'] as const) {
    const match = cursorPattern.exec(query[direction] ?? '');
    if (match) {
      const cursor = { at: match[1] as string, id: Number(match[2]) };
      return direction === 'older' ? { older: cursor } : { newer: cursor };
    }
  }
  return {};
}

/** A YYYY-MM-DD day's first instant in UTC; null when it is no such day (2026-02-30). */
function utcMidnight(typed: string): Date | null {
  const match = datePattern.exec(typed);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const same =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return same && year >= 1970 ? date : null;
}
