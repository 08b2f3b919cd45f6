import { afterAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { breakGlassAdmin, uniqueUid } from '../support/stack';
import { createTestUser, deleteTestUser } from '../support/test-directory';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import type { UserPage } from './support/user-page';

/**
 * Signing in to the admin console in a real browser (S4): the break-glass admin and a
 * directory admin get the dashboard; a wrong password, a directory user outside the admin
 * group and an unknown name all get the same page; signing out ends the session.
 */
let bs: BrowserStack;
const password = 'Admin-Secret-1';
const users: string[] = [];

useBrowserStack((started) => {
  bs = started;
});
afterAll(async () => {
  await Promise.all(users.map((uid) => deleteTestUser(bs.stack.directory, uid)));
});

async function directoryUser(admin: boolean) {
  const uid = uniqueUid(admin ? 'adm' : 'emp');
  users.push(uid);
  await createTestUser(bs.stack.directory, { uid, password, admin });
  return uid;
}

/** The sign-in form, filled and sent, in a window of its own. */
async function signIn(language: Locale, user: string, typed: string): Promise<UserPage> {
  const u = await bs.open({ language, viewport: 'desktop' });
  await u.page.goto('/admin/sign-in');
  await u.heading(adminTexts(language).signInTitle);
  await u.page.locator('#user').fill(user);
  await u.page.locator('#password').fill(typed);
  await u.submit();
  return u;
}

describe.each(['es', 'en'] as const)('the admin sign-in in %s (S4)', (language) => {
  const t = adminTexts(language);

  it('the break-glass admin signs in to the dashboard and signs out; the session is over', async () => {
    const u = await bs.open({ language, viewport: 'desktop' });
    await u.page.goto('/admin/sign-in');
    await u.heading(t.signInTitle);
    expect(await u.text('#user-hint')).toBe(t.directorySignIn.hint);
    await u.tour(`admin-sign-in-${language}`);
    await u.page.locator('#user').fill(breakGlassAdmin.user);
    await u.page.locator('#password').fill(breakGlassAdmin.password);
    await u.submit();
    await u.heading(t.dashboard.title);
    expect(new URL(u.page.url()).pathname).toBe('/admin');
    expect(await u.text('.sign-out .hint')).toBe(t.signedInAs(breakGlassAdmin.user));

    await u.page.getByRole('button', { name: t.signOut }).click();
    await u.heading(t.signInTitle);
    await u.page.goto('/admin');
    await u.heading(t.signInTitle);
    expect(new URL(u.page.url()).pathname).toBe('/admin/sign-in');
    expect(u.problems).toEqual([]);
  });

  it('a directory admin signs in with their directory password', async () => {
    const uid = await directoryUser(true);
    const u = await signedInAdmin(bs, language, { user: uid, password });
    await u.heading(t.dashboard.title);
    expect(await u.text('.sign-out .hint')).toBe(t.signedInAs(uid));
    expect(u.problems).toEqual([]);
  });

  it('a wrong password, a user outside the admin group and an unknown name get the same page, the name kept', async () => {
    const admin = await directoryUser(true);
    const outsider = await directoryUser(false);
    const shown: string[] = [];
    for (const [user, typed] of [
      [admin, 'Not-The-Password-1'],
      [outsider, password],
      [uniqueUid('nobody'), password],
    ] as const) {
      const u = await signIn(language, user, typed);
      await u.page.locator('#main .notice-error', { hasText: t.wrongCredentials }).waitFor();
      expect(await u.page.locator('#user').inputValue()).toBe(user);
      expect(await u.page.locator('#password').inputValue()).toBe('');
      shown.push(await u.text('#main'));
      if (user === outsider) await u.tour(`admin-sign-in-refused-${language}`);
      expect(u.problems).toEqual([]);
    }
    expect(new Set(shown).size).toBe(1);
  });
});
