import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { newToken, tokenDigest, tokenPattern } from '../common/tokens';
import { csrfCookie, readCookie, writeCookie } from './cookies';
import type { WebEnv } from './env';

/**
 * CSRF protection for every form (ASVS 4.2.2): a random secret in a cookie (web/cookies.ts)
 * and its HMAC in a hidden field (signed double submit); a POST whose field does not match
 * the cookie, or whose Origin is another site, is refused before any route sees it.
 */
export function csrfProtection(options: {
  key: Buffer;
  publicOrigin: string;
  secureCookies: boolean;
  onRefused: (c: Context<WebEnv>) => Response | Promise<Response>;
}): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    let secret = readCookie(c, csrfCookie);
    const hadSecret = secret !== undefined && tokenPattern.test(secret);
    if (!hadSecret) {
      secret = newToken();
      writeCookie(c, csrfCookie, secret, options.secureCookies);
    }
    const expected = tokenDigest(options.key, 'csrf', secret as string);
    c.set('csrfToken', expected);
    if (c.req.method === 'POST') {
      const origin = c.req.header('origin');
      // A body no form sends (a multipart one cut short) has no token either: refused alike.
      const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
      const sent = typeof body.csrf === 'string' ? body.csrf : '';
      // Pages are sent with Referrer-Policy: no-referrer, under which browsers send a plain
      // form's POST with `Origin: null`; Sec-Fetch-Site then tells whether it came from here.
      const site = c.req.header('sec-fetch-site');
      const sameOrigin =
        origin === undefined ||
        origin === options.publicOrigin ||
        (origin === 'null' && (site === undefined || site === 'same-origin'));
      if (!hadSecret || !sameOrigin || !equal(sent, expected)) {
        c.status(403);
        return options.onRefused(c);
      }
    }
    await next();
  };
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
