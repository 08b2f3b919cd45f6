import type { AuditRow } from '../../db/audit-log';
import type { Messages } from '../../i18n';

type AuditTexts = Messages['admin']['audit'];

/** The events the code records, by their names (i18n/ names each in both languages). */
export function knownEvents(t: AuditTexts): string[] {
  return Object.keys(t.events);
}

/** An event's readable name; an event nobody named yet shows as recorded. */
export function eventLabel(t: AuditTexts, event: string): string {
  return Object.hasOwn(t.events, event) ? t.events[event as keyof AuditTexts['events']] : event;
}

/** `2026-03-31 14:05:09` from the stored ISO-8601 UTC time. */
export function shownTime(at: string): string {
  return at.slice(0, 19).replace('T', ' ');
}

/** The recorded facts as `name: value; …`; anything else as it was stored. */
export function detailsText(details: string | null): string {
  if (!details) return '';
  try {
    const facts: unknown = JSON.parse(details);
    if (facts && typeof facts === 'object' && !Array.isArray(facts)) {
      return Object.entries(facts)
        .map(
          ([name, value]) =>
            `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        )
        .join('; ');
    }
  } catch {
    // Not JSON: shown as it is.
  }
  return details;
}

/** A workflow's page in the operators' Temporal Web UI. */
export function workflowUrl(ui: string, namespace: string, workflowId: string): string {
  return `${ui.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function csvHeader(t: AuditTexts): string[] {
  const c = t.columns;
  return [
    c.at,
    c.eventCode,
    c.event,
    c.outcome,
    c.user,
    c.actor,
    c.clientAddress,
    c.workflow,
    c.details,
  ];
}

/** One event as a CSV record: the full ISO time, and both the event's name and its code. */
export function csvRecord(t: AuditTexts, row: AuditRow): string[] {
  return [
    row.at,
    row.event,
    eventLabel(t, row.event),
    row.outcome,
    row.username ?? '',
    row.actor,
    row.client_address ?? '',
    row.workflow_id ?? '',
    detailsText(row.details),
  ];
}
