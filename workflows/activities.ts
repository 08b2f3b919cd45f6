import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
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

/**
 * Reads of the service's own database, milliseconds each, run by the worker inside the
 * workflow task that needs them (local activities): as ordinary activities each cost a round
 * trip through the Temporal server and a workflow task of its own, and three of them stood
 * between a request and its link e-mail (docs/BENCHMARKS.md).
 */
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry });

/**
 * Recoveries that started before the reads became local replay them as ordinary activities;
 * from the moment a recovery runs on this code (new, or past its replayed history), local.
 */
const localReads = () => patched('local-database-reads');

export const activities = {
  get snapshotPolicy() {
    return localReads() ? local.snapshotPolicy : quick.snapshotPolicy;
  },
  get lockedUntil() {
    return localReads() ? local.lockedUntil : quick.lockedUntil;
  },
  get loadEnrollment() {
    return localReads() ? local.loadEnrollment : quick.loadEnrollment;
  },
  findUser: quick.findUser,
  passwordRules: quick.passwordRules,
  lockRecoveries: quick.lockRecoveries,
  audit: quick.audit,
  pruneExpiredRecords: quick.pruneExpiredRecords,
  issueLink: slow.issueLink,
  submitEnrollment: slow.submitEnrollment,
  addQuestions: slow.addQuestions,
  verifyAnswers: slow.verifyAnswers,
  resetWithTemporaryKey: slow.resetWithTemporaryKey,
  setChosenPassword: slow.setChosenPassword,
  expireUnusedKey: slow.expireUnusedKey,
  sendNotice: slow.sendNotice,
} satisfies Activities;
