import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { newToken, tokenDigest, tokenPattern } from '../../common/tokens';
import { createAdminSession, endAdminSession, touchAdminSession } from '../../db/admin-sessions';
import { recordAudit } from '../../db/audit';
import type { Db } from '../../db/database';
import type { Directory } from '../../directory/directory';
import { adminCookie, clearCookie, readCookie, writeCookie } from '../cookies';
import type { WebEnv } from '../env';
import { checkDirectoryAdmin, type DirectoryRefusal } from './directory-admin';
import { passwordMatches } from './password';
import { adminPaths } from './paths';

export interface AdminAuthOptions {
  db: Db;
  key: Buffer;
  secureCookies: boolean;
  /** The break-glass admin from configuration, for first set-up. */
  breakGlass?: { user: string; passwordHash: string };
  /** Directory users in this group may sign in with their directory password. */
  adminGroupDn?: string;
  directory: Directory;
}

/** How a sign-in went; the reasons are for the audit, the page says one thing for all of them. */
export type SignInResult =
  | { ok: true; admin: string; via: 'break-glass' | 'directory' }
  | { ok: false; reason: DirectoryRefusal | 'break-glass-name' }
  | { ok: false; reason: 'directory-unavailable'; error: unknown };

/**
 * Admin sign-in and sessions. Sessions live in the database (so signing out ends them), the
 * cookie (web/cookies.ts) is sent only to the console.
 *
 * The break-glass admin's name is checked first, against its hash alone (one argon2
 * verification, right or wrong), so it signs in while the directory is down; a directory
 * user of the same name cannot use the console. Every other name goes to the directory
 * (web/admin/directory-admin.ts), or without an admin group costs the same argon2 verification.
 */
export function adminAuth(options: AdminAuthOptions) {
  const digestOf = (secret: string) => tokenDigest(options.key, 'admin', secret);

  async function check(user: string, password: string): Promise<SignInResult> {
    const { breakGlass, adminGroupDn } = options;
    if (breakGlass && equal(user, breakGlass.user)) {
      return (await passwordMatches(breakGlass.passwordHash, password))
        ? { ok: true, admin: breakGlass.user, via: 'break-glass' }
        : { ok: false, reason: 'wrong-password' };
    }
    if (!adminGroupDn) {
      await passwordMatches(undefined, password);
      return { ok: false, reason: 'unknown-user' };
    }
    try {
      const found = await checkDirectoryAdmin(options.directory, adminGroupDn, user, password);
      if (!found.ok) return found;
      // Typed as another of its names (an AD UPN): the audit's actors must stay unambiguous.
      if (breakGlass && equal(found.username, breakGlass.user)) {
        return { ok: false, reason: 'break-glass-name' };
      }
      return { ok: true, admin: found.username, via: 'directory' };
    } catch (error) {
      return { ok: false, reason: 'directory-unavailable', error };
    }
  }

  async function signIn(c: Context, user: string, password: string): Promise<SignInResult> {
    const result = await check(user, password);
    if (!result.ok) return result;
    const secret = newToken();
    await createAdminSession(options.db, digestOf(secret), result.admin);
    writeCookie(c, adminCookie, secret, options.secureCookies);
    return result;
  }

  /** Ends the browser's session; the admin it belonged to, if it was still on. */
  async function signOut(c: Context): Promise<string | undefined> {
    const secret = readCookie(c, adminCookie);
    clearCookie(c, adminCookie);
    return secret && tokenPattern.test(secret)
      ? endAdminSession(options.db, digestOf(secret))
      : undefined;
  }

  /** Lets a signed-in admin through (c.var.admin); sends anyone else to the sign-in page. */
  const requireAdmin: MiddlewareHandler<WebEnv> = async (c, next) => {
    const secret = readCookie(c, adminCookie);
    const session =
      secret && tokenPattern.test(secret)
        ? await touchAdminSession(options.db, digestOf(secret))
        : undefined;
    if (session?.expired) {
      await recordAudit(options.db, {
        actor: `admin:${session.actor}`,
        event: 'admin-session-expired',
        outcome: 'ended',
        clientAddress: c.var.clientAddress,
      });
    }
    if (!session || session.expired) {
      clearCookie(c, adminCookie);
      return c.redirect(`${adminPaths.signIn}${secret ? '?ended=1' : ''}`, 303);
    }
    c.set('admin', session.actor);
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
