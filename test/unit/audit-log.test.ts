import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import { readAuditQuery } from '../../web/admin/audit-filter';
import { detailsText, workflowUrl } from '../../web/admin/audit-format';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Every event name the code records, as written in calls: `event: '…'` (recordAudit, the audit
 * activity) and `audit.record('…'` (the workflows' AuditTrail). A name passed through a
 * variable escapes it.
 */
function recordedEvents(): Set<string> {
  const pattern = /\b(?:event:\s*|audit\.record\(\s*)'([a-z0-9-]+)'/g;
  const found = new Set<string>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = readFileSync(join(root, path), 'utf8');
        for (const match of source.matchAll(pattern)) found.add(match[1] as string);
      }
    }
  };
  for (const folder of ['activities', 'workflows', 'web', 'worker']) visit(folder);
  return found;
}

describe('the audit log', () => {
  it('names every event the code records, in both languages', () => {
    const events = recordedEvents();
    // The scan finds them: the recovery's, the key check's and the console's.
    expect(events).toContain('recovery-requested');
    expect(events).toContain('temporary-key-check');
    expect(events).toContain('admin-sign-in');
    expect(events).toContain('link-sent');
    const unnamed = [...events].filter((e) => !Object.hasOwn(en.admin.audit.events, e));
    expect(unnamed, 'add these to audit.events in i18n/en/admin.ts and i18n/es/admin.ts').toEqual(
      [],
    );
    expect(Object.keys(es.admin.audit.events).sort()).toEqual(
      Object.keys(en.admin.audit.events).sort(),
    );
  });

  it('reads whole UTC days; from includes its day, to includes its own', () => {
    const query = readAuditQuery({ from: '2026-03-10', to: ' 2026-03-10 ', user: ' Ana.García ' });
    expect(query).toMatchObject({
      ok: true,
      fields: { from: '2026-03-10', to: '2026-03-10', user: 'Ana.García' },
      filter: {
        from: '2026-03-10T00:00:00.000Z',
        until: '2026-03-11T00:00:00.000Z',
        username: 'ana.garcía',
      },
      position: {},
    });
    expect(readAuditQuery({ to: '2026-12-31' })).toMatchObject({
      filter: { until: '2027-01-01T00:00:00.000Z' },
    });
    expect(readAuditQuery({})).toMatchObject({ ok: true, filter: {} });
  });

  it('says what is wrong with a filter, and keeps what was typed', () => {
    const query = readAuditQuery({
      from: '2026-02-30',
      to: '10/03/2026',
      user: 'ana garcía',
      event: 'Robert"); drop',
      actor: 'x'.repeat(101),
      outcome: 'ok',
    });
    expect(query).toEqual({
      ok: false,
      fields: {
        from: '2026-02-30',
        to: '10/03/2026',
        user: 'ana garcía',
        event: 'Robert"); drop',
        actor: 'x'.repeat(101),
        outcome: 'ok',
      },
      problems: {
        from: { kind: 'date', typed: '2026-02-30' },
        to: { kind: 'date', typed: '10/03/2026' },
        user: { kind: 'username' },
        event: { kind: 'event' },
        actor: { kind: 'tooLong', max: 100 },
      },
    });
    expect(readAuditQuery({ from: '2026-03-11', to: '2026-03-10' })).toMatchObject({
      ok: false,
      problems: { to: { kind: 'order' } },
    });
  });

  it('reads a page cursor, and starts from the newest when it is mangled', () => {
    expect(readAuditQuery({ older: '2026-03-10T08:00:00.000Z~42' })).toMatchObject({
      position: { older: { at: '2026-03-10T08:00:00.000Z', id: 42 } },
    });
    expect(readAuditQuery({ newer: '2026-03-10T08:00:00.000Z~7' })).toMatchObject({
      position: { newer: { at: '2026-03-10T08:00:00.000Z', id: 7 } },
    });
    for (const older of ["2026-03-10' or 1=1~4", '2026-03-10T08:00:00.000Z~', 'x']) {
      expect(readAuditQuery({ older })).toMatchObject({ ok: true, position: {} });
    }
  });

  it('shows details as facts, and links a workflow into the Temporal Web UI', () => {
    expect(detailsText('{"attemptsLeft":2,"user":"ana","ok":true}')).toBe(
      'attemptsLeft: 2; user: ana; ok: true',
    );
    expect(detailsText(null)).toBe('');
    expect(detailsText('not json')).toBe('not json');
    expect(workflowUrl('http://127.0.0.1:8233/', 'default', 'recovery-ana.garcía')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows/recovery-ana.garc%C3%ADa',
    );
  });
});
