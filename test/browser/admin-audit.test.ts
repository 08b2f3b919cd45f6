import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { recordAudit } from '../../db/audit';
import { browser } from '../../dev/form-browser';
import { csvHeader } from '../../web/admin/audit-format';
import { breakGlassAdmin, patienceMs, uniqueUid } from '../support/stack';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import type { UserPage } from './support/user-page';

/** The admin console's audit log: filters, pages, the Temporal links, the CSV. */
const temporalUiUrl = 'http://temporal-ui.example.test:8233';
let bs: BrowserStack;

useBrowserStack(
  (started) => {
    bs = started;
  },
  { temporalUiUrl },
);

type Filters = Partial<Record<'event' | 'user' | 'actor' | 'outcome' | 'from' | 'to', string>>;
/** The table's rows, cell by cell: time, event, outcome, user, actor, client, details, workflow. */
type Row = string[];
const [EVENT, OUTCOME, USER, ACTOR, DETAILS] = [1, 2, 3, 4, 6];

/** What one admin window does on the audit log page. */
function auditLog(u: UserPage, language: Locale) {
  const t = adminTexts(language).audit;
  const page = u.page;

  /** Waits for the next page, whether htmx swaps <main> or the browser loads a new one. */
  async function next(action: () => Promise<void>) {
    await page.locator('#main').evaluate((main) => main.setAttribute('data-stale', ''));
    await action();
    await page.locator('#main:not([data-stale])').waitFor();
  }

  return {
    t,
    async open(query = '') {
      await page.goto(`/admin/audit${query}`);
      await u.heading(t.title);
    },
    /** Sets every filter (the ones not given empty) and shows the events. */
    async filter(filters: Filters) {
      await page.locator('#event').selectOption(filters.event ?? '');
      for (const name of ['user', 'actor', 'outcome', 'from', 'to'] as const) {
        await page.locator(`#${name}`).fill(filters[name] ?? '');
      }
      await next(() => page.getByRole('button', { name: t.filter }).click());
      // The filters are the page's address: a link to it shows the same events.
      await page.waitForURL((url) =>
        Object.entries(filters).every(([name, value]) => url.searchParams.get(name) === value),
      );
    },
    async rows(): Promise<Row[]> {
      const rows = await page.locator('table.audit-log tbody tr').allInnerTexts();
      return rows.map((row) => row.split('\t').map((cell) => cell.trim()));
    },
    async follow(name: string) {
      await next(() => page.getByRole('link', { name }).click());
    },
    async value(name: keyof Filters) {
      return page.locator(`#${name}`).inputValue();
    },
  };
}

