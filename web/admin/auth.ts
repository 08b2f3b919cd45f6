import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from '../../common/logger';
import { newToken, tokenDigest, tokenPattern } from '../../common/tokens';
import { createAdminSession, endAdminSession, touchAdminSession } from '../../db/admin-sessions';
import { recordAudit } from '../../db/audit';
import type { Db } from '../../db/database';
import type { Directory } from '../../directory/directory';
import { adminCookie, clearCookie, readCookie, writeCookie } from '../cookies';
import type { WebEnv } from '../env';
import { checkDirectoryAdmin, type DirectoryRefusal, findDirectoryAdmin } from './directory-admin';
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
  /** How often a directory admin's session re-checks the group; tests shorten it. */
  membershipRecheckMs?: number;
  log: Logger;
}

/**
 * No answer to the sign-in form comes sooner than this after the request arrived: far above
 * what one argon2 verification and the directory's few requests take, so every refusal, for
 * whatever name, takes the same time from outside.
 */
export const signInFloorMs = 300;

/** A directory admin's group membership is read again at least this often during a session. */
export const membershipRecheckMs = 5 * 60_000;

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
 * user of the same name cannot use the console. Every other name costs one argon2
 * verification too (of a decoy hash, beside the directory's requests): only an enabled
 * member of the admin group is bound with the typed password (web/admin/directory-admin.ts).
 * Then the answer waits for signInFloorMs since the request arrived, so the refusals cannot be
 * told apart by time. A directory admin's session re-reads the group every
 * membershipRecheckMs: one removed from it, or disabled, is signed out at the next request.
 */
export function adminAuth(options: AdminAuthOptions) {
  const digestOf = (secret: string) => tokenDigest(options.key, 'admin', secret);

  async function check(user: string, password: string): Promise<SignInResult> {
    const { breakGlass } = options;
    if (breakGlass && equal(user, breakGlass.user)) {
      return (await passwordMatches(breakGlass.passwordHash, password))
        ? { ok: true, admin: breakGlass.user, via: 'break-glass' }
        : { ok: false, reason: 'wrong-password' };
    }
    const [result] = await Promise.all([
      checkDirectory(user, password),
      passwordMatches(undefined, password),
    ]);
    return result;
  }

  async function checkDirectory(user: string, password: string): Promise<SignInResult> {
    const { breakGlass, adminGroupDn } = options;
    if (!adminGroupDn) return { ok: false, reason: 'unknown-user' };
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
    const digest = digestOf(secret);
    await createAdminSession(options.db, digest, result.admin);
    if (result.via === 'directory') checkedAt.set(digest, Date.now());
    writeCookie(c, adminCookie, secret, options.secureCookies);
    return result;
  }

  /** Waits until signInFloorMs have passed since `arrived` (a performance.now() reading). */
  async function floor(arrived: number): Promise<void> {
    const left = arrived + signInFloorMs - performance.now();
    if (left > 0) await sleep(left);
  }

  /**
   * When this process last found a session's directory admin still in the group, by session
   * digest. Each web process keeps its own: one that has not checked a session lately checks
   * it, so every process re-checks at least every interval. An entry older than the interval
   * means the same as none, so those are dropped as checks come.
   */
  const checkedAt = new Map<string, number>();
  const recheckMs = options.membershipRecheckMs ?? membershipRecheckMs;

  /** Undefined while the session's admin may go on; otherwise why it ends now. */
  async function lostAdmin(digest: string, actor: string): Promise<string | undefined> {
    const { breakGlass, adminGroupDn } = options;
    // The break-glass admin has no group; a directory user of its name never gets a session.
    if (breakGlass && equal(actor, breakGlass.user)) return undefined;
    const now = Date.now();
    const last = checkedAt.get(digest);
    if (last !== undefined && now - last < recheckMs) return undefined;
    for (const [key, at] of checkedAt) if (now - at >= recheckMs) checkedAt.delete(key);
    if (!adminGroupDn) return 'no-admin-group';
    try {
      const found = await findDirectoryAdmin(options.directory, adminGroupDn, actor);
      if (!found.ok) return found.reason;
    } catch (error) {
      // Not known to be an admin still: the console stays shut until the directory answers.
      options.log.warn({ err: error }, 'admin session: the directory did not answer the re-check');
      return 'directory-unavailable';
    }
    checkedAt.set(digest, now);
    return undefined;
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
    const digest = digestOf(secret as string);
    const lost = await lostAdmin(digest, session.actor);
    if (lost) {
      checkedAt.delete(digest);
      if (await endAdminSession(options.db, digest)) {
        await recordAudit(options.db, {
          actor: `admin:${session.actor}`,
          event: 'admin-session-revoked',
          outcome: lost,
          clientAddress: c.var.clientAddress,
        });
      }
      clearCookie(c, adminCookie);
      return c.redirect(`${adminPaths.signIn}?ended=1`, 303);
    }
    c.set('admin', session.actor);
    c.header('Cache-Control', 'no-store');
    await next();
  };

  return { signIn, floor, signOut, requireAdmin };
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
