import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Locale } from '../common/domain/locale';
import { openAnswers, openPassword } from '../common/form-secrets';
import type { SecretBox } from '../common/secret-box';
import { clearAnswerFailures } from '../db/answer-failures';
import { type AuditEvent, recordAudit } from '../db/audit';
import type { Db } from '../db/database';
import { lockedUntil, lockRecoveries } from '../db/lockouts';
import type { Directory } from '../directory/directory';
import type { Mailer } from '../mail/mailer';
import type { Notice } from '../mail/notice-messages';
import {
  type AddQuestionsInput,
  addQuestions,
  loadEnrollment,
  type SaveEnrollmentInput,
  submitEnrollment,
  verifyAnswers,
} from './enrollment/enrollment';
import { pruneExpiredRecords } from './housekeeping';
import { type IssueLinkInput, issueLink } from './links';
import { createNoticeSender } from './notices';
import { readPolicySnapshot } from './policy';
import {
  expireUnusedKey,
  type ResetTarget,
  resetWithTemporaryKey,
  setChosenPassword,
  type TemporaryKeyReset,
} from './reset/reset';

export type { DirectoryUser } from '../directory/directory';
export type { EnrollmentSummary } from './enrollment/enrollment';
export type { IssuedLink } from './links';
export type { PolicySnapshot } from './policy';

export interface ActivityDeps {
  db: Db;
  directory: Directory;
  mailer: Mailer;
  /** The service's secret key, shared with the web: link and session HMACs. */
  serviceKey: Buffer;
  /** The worker's own key, which web processes never hold: temporary keys derive from it. */
  workerKey: Buffer;
  /** Opens the answers and passwords the web sealed (common/form-secrets.ts). */
  secretBox: SecretBox;
  publicUrl: string;
  productName?: string;
}

/** The activities the worker registers, bound to their real resources. */
export function createActivities(deps: ActivityDeps) {
  const notices = createNoticeSender(deps.mailer, deps.productName);
  const links = { ...deps, linkKey: deps.serviceKey };
  const enrollment = { ...deps, notices };
  const reset = { ...deps, notices };
  return {
    snapshotPolicy: () => readPolicySnapshot(deps.db),
    lockedUntil: (username: string) => lockedUntil(deps.db, username),
    findUser: (username: string) => deps.directory.findUser(username),
    passwordRules: (dn: string) => deps.directory.passwordRules(dn),
    loadEnrollment: (input: Parameters<typeof loadEnrollment>[1]) => loadEnrollment(deps.db, input),
    issueLink: (input: IssueLinkInput) => issueLink(links, input),
    submitEnrollment: (input: SaveEnrollmentInput) =>
      submitEnrollment(enrollment, {
        ...input,
        answers: openAnswers(deps.secretBox, input.answers),
      }),
    addQuestions: (input: AddQuestionsInput) =>
      addQuestions(enrollment, { ...input, answers: openAnswers(deps.secretBox, input.answers) }),
    verifyAnswers: (input: Parameters<typeof verifyAnswers>[1]) =>
      verifyAnswers(
        deps.db,
        { ...input, answers: openAnswers(deps.secretBox, input.answers) },
        attemptKey(),
      ),
    lockRecoveries: async (input: { username: string; until: string }) => {
      await lockRecoveries(deps.db, input.username, input.until);
      // The lockout takes over; once it ends, the count of wrong answers starts again.
      await clearAnswerFailures(deps.db, input.username);
    },
    resetWithTemporaryKey: (input: TemporaryKeyReset) => resetWithTemporaryKey(reset, input),
    setChosenPassword: (input: { username: string; dn: string; password: string }) =>
      setChosenPassword(reset, {
        ...input,
        password: openPassword(deps.secretBox, input.password),
      }),
    expireUnusedKey: (input: ResetTarget & { salt: string }) => expireUnusedKey(reset, input),
    sendNotice: (input: { to: string[]; displayName: string; locale: Locale; notice: Notice }) =>
      sendToEach(input.to, (to) => notices.send(to, input, input.notice)),
    pruneExpiredRecords: () => pruneExpiredRecords(deps.db),
    audit: (event: AuditEvent) => {
      const key = attemptKey();
      return recordAudit(deps.db, key ? { ...event, idempotencyKey: key } : event);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

/** The same for every retry of one activity: its run and id; empty outside a workflow. */
function attemptKey(): string {
  const { info } = Context.current();
  const run = info.workflowExecution?.runId;
  return run ? `${run}:${info.activityId}` : '';
}

/**
 * Sends to every address; one that the mail server refuses for good (a 5xx) does not stop the
 * others and is counted, not thrown. A passing failure is thrown, so the activity is retried.
 */
async function sendToEach(addresses: string[], send: (to: string) => Promise<void>) {
  const results = await Promise.allSettled(addresses.map(send));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  const passing = failures.find((error) => !isPermanent(error));
  if (passing) throw passing;
  return failures.length;
}

function isPermanent(error: unknown): boolean {
  return error instanceof ApplicationFailure && error.nonRetryable === true;
}
