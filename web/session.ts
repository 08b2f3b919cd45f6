import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isRecoveryWorkflowId } from '../common/domain/workflow-ids';
import { newToken, tokenDigest, tokenPattern } from '../common/tokens';
import { sessionTtlSeconds } from '../workflows/messages';

const cookieName = 'sspr_session';

/**
 * The browser's recovery session, given in exchange for a one-time link: which recovery, and
 * a secret whose HMAC the workflow keeps. HttpOnly, SameSite=Strict, short-lived.
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
  setCookie(c, cookieName, `${Buffer.from(options.workflowId).toString('base64url')}.${secret}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.secure,
    path: '/',
    maxAge: sessionTtlSeconds,
  });
  return tokenDigest(options.key, 'session', secret);
}

export function readSession(c: Context, key: Buffer): RecoverySession | undefined {
  const [id = '', secret = ''] = (getCookie(c, cookieName) ?? '').split('.');
  if (!tokenPattern.test(secret)) return undefined;
  const workflowId = Buffer.from(id, 'base64url').toString('utf8');
  if (!isRecoveryWorkflowId(workflowId)) return undefined;
  return { workflowId, sessionDigest: tokenDigest(key, 'session', secret) };
}

export function endSession(c: Context): void {
  deleteCookie(c, cookieName, { path: '/' });
}
