import type { Locale } from '../../../common/domain/locale';
import { messagesFor } from '../../../i18n';
import { breakGlassAdmin } from '../../support/stack';
import type { BrowserStack } from './browser-stack';
import type { UserPage } from './user-page';

/**
 * An admin's browser window, signed in to the console in `language` (at desktop size, as
 * admins work): the break-glass admin unless `who` says otherwise; with JavaScript unless
 * `javaScript` is false.
 */
export async function signedInAdmin(
  bs: BrowserStack,
  language: Locale,
  who: { user: string; password: string } = breakGlassAdmin,
  javaScript = true,
): Promise<UserPage> {
  const u = await bs.open({ language, viewport: 'desktop', javaScript });
  await u.page.goto('/admin/sign-in');
  await u.page.locator('#user').fill(who.user);
  await u.page.locator('#password').fill(who.password);
  await u.submit();
  await u.page.waitForURL((url) => !url.pathname.startsWith('/admin/sign-in'));
  return u;
}

/** The console's texts in `language`, as the pages show them. */
export function adminTexts(language: Locale) {
  return messagesFor(language).admin;
}
