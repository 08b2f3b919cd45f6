/**
 * The ids of the service's workflows and schedule, built and read here only. Each id says
 * whose run it is, so Temporal itself keeps the one-at-a-time rules: starting a workflow
 * whose id is running is refused (or, for a recovery, joins it).
 */

const recoveryPrefix = 'recovery-';

/** One recovery per user: a repeated request finds the running one. */
export function recoveryWorkflowId(username: string): string {
  return `${recoveryPrefix}${username}`;
}

/** Whether an id (from a browser's cookie, say) names a recovery, and nothing else. */
export function isRecoveryWorkflowId(workflowId: string): boolean {
  return workflowId.startsWith(recoveryPrefix);
}

/** One admin reset per user at a time: a second start while one runs is refused. */
export function adminResetWorkflowId(username: string): string {
  return `admin-reset-${username}`;
}

/** One announcement per change of a user's questions, named by the change's own id. */
export function questionsNoticeWorkflowId(username: string, changeId: string): string {
  return `questions-notice-${username}-${changeId}`;
}

/** One check per temporary key, named by the key's salt: each reset's key has its own. */
export function keyCheckWorkflowId(username: string, salt: string): string {
  return `key-check-${username}-${salt}`;
}

/**
 * The hourly housekeeping's schedule, and the workflows it starts: one per task queue, so two
 * installations sharing a namespace keep their own.
 */
export function housekeepingScheduleId(taskQueue: string): string {
  return `sspr-housekeeping-${taskQueue}`;
}
