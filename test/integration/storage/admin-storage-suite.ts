import { describe, expect, it } from 'vitest';
import type { DatabaseLocation } from '../../../common/config';
import {
  adminAbsoluteHours,
  adminIdleMinutes,
  createAdminSession,
  endAdminSession,
  touchAdminSession,
} from '../../../db/admin-sessions';
import { type AuditEvent, recordAudit } from '../../../db/audit';
import { type AuditFilter, type AuditPosition, auditPage, auditPages } from '../../../db/audit-log';
import type { Db } from '../../../db/database';
import { csvStream } from '../../../web/admin/audit-csv';
import { type FreshDatabase, onDialect } from './fresh-database';

/** The admin console's storage on each dialect: the audit log's queries and admin sessions. */
export function adminStorageSuite(dialect: DatabaseLocation['dialect'], fresh: FreshDatabase) {
  const { skipped, title, open } = onDialect('admin console storage', dialect, fresh);
  const minute = 60_000;
  const t0 = Date.parse('2026-03-10T08:00:00.000Z');
  const at = (minutes: number) => new Date(t0 + minutes * minute);

  /** Events a minute apart from t0 on, each a copy of `base` with `change`; returns their ids. */
  async function record(db: Db, events: Array<[minutes: number, change: Partial<AuditEvent>]>) {
    const base: AuditEvent = { actor: 'user', event: 'link-sent', outcome: 'enroll' };
    for (const [minutes, change] of events) {
      await recordAudit(db, { ...base, ...change }, at(minutes));
    }
  }
  const ids = async (db: Db, filter: AuditFilter, position: AuditPosition = {}, size = 50) =>
    (await auditPage(db, filter, position, size)).rows.map((r) => r.details);

  describe.skipIf(skipped)(title, () => {
    it('filters the audit log by user, actor, event, outcome and time, newest first', async () => {
      const { db } = await open();
      const tag = (name: string) => ({ details: { name } });
      await record(db, [
        [0, { username: 'ana', ...tag('a0') }],
        [1, { username: 'luis', ...tag('l1') }],
        [2, { username: 'ana', event: 'answers', outcome: 'wrong', ...tag('a2') }],
        [3, { actor: 'admin:root', event: 'policy-changed', outcome: 'ok', ...tag('p3') }],
        [60 * 24, { username: 'ana', event: 'recovery', outcome: 'password-reset', ...tag('a4') }],
        [60 * 24 + 1, { username: 'ana', clientAddress: '192.0.2.1', ...tag('a5') }],
      ]);
      const names = async (filter: AuditFilter) =>
        (await ids(db, filter)).map((d) => JSON.parse(d ?? '{}').name);

      expect(await names({})).toEqual(['a5', 'a4', 'p3', 'a2', 'l1', 'a0']);
      expect(await names({ username: 'ana' })).toEqual(['a5', 'a4', 'a2', 'a0']);
      expect(await names({ actor: 'admin:root' })).toEqual(['p3']);
      expect(await names({ event: 'link-sent' })).toEqual(['a5', 'l1', 'a0']);
      expect(await names({ outcome: 'wrong' })).toEqual(['a2']);
      expect(await names({ username: 'ana', event: 'link-sent' })).toEqual(['a5', 'a0']);
      expect(await names({ username: 'nobody' })).toEqual([]);
      // `from` includes its instant, `until` excludes its own: a day is [midnight, midnight).
      expect(await names({ from: at(2).toISOString() })).toEqual(['a5', 'a4', 'p3', 'a2']);
      expect(await names({ until: at(2).toISOString() })).toEqual(['l1', 'a0']);
      expect(
        await names({ from: '2026-03-10T00:00:00.000Z', until: '2026-03-11T00:00:00.000Z' }),
      ).toEqual(['p3', 'a2', 'l1', 'a0']);
      expect(await names({ from: '2026-03-11T00:00:00.000Z', username: 'ana' })).toEqual([
        'a5',
        'a4',
      ]);
      // Every column comes back as recorded.
      const [newest] = (await auditPage(db, { username: 'ana' }, {}, 1)).rows;
      expect(newest).toEqual({
        id: expect.any(Number),
        at: at(60 * 24 + 1).toISOString(),
        username: 'ana',
        actor: 'user',
        event: 'link-sent',
        outcome: 'enroll',
        client_address: '192.0.2.1',
        workflow_id: null,
        details: '{"name":"a5"}',
      });
    });

    it('pages by (time, id) both ways, ties included, unmoved by newer events', async () => {
      const { db } = await open();
      // Seven events; the middle three at one instant, told apart by their ids.
      await record(db, [
        [0, { details: { n: 1 } }],
        [1, { details: { n: 2 } }],
        [2, { details: { n: 3 } }],
        [3, { details: { n: 4 } }],
        [3, { details: { n: 5 } }],
        [3, { details: { n: 6 } }],
        [4, { details: { n: 7 } }],
      ]);
      const ns = (page: { rows: Array<{ details: string | null }> }) =>
        page.rows.map((r) => JSON.parse(r.details ?? '{}').n);

      const first = await auditPage(db, {}, {}, 3);
      expect(ns(first)).toEqual([7, 6, 5]);
      expect(first.newer).toBeUndefined();
      expect(first.older).toBeDefined();
      // A new event: the next pages are where they were.
      await record(db, [[10, { details: { n: 8 } }]]);
      const second = await auditPage(db, {}, { older: first.older ?? fail() }, 3);
      expect(ns(second)).toEqual([4, 3, 2]);
      const third = await auditPage(db, {}, { older: second.older ?? fail() }, 3);
      expect(ns(third)).toEqual([1]);
      expect(third.older).toBeUndefined();
      // Back up: the same pages, newest first within each; the newest page now shows event 8.
      const back = await auditPage(db, {}, { newer: third.newer ?? fail() }, 3);
      expect(ns(back)).toEqual([4, 3, 2]);
      expect(back.older).toEqual(second.older);
      const top = await auditPage(db, {}, { newer: back.newer ?? fail() }, 3);
      expect(ns(top)).toEqual([7, 6, 5]);
      expect(top.newer).toBeDefined();
      expect(ns(await auditPage(db, {}, { newer: top.newer ?? fail() }, 3))).toEqual([8]);
      // Exactly a page's worth: no older page is offered.
      const exact = await auditPage(db, { from: at(3).toISOString() }, {}, 5);
      expect(ns(exact)).toEqual([8, 7, 6, 5, 4]);
      expect(exact.older).toBeUndefined();
      expect(await auditPage(db, { username: 'nobody' }, {})).toEqual({ rows: [] });
    });

    it('exports every matching event a page at a time, as CSV', async () => {
      const { db } = await open();
      await record(db, [
        [0, { username: 'ana', details: { note: 'first' } }],
        [1, { username: 'luis' }],
        [2, { username: 'ana', details: { note: '=HYPERLINK("http://x")' } }],
        [3, { username: '-ana', actor: '@admin', outcome: 'two\r\nlines', details: { n: 1 } }],
        [4, { username: 'ana', event: 'answers', outcome: 'right' }],
      ]);
      const pageSizes = async (filter: AuditFilter, size: number) => {
        const sizes = [];
        for await (const rows of auditPages(db, filter, size)) sizes.push(rows.length);
        return sizes;
      };
      expect(await pageSizes({ username: 'ana' }, 2)).toEqual([2, 1]);
      expect(await pageSizes({ event: 'link-sent' }, 2)).toEqual([2, 2]);
      expect(await pageSizes({}, 2)).toEqual([2, 2, 1]);
      expect(await pageSizes({ username: 'nobody' }, 2)).toEqual([]);

      // Through the CSV stream, three rows a page: quoting, the formula guard, the BOM, CRLF.
      const pages = auditPages(db, { event: 'link-sent' }, 3);
      const records = (async function* () {
        for await (const rows of pages) {
          yield rows.map((r) => [r.at, r.username ?? '', r.actor, r.outcome, r.details ?? '']);
        }
      })();
      const header = ['at', 'user', 'actor', 'outcome', 'details'];
      const bytes = new Uint8Array(await new Response(csvStream(header, records)).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes.slice(3))).toBe(
        [
          'at,user,actor,outcome,details',
          `${at(3).toISOString()},'-ana,'@admin,"two\r\nlines","{""n"":1}"`,
          `${at(2).toISOString()},ana,user,enroll,"{""note"":""=HYPERLINK(\\""http://x\\"")""}"`,
          `${at(1).toISOString()},luis,user,enroll,`,
          `${at(0).toISOString()},ana,user,enroll,"{""note"":""first""}"`,
          '',
        ].join('\r\n'),
      );
    });

    it('keeps an admin session while used, ends it when idle, old, or signed out', async () => {
      const { db } = await open();
      const now = Date.now();
      const later = (ms: number) => new Date(now + ms);
      await createAdminSession(db, 'digest-1', 'root');
      await createAdminSession(db, 'digest-2', 'ana');
      await createAdminSession(db, 'digest-3', 'luis');
      await expect(createAdminSession(db, 'digest-1', 'eve')).rejects.toThrow();

      const live = { actor: 'root' };
      expect(await touchAdminSession(db, 'digest-1', later(minute))).toEqual(live);
      expect(await touchAdminSession(db, 'unknown', later(minute))).toBeUndefined();
      // Idle: each sighting moves the idle limit on.
      const idle = adminIdleMinutes * minute;
      expect(await touchAdminSession(db, 'digest-1', later(minute + idle - 1000))).toEqual(live);
      // Said once, so the audit records the expiry once.
      expect(await touchAdminSession(db, 'digest-2', later(idle + 1000))).toEqual({
        actor: 'ana',
        expired: true,
      });
      expect(await touchAdminSession(db, 'digest-2', later(0))).toBeUndefined();

      // Used all the time, a session still ends after the absolute limit.
      const absolute = adminAbsoluteHours * 60 * minute;
      let seen = minute + idle - 1000;
      while (seen + idle / 2 < absolute) {
        seen += idle / 2;
        expect(await touchAdminSession(db, 'digest-1', later(seen))).toEqual(live);
      }
      expect(await touchAdminSession(db, 'digest-1', later(absolute + 1000))).toEqual({
        actor: 'root',
        expired: true,
      });

      expect(await endAdminSession(db, 'digest-3')).toBe('luis');
      expect(await endAdminSession(db, 'digest-3')).toBeUndefined();
      expect(await touchAdminSession(db, 'digest-3', later(minute))).toBeUndefined();
      expect(await db.selectFrom('admin_sessions').select('digest').execute()).toEqual([]);
    });
  });
}

function fail(): never {
  throw new Error('expected a cursor');
}
