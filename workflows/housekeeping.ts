import type { PruneCounts } from '../activities/housekeeping';
import { activities } from './activities';

/**
 * The database's housekeeping, started every hour by a Temporal schedule the worker sets up
 * (worker/housekeeping-schedule.ts): one activity, retried like the others until it is done.
 */
export async function housekeeping(): Promise<PruneCounts> {
  return activities.pruneExpiredRecords();
}
