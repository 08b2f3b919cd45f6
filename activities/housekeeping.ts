import { pruneAdminSessions } from '../db/admin-sessions';
import { pruneAnswerFailures } from '../db/answer-failures';
import type { Db } from '../db/database';
import { pruneLinks } from '../db/links';
import { pruneLockouts } from '../db/lockouts';

/** The longest lockout the policy page allows (web/admin/policy-form.ts): a week. */
const longestLockoutSeconds = 7 * 24 * 3600;

/** How many rows of each kind a round of housekeeping forgot. */
export interface PruneCounts {
  links: number;
  adminSessions: number;
  answerFailures: number;
  lockouts: number;
}

/**
 * Forgets what no recovery or session can use any more: links a day past their expiry, admin
 * sessions past their absolute limit, wrong-answer counts older than any lockout window, and
 * lockouts that have ended. The audit log is kept: it is the record.
 */
export async function pruneExpiredRecords(db: Db, now = new Date()): Promise<PruneCounts> {
  return {
    links: await pruneLinks(db, now),
    adminSessions: await pruneAdminSessions(db, now),
    answerFailures: await pruneAnswerFailures(db, longestLockoutSeconds, now),
    lockouts: await pruneLockouts(db, now),
  };
}
