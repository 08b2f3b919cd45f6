import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { sessionTtlSeconds } from '../workflows/messages';
import { consolePath } from './admin/paths';

/**
 * One of the service's cookies: its name and attributes. Secure is the deployment's (set when
 * the public URL is https), so it is given where the cookie is set.
 */
export interface WebCookie {
  name: string;
  attributes: Omit<CookieOptions, 'secure'> & { path: string };
}

/** The recovery session (web/session.ts), as long as a session may last. */
export const sessionCookie = {
  name: 'sspr_session',
  attributes: { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: sessionTtlSeconds },
} as const satisfies WebCookie;

/** The CSRF secret (web/csrf.ts) behind every form's hidden field. */
export const csrfCookie = {
  name: 'sspr_csrf',
  attributes: { httpOnly: true, sameSite: 'Strict', path: '/' },
} as const satisfies WebCookie;

/** The admin's session (web/admin/auth.ts), sent only to the console. */
export const adminCookie = {
  name: 'sspr_admin',
  attributes: { httpOnly: true, sameSite: 'Strict', path: consolePath },
} as const satisfies WebCookie;

/**
 * The language chosen with the switch (web/app.tsx), for a year. Lax: a link from another
 * site opens the page in the reader's language.
 */
export const languageCookie = {
  name: 'sspr_lang',
  attributes: { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 31536000 },
} as const satisfies WebCookie;

export function readCookie(c: Context, cookie: WebCookie): string | undefined {
  return getCookie(c, cookie.name);
}

export function writeCookie(c: Context, cookie: WebCookie, value: string, secure: boolean): void {
  setCookie(c, cookie.name, value, { ...cookie.attributes, secure });
}

/** Tells the browser to drop the cookie (at its path, or it would stay). */
export function clearCookie(c: Context, cookie: WebCookie): void {
  deleteCookie(c, cookie.name, { path: cookie.attributes.path });
}
