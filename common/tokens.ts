import { createHmac, randomBytes } from 'node:crypto';

/** A one-time secret for a link or a session: 256 bits from the CSPRNG, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the service keeps of a token: its HMAC under the link key, with the token's purpose
 * mixed in so that a link token can never pass as a session and the other way round.
 */
export function tokenDigest(
  key: Buffer,
  purpose: 'link' | 'session' | 'csrf' | 'admin' | 'inbox',
  token: string,
): string {
  return createHmac('sha256', key).update(`${purpose}:${token}`).digest('base64url');
}

/** A token as it appears in a link or cookie: 43 base64url characters. */
export const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
