import type { Context } from 'hono';
import { isRecoveryWorkflowId } from '../common/domain/workflow-ids';
import { newToken, tokenDigest, tokenPattern } from '../common/tokens';
import { clearCookie, readCookie, sessionCookie, writeCookie } from './cookies';

/**
 * The browser's recovery session, given in exchange for a one-time link: which recovery, and
 * a secret whose HMAC the workflow keeps, in a short-lived cookie (web/cookies.ts).
 */
export interface RecoverySession {
  workflowId: string;
  sessionDigest: string;
}

export function startSession(
  c: Context,
  options: { workflowId: string; key: Buffer; secure: boolean },
): string {
  const secret = newToken();
  const id = Buffer.from(options.workflowId).toString('base64url');
  writeCookie(c, sessionCookie, `${id}.${secret}`, options.secure);
  return tokenDigest(options.key, 'session', secret);
}

/**
 * Gives the session's cookie a new lifetime: the workflow restarts the session's clock with
 * each form it takes, and a cookie left with its first expiry would end the session early.
 */
export function refreshSession(c: Context, secure: boolean): void {
  const value = readCookie(c, sessionCookie);
  if (value) writeCookie(c, sessionCookie, value, secure);
}

export function readSession(c: Context, key: Buffer): RecoverySession | undefined {
  const [id = '', secret = ''] = (readCookie(c, sessionCookie) ?? '').split('.');
  if (!tokenPattern.test(secret)) return undefined;
  const workflowId = Buffer.from(id, 'base64url').toString('utf8');
  if (!isRecoveryWorkflowId(workflowId)) return undefined;
  return { workflowId, sessionDigest: tokenDigest(key, 'session', secret) };
}

export function endSession(c: Context): void {
  clearCookie(c, sessionCookie);
}
