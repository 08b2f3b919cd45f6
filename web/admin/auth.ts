import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { newToken, tokenDigest, tokenPattern } from '../../common/tokens';
import { createAdminSession, endAdminSession, touchAdminSession } from '../../db/admin-sessions';
import type { Db } from '../../db/database';
import type { WebEnv } from '../env';
import { passwordMatches } from './password';

const cookieName = 'sspr_admin';

export interface AdminAuthOptions {
  db: Db;
  key: Buffer;
  secureCookies: boolean;
  /** The break-glass admin from configuration, for first set-up. */
  breakGlass?: { user: string; passwordHash: string };
  /** Directory users in this group may sign in with their directory password. */
  adminGroupDn?: string;
}

/**
 * Admin sign-in and sessions. Sessions live in the database (so signing out ends them), the
 * cookie is HttpOnly, SameSite=Strict and sent only under /admin, and every check of a name
 * and password costs one argon2 verification, known name or not.
 */
export function adminAuth(options: AdminAuthOptions) {
  const digestOf = (secret: string) => tokenDigest(options.key, 'admin', secret);

  async function signIn(c: Context, user: string, password: string): Promise<string | undefined> {
    const breakGlass = options.breakGlass;
    const sameUser = breakGlass !== undefined && equal(user, breakGlass.user);
    const ok = await passwordMatches(sameUser ? breakGlass.passwordHash : undefined, password);
    if (!ok || !breakGlass) return undefined;
    const secret = newToken();
    await createAdminSession(options.db, digestOf(secret), breakGlass.user);
    setCookie(c, cookieName, secret, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: options.secureCookies,
      path: '/admin',
    });
    return breakGlass.user;
  }

  async function signOut(c: Context): Promise<void> {
    const secret = getCookie(c, cookieName);
    if (secret && tokenPattern.test(secret)) await endAdminSession(options.db, digestOf(secret));
    deleteCookie(c, cookieName, { path: '/admin' });
  }

  /** Lets a signed-in admin through (c.var.admin); sends anyone else to the sign-in page. */
  const requireAdmin: MiddlewareHandler<WebEnv> = async (c, next) => {
    const secret = getCookie(c, cookieName);
    const admin =
      secret && tokenPattern.test(secret)
        ? await touchAdminSession(options.db, digestOf(secret))
        : undefined;
    if (!admin) {
      deleteCookie(c, cookieName, { path: '/admin' });
      return c.redirect(`/admin/sign-in${secret ? '?ended=1' : ''}`, 303);
    }
    c.set('admin', admin);
    c.header('Cache-Control', 'no-store');
    await next();
  };

  return { signIn, signOut, requireAdmin };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The admin that requireAdmin let through, for the pages behind it. */
export function adminOf(c: Context<WebEnv>): string {
  if (!c.var.admin) throw new Error('an admin page was reached without a signed-in admin');
  return c.var.admin;
}
