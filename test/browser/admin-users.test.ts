import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { adminResetWorkflowId } from '../../common/domain/workflow-ids';
import { lockRecoveries } from '../../db/lockouts';
import { changePolicy } from '../../db/policy';
import { browser } from '../../dev/form-browser';
import { breakGlassAdmin } from '../support/stack';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import { enrolledUser, pages } from './support/steps';
import type { UserPage } from './support/user-page';

/** The admin console's user catalog (R1, R5, R7, R15, S3), in a real browser. */
const temporalUiUrl = 'http://temporal-ui.example.test:8233';
let bs: BrowserStack;

useBrowserStack(
  (started) => {
    bs = started;
  },
  { temporalUiUrl },
);
beforeAll(async () => {
  // Keys outlive the test: it reads one before its check would replace it.
  await changePolicy(bs.stack.db, { temporary_key_ttl_seconds: 600 }, 'test');
});

/** What one admin window does in the user catalog. */
function catalog(u: UserPage, language: Locale) {
  const t = adminTexts(language).users;
  const page = u.page;
  return {
    t,
    async search(text: string) {
      await page.goto('/admin/users');
      await u.heading(t.title);
      await page.locator('#q').fill(text);
      await page.getByRole('button', { name: t.search }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === text);
      await page.locator('#results-summary').waitFor();
    },
    async openUser(uid: string) {
      await page.getByRole('link', { name: uid, exact: true }).click();
      await u.heading(t.userTitle(uid));
    },
    /** The action's link, its confirmation page, its button: back on the user's page, done. */
    async act(uid: string, action: keyof typeof t.actions, tour: string) {
      await page.getByRole('link', { name: t.actions[action].button }).click();
      await u.heading(t.actions[action].title(uid));
      await u.tour(tour);
      await page.getByRole('button', { name: t.actions[action].confirm }).click();
      await page.locator('#main .notice-success', { hasText: t.actions[action].done }).waitFor();
      expect(await u.text('h1')).toBe(t.userTitle(uid));
    },
  };
}

/** An enrolled user whose alternate address is confirmed from its e-mail (R14). */
async function confirmedAlternate() {
  const enrolled = await enrolledUser(bs);
  const { path } = await bs.user.linkFor(enrolled.enrollment.alternateMail, {
    subjectIncludes: 'alternativa',
  });
  const b = browser(bs.stack.app);
  await b.get(path);
  await b.post(path, {});
  return enrolled;
}

describe('the user catalog', () => {
  for (const [language, javaScript] of [
    ['en', true],
    ['es', false],
  ] as const) {
    it(`${language}, ${javaScript ? 'with htmx' : 'without JavaScript'}: search, a user's page, and each action after its confirmation`, async () => {
      const user = await confirmedAlternate();
      const alternate = user.enrollment.alternateMail;
      const u = await signedInAdmin(bs, language, breakGlassAdmin, javaScript);
      const c = catalog(u, language);
      const shot = (name: string) => `admin-${language}-${name}`;

      await c.search(user.uid);
      expect(await u.text('#results-summary')).toBe(c.t.found(1));
      expect(await u.text('table.user-results tbody tr')).toContain(user.mail);
      await u.tour(shot('users'));

      // The user's page: the set-up, and the running recovery with its link into Temporal.
      await c.openUser(user.uid);
      expect(await u.text('#main')).toContain(alternate);
      const run = u.page.getByRole('link', { name: c.t.openRunLabel(user.workflowId) });
      expect(await run.getAttribute('href')).toMatch(
        new RegExp(`^${temporalUiUrl}/namespaces/[^/]+/workflows/${user.workflowId}/[0-9a-f-]+$`),
      );
      await u.tour(shot('user'));

      // R15: the running recovery's next link goes to the confirmed alternate address.
      const sentAt = new Date();
      await c.act(user.uid, 'alternate-link', shot('user-confirm-alternate'));
      await bs.user.linkFor(alternate, { after: sentAt, subjectIncludes: 'Continúe' });

      // R5, S3: a temporary key the admin never sees reaches the user, who must change it.
      const resetAt = new Date();
      await c.act(user.uid, 'reset', shot('user-confirm-reset'));
      await bs.stack.client.workflow.getHandle(adminResetWorkflowId(user.uid)).result();
      const key = await pages(bs, u, 'es').temporaryKey(user.mail, resetAt);
      expect(await bs.directory().checkSignIn(user.dn, key)).toBe('must-change');
      expect(await u.page.content()).not.toContain(key);

      // A recovery lockout, as wrong answers leave it: lifted, the directory left alone.
      await lockRecoveries(bs.stack.db, user.uid, new Date(Date.now() + 3600_000).toISOString());
      await u.page.reload();
      await u.heading(c.t.userTitle(user.uid));
      await c.act(user.uid, 'lift-lockout', shot('user-confirm-lockout'));
      expect(await u.text('#main')).toContain(c.t.notLocked);

      // R7: the questions go and the recovery that would ask them stops.
      await c.act(user.uid, 'delete-questions', shot('user-confirm-delete'));
      expect(await u.text('#main')).toContain(c.t.notEnrolled);
      await u.tour(shot('user-questions-deleted'));
      const { outcome } = await bs.stack.client.workflow.getHandle(user.workflowId).result();
      expect(outcome).toBe('questions-deleted');

      // Not locked, not enrolled: the user's next request starts an enrollment.
      const again = new Date();
      await bs.user.requestLink(user.uid);
      await bs.user.linkFor(user.mail, { after: again, subjectIncludes: 'Configure' });
      expect(u.problems).toEqual([]);
    });
  }

  it('es: a user without mail is marked in the results, and the actions say why not (R1)', async () => {
    const noMail = await bs.user.newUser({ mail: false });
    const u = await signedInAdmin(bs, 'es');
    const c = catalog(u, 'es');
    await c.search(noMail.uid);
    expect(await u.text('table.user-results tbody tr')).toContain(c.t.noMail);
    await c.openUser(noMail.uid);
    expect(await u.text('.user-actions')).toContain(
      `${c.t.actions.reset.button}: ${c.t.refusals['no-mail']}`,
    );
    await u.tour('admin-es-user-no-mail');
    expect(u.problems).toEqual([]);
  });
});
