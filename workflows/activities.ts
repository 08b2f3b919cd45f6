import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Every activity is retried with backoff until it succeeds, so an SMTP server or directory
 * that is down delays a recovery instead of failing it; permanent failures (an SMTP 5xx)
 * are thrown as non-retryable by the activity itself. The time limit of one attempt is
 * also how long a crashed worker holds a recovery up, so it is as short as the work allows.
 */
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };

/** Database reads and writes and directory look-ups: seconds at most. */
const quick = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/** Mail, argon2 hashing and directory writes: a slow mail server may take its time. */
const slow = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry });

export const activities = {
  snapshotPolicy: quick.snapshotPolicy,
  lockedUntil: quick.lockedUntil,
  findUser: quick.findUser,
  passwordRules: quick.passwordRules,
  loadEnrollment: quick.loadEnrollment,
  lockRecoveries: quick.lockRecoveries,
  audit: quick.audit,
  pruneExpiredRecords: quick.pruneExpiredRecords,
  issueLink: slow.issueLink,
  submitEnrollment: slow.submitEnrollment,
  verifyAnswers: slow.verifyAnswers,
  resetWithTemporaryKey: slow.resetWithTemporaryKey,
  setChosenPassword: slow.setChosenPassword,
  expireUnusedKey: slow.expireUnusedKey,
  sendNotice: slow.sendNotice,
} satisfies Activities;