describe('the audit log', () => {
  for (const [language, javaScript] of [
    ['es', true],
    ['en', false],
  ] as const) {
    it(`${language}, ${javaScript ? 'with htmx' : 'without JavaScript'}: a recovery and sign-ins appear; each filter narrows; pages; CSV`, async () => {
      // A real recovery that e-mails a link, and one for a name no account has that a
      // spreadsheet would take for a formula (@ is allowed in usernames, = is not).
      const user = await bs.user.newUser();
      await bs.user.requestLink(user.uid, language);
      const formula = `@${uniqueUid('cmd')}`;
      await bs.user.requestLink(formula, language);
      expect(await bs.user.outcomeOf(formula)).toBe('no-account');
      await bs.user.linkFor(user.mail);
      // The link's event is written just after the e-mail goes out.
      await expect
        .poll(() => eventsOf(user.uid), { timeout: patienceMs, interval: 200 })
        .toContain('link-sent');
      // Sixty older events of one user, two at each instant, for the pages.
      const pager = uniqueUid('pager');
      for (let i = 0; i < 60; i++) {
        const at = new Date(Date.UTC(2020, 0, 15, 10, 0, Math.floor(i / 2)));
        await recordAudit(
          bs.stack.db,
          { username: pager, actor: 'system', event: 'step', outcome: `n${i}` },
          at,
        );
      }
      // A refused sign-in (a name like a formula), then the admin's own.
      const stranger = browser(bs.stack.app, { language });
      await stranger.get('/admin/sign-in');
      expect(
        (await stranger.post('/admin/sign-in', { user: '=cmd', password: 'not-it' })).status,
      ).toBe(401);
      const u = await signedInAdmin(bs, language, breakGlassAdmin, javaScript);
      const log = auditLog(u, language);
      const { t } = log;
      const admin = `admin:${breakGlassAdmin.user}`;

      // Everything, newest first: the sign-ins, then the recoveries.
      await log.open();
      const all = await log.rows();
      const [first] = all;
      expect([first?.[EVENT], first?.[OUTCOME], first?.[ACTOR]]).toEqual([
        t.events['admin-sign-in'],
        'ok',
        admin,
      ]);
      const refused = all.find(
        (r) => r[EVENT] === t.events['admin-sign-in'] && r[OUTCOME] === 'refused',
      );
      expect(refused?.[ACTOR]).toBe('anonymous');
      expect(refused?.[DETAILS]).toContain('=cmd');
      expect(all.filter((r) => r[USER] === formula).map((r) => r[EVENT])).toEqual([
        t.events.recovery,
        t.events['recovery-requested'],
      ]);

      // By user: the recovery's events, each linked to its workflow in the Temporal Web UI.
      await log.filter({ user: user.uid });
      const mine = await log.rows();
      expect(mine.every((r) => r[USER] === user.uid)).toBe(true);
      expect(mine.map((r) => r[EVENT])).toEqual(
        expect.arrayContaining([t.events['recovery-requested'], t.events['link-sent']]),
      );
      const workflowId = recoveryWorkflowId(user.uid);
      const namespace = bs.stack.client.options.namespace;
      expect(
        await u.page
          .getByRole('link', { name: t.openWorkflow(workflowId) })
          .first()
          .getAttribute('href'),
      ).toBe(
        `${temporalUiUrl}/namespaces/${namespace}/workflows/${encodeURIComponent(workflowId)}`,
      );
      await u.tour(`admin-audit-${language}`);

      // By event, then outcome; by actor.
      await log.filter({ event: 'admin-sign-in' });
      const signIns = await log.rows();
      expect(new Set(signIns.map((r) => r[EVENT]))).toEqual(new Set([t.events['admin-sign-in']]));
      expect(new Set(signIns.map((r) => r[OUTCOME]))).toEqual(new Set(['ok', 'refused']));
      await log.filter({ event: 'admin-sign-in', outcome: 'refused' });
      expect(
        (await log.rows()).every((r) => r[OUTCOME] === 'refused' && r[ACTOR] === 'anonymous'),
      ).toBe(true);
      await log.filter({ actor: admin });
      const byAdmin = await log.rows();
      expect(byAdmin.length).toBeGreaterThan(0);
      expect(byAdmin.every((r) => r[ACTOR] === admin)).toBe(true);

      // By days (UTC), and pages of fifty: two at an instant are never lost between pages.
      await log.filter({ user: pager, from: '2020-01-15', to: '2020-01-15' });
      const outcomes = async () => (await log.rows()).map((r) => r[OUTCOME]);
      const newest = Array.from({ length: 50 }, (_, i) => `n${59 - i}`);
      expect(await outcomes()).toEqual(newest);
      expect(await u.page.getByRole('link', { name: `← ${t.newer}` }).count()).toBe(0);
      await log.follow(`${t.older} →`);
      expect(await outcomes()).toEqual(Array.from({ length: 10 }, (_, i) => `n${9 - i}`));
      expect(await log.value('user')).toBe(pager);
      expect(await u.page.getByRole('link', { name: `${t.older} →` }).count()).toBe(0);
      await log.follow(`← ${t.newer}`);
      expect(await outcomes()).toEqual(newest);
      await log.filter({ user: pager, from: '2020-01-16' });
      await u.page.getByText(t.none).waitFor();
      await log.filter({ user: pager, to: '2020-01-14' });
      await u.page.getByText(t.none).waitFor();

      // Bad input: said at the field, in the page's language, with what was typed kept.
      await log.filter({ user: pager, from: '2020-01-16', to: '2020-01-15' });
      await u.page.locator('#to-error', { hasText: t.problems.order }).waitFor();
      expect([await log.value('from'), await log.value('to'), await log.value('user')]).toEqual([
        '2020-01-16',
        '2020-01-15',
        pager,
      ]);
      expect(await u.page.locator('table.audit-log').count()).toBe(0);
      if (language === 'en') await u.tour('admin-audit-error-en');
      await log.open('?from=2020-02-30&user=a%20b');
      await u.page.locator('#from-error', { hasText: t.problems.date('2020-02-30') }).waitFor();
      await u.page.locator('#user-error', { hasText: t.problems.username }).waitFor();

      // The CSV of the filtered events: a file, with the formula guard on the username.
      await log.filter({ user: formula });
      const [download] = await Promise.all([
        u.page.waitForEvent('download'),
        u.page.getByRole('link', { name: t.download }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
      const bytes = await readFile(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe(csvHeader(t).join(','));
      const records = lines.slice(1, -1).map((line) => line.split(','));
      expect(records.map((r) => [r[1], r[4]])).toEqual([
        ['recovery', `'${formula}`],
        ['recovery-requested', `'${formula}`],
      ]);
      expect(lines.at(-1)).toBe('');

      // The export itself is on record.
      await log.filter({ event: 'audit-exported', actor: admin });
      expect((await log.rows())[0]?.[DETAILS]).toContain(`user: ${formula}`);
      expect(u.problems).toEqual([]);
    });
  }
});

async function eventsOf(username: string): Promise<string[]> {
  const rows = await bs.stack.db
    .selectFrom('audit_events')
    .select('event')
    .where('username', '=', username)
    .execute();
  return rows.map((r) => r.event);
}
