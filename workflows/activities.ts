import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Every activity is retried with backoff until it succeeds, so an SMTP server or directory
 * that is down delays a recovery instead of failing it; permanent failures (an SMTP 5xx)
 * are thrown as non-retryable by the activity itself. One minute covers argon2 hashing and
 * a slow mail server.
 */
export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
