import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';
import { type Config, loadConfig } from '../common/config';
import { canonicalUsername, isWellFormedUsername } from '../common/domain/username';
import type { Logger } from '../common/logger';
import type { LimitStore } from '../db/database';
import { adminPaths } from './admin/paths';
import { readCookie, sessionCookie } from './cookies';
import type { WebEnv } from './env';
import { paths } from './paths';
import { redactPath } from './redact-path';

/**
 * Anti-automation (ASVS 2.2.1, NIST 800-63B 5.2.2), so many form submissions per so many
 * seconds (a fixed window from the first one): every POST per client address (an IPv6 client
 * per /64); the start form per canonical username, whether or not the account exists (over it,
 * the same page, and a running recovery is not asked again); the forms
 * of a recovery session (/recovery/*) per session cookie; the admin sign-in per canonical name
 * typed, whether or not such an admin exists. Their defaults are the configuration's.
 */
export type RateLimitSettings = Config['rateLimits'];

export interface RateLimitOptions {
  /**
   * A connection of its own to the service's database (db/database.ts openLimitStore): a
   * SQLite file's counts are shared by every web process on the machine, PostgreSQL's by every
   * web instance; both outlive a restart.
   */
  store: LimitStore;
  limits?: Partial<RateLimitSettings>;
}

/** The table rate-limiter-flexible keeps its counters in (it creates it; not a migration). */
export const rateLimitTable = 'rate_limits';

const sweepEveryMs = 10 * 60_000;

type LimitName = keyof RateLimitSettings;

/**
 * Counts form submissions and refuses those over a limit with `onLimited` (a 429 page) and
 * `Retry-After`, but for the per-username one, which only marks the request; GETs are never
 * counted. Runs after the CSRF check, before the routes.
 *
 * Counters are keyed by an HMAC of what they count (under `key`), so the table holds neither
 * addresses nor the names people typed (sometimes a password, typed in the wrong field). If the
 * database fails, each limiter falls back to a count in this process's memory (the library's
 * insurance limiter) rather than failing the page or letting everything through.
 */
export function rateLimiting(
  options: RateLimitOptions & {
    key: Buffer;
    log: Logger;
    onLimited: (c: Context<WebEnv>, retryAfterSeconds: number) => Response | Promise<Response>;
    /** Once per window, the moment a limit is crossed: for the audit. */
    onLimitReached?: (c: Context<WebEnv>, limit: LimitName, path: string) => Promise<void>;
  },
): MiddlewareHandler<WebEnv> {
  // Those not given: the configuration's defaults (what it holds with nothing set).
  const limits: RateLimitSettings = { ...loadConfig({}).rateLimits, ...options.limits };
  const limiters = {} as Record<LimitName, RateLimiterStoreAbstract>;
  /** One limiter over the shared table; `created` says whether it should make the table. */
  const limiterFor = (name: LimitName, created: boolean, done?: (error?: Error) => void) => {
    const { points, durationSeconds: duration } = limits[name];
    const settings = {
      tableName: rateLimitTable,
      tableCreated: created,
      keyPrefix: name,
      points,
      duration,
      // Its timer would reject unhandled once the connection is closed: sweep() instead.
      clearExpiredByTimeout: false,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points, duration }),
    };
    return options.store instanceof pg.Pool
      ? new RateLimiterPostgres(
          { ...settings, storeClient: options.store, storeType: 'pool' },
          done,
        )
      : new RateLimiterSQLite(
          { ...settings, storeClient: options.store, storeType: 'better-sqlite3' },
          done,
        );
  };
  /**
   * The table is made once, by one limiter, before the others exist: limiters (and web
   * processes) making it at the same moment race on PostgreSQL, and a limiter that lost would
   * count in its own memory for good. Lost to another process: that one made it, so try again.
   */
  const makeTable = () =>
    new Promise<void>((resolve, reject) => {
      limiterFor('perClient', false, (error) => (error ? reject(error) : resolve()));
    });
  const names = Object.keys(limits) as LimitName[];
  // Without the table the limiters count in memory (their insurance); say why, once.
  const ready = makeTable()
    .catch(makeTable)
    .catch((error: unknown) => {
      options.log.error({ err: error }, 'rate limits: cannot use the database; counting in memory');
    })
    .then(() => {
      for (const name of names) limiters[name] = limiterFor(name, true);
    });
  let lastSweep = 0;

  /** Takes one point; the seconds to wait when that was one too many. */
  async function take(c: Context<WebEnv>, name: LimitName, subject: string) {
    try {
      await limiters[name].consume(digest(options.key, name, subject));
      return undefined;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      // Once per window at warn (the moment a limit is crossed), then quieter. Never the
      // username; the address only at debug.
      const first = refusal.consumedPoints === limits[name].points + 1;
      const event = { limit: name, path: redactPath(c.req.path), retryAfterSeconds };
      if (first) {
        options.log.warn(event, 'rate limit reached');
        await options.onLimitReached?.(c, name, event.path);
      }
      options.log.debug({ ...event, clientAddress: c.var.clientAddress }, 'rate limited');
      return retryAfterSeconds;
    }
  }

  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    await ready;
    sweep();
    let wait = await take(c, 'perClient', limitSubject(c.var.clientAddress));
    if (wait === undefined && c.req.path === paths.start) {
      // Never a 429: that would let anyone lock the user out by typing their name. The start
      // route answers its usual page and does not ask a running recovery again.
      const username = await typedName(c, 'username');
      if (isWellFormedUsername(username) && (await take(c, 'perUsername', username))) {
        c.set('usernameOverLimit', true);
      }
    }
    if (wait === undefined && c.req.path === adminPaths.signIn) {
      const name = await typedName(c, 'user');
      if (name) wait = await take(c, 'perAdminName', name);
    }
    if (
      wait === undefined &&
      (c.req.path === paths.recovery || c.req.path.startsWith(`${paths.recovery}/`))
    ) {
      const session = readCookie(c, sessionCookie);
      if (session) wait = await take(c, 'perSession', session);
    }
    if (wait === undefined) return next();
    c.header('Retry-After', String(wait));
    c.header('Cache-Control', 'no-store');
    c.status(429);
    return options.onLimited(c, wait);
  };

  /** Now and then, drops the counters whose window has passed (one table for all limits). */
  function sweep() {
    const now = Date.now();
    if (now - lastSweep < sweepEveryMs) return;
    lastSweep = now;
    // The library's own clean-up (not in its type declarations); one table serves every limit.
    const store = limiters.perClient as unknown as { clearExpired(before: number): Promise<void> };
    store.clearExpired(now).catch((error: unknown) => {
      options.log.warn({ err: error }, 'rate limits: could not drop old counters');
    });
  }
}

/** The canonical form of a name typed into a form's field (the route reads the same body). */
async function typedName(c: Context<WebEnv>, field: string): Promise<string> {
  const value = (await c.req.parseBody())[field];
  return canonicalUsername(typeof value === 'string' ? value : '');
}

function digest(key: Buffer, name: LimitName, subject: string): string {
  return createHmac('sha256', key).update(`rate-limit:${name}:${subject}`).digest('base64url');
}

/**
 * What a client's count is kept under: its IPv4 address, or its IPv6 /64 (one subscriber's
 * network: counting single IPv6 addresses would let a client take a new one per request).
 */
export function limitSubject(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]?.split('::') ?? [''];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) takes two groups.
  const last = (tail === undefined ? left : right).at(-1) ?? '';
  if (last.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    const groups = [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
    (tail === undefined ? left : right).splice(-1, 1, ...groups);
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((g) =>
    g.padStart(4, '0').toLowerCase(),
  );
}
