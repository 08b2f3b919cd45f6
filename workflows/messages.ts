import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AnswerInput } from '../common/domain/answers';
import type { EnrollmentResult, QuestionsChange } from '../common/domain/enrollment';
import type { Locale } from '../common/domain/locale';
import type { PasswordRejection, PasswordRules } from '../common/domain/passwords';
import type { ResetMode } from '../common/domain/reset-mode';

/** What the web sends to start a recovery; the same for every well-formed username. */
export interface RecoveryRequest {
  /** Canonical username (common/domain/username.ts). */
  username: string;
  /** Language of the page the request came from; e-mails follow it. */
  locale: Locale;
  /** For the audit: where the request came from. */
  clientAddress?: string;
  /**
   * An admin asked that the link, and the temporary key after it, go to the user's
   * verified alternate address (the main mailbox is out of reach). Never set by the start page.
   */
  sendTo?: 'alternate';
  /** Who asked, when it was not the user: `admin:<name>`, for the audit. */
  requestedBy?: string;
}

/** The admin console's temporary-key reset for a user: nobody sees or picks the key. */
export interface AdminResetRequest {
  /** Canonical username of an account the catalog showed. */
  username: string;
  /** The user's language, for the e-mails. */
  locale: Locale;
  /** `admin:<name>`: the audit's actor for every step. */
  requestedBy: string;
  clientAddress?: string;
}

/**
 * An admin changed the user's questions: every address on file hears of it (S5), in the
 * user's language, with no secret. The addresses are read by the console as it acts, since
 * the change may delete the alternate one.
 */
export interface QuestionsNoticeRequest {
  to: string[];
  displayName: string;
  locale: Locale;
  change: QuestionsChange;
}

export type RecoveryStatus =
  | 'looking-up'
  | 'waiting-for-click'
  | 'enrolling'
  | 'answering'
  | 'choosing-password'
  | 'resetting'
  | 'ended';

/** How a recovery ended; never shown to the requester, only to operators and the audit. */
export type RecoveryOutcome =
  | 'no-account'
  | 'no-mail'
  | 'disabled'
  | 'locked-out'
  | 'link-expired'
  | 'inbox-full'
  | 'session-expired'
  | 'answers-locked'
  | 'questions-deleted'
  | 'password-reset'
  | 'reset-failed';

export interface RecoveryResult {
  outcome: RecoveryOutcome;
  /** After a temporary-key reset: the workflow that checks the key gets used. */
  keyCheckWorkflowId?: string;
}

/**
 * The step the user's session is at, for the page to show. 'add-questions' follows right
 * answers when the policy now asks for more questions than the user has.
 */
export type Step = 'enroll' | 'answer' | 'add-questions' | 'choose-password';

export interface PublicState {
  status: RecoveryStatus;
  /** Once ended: how, so the page can say what happens next. */
  outcome?: RecoveryOutcome;
  step?: Step;
  /** ISO time when the current link stops working. */
  linkExpiresAt?: string;
  /** Enrollment: how many questions to pick, and how long answers must be. */
  minQuestions?: number;
  minAnswerLength?: number;
  /** Answering: which of the user's questions to answer, and how many tries are left. */
  questionIds?: number[];
  attemptsLeft?: number;
  /** Adding questions: how many more the policy asks for (the asked ones are all the user has). */
  missingQuestions?: number;
  resetMode?: ResetMode;
  /** For the closing pages: how long a temporary key lives, how long a lockout lasts. */
  temporaryKeyMinutes?: number;
  lockoutMinutes?: number;
  /** The directory's rules, shown before the user chooses a password (user-chooses mode). */
  passwordRules?: PasswordRules;
}

/** Proof that an update comes from the browser that opened the link. */
export interface SessionProof {
  /** HMAC of the session secret in the browser's cookie. */
  sessionDigest: string;
  clientAddress?: string;
}

export interface OpenLinkInput extends SessionProof {
  /** HMAC of the token from the link (common/tokens.ts): the token itself never reaches history. */
  linkDigest: string;
}

export interface OpenLinkResult {
  next: Step;
}

/** Why a link was refused: the page tells the user which, and sends them back to the start. */
export type LinkRefusal = 'expired' | 'used' | 'superseded' | 'unknown';

export interface EnrollmentInput extends SessionProof {
  alternateMail: string;
  alternateMailConfirm: string;
  answers: AnswerInput[];
}

export interface AnswersInput extends SessionProof {
  answers: AnswerInput[];
}

/** Only the missing questions' answers: nothing else of the enrollment can change at this step. */
export interface AddedQuestionsInput extends SessionProof {
  answers: AnswerInput[];
}

/** Wrong answers never say which one was wrong; at zero tries left the recovery is locked. */
export type AnswersResult = { ok: true } | { ok: false; attemptsLeft: number };

export interface NewPasswordInput extends SessionProof {
  password: string;
}

export type NewPasswordResult = { ok: true } | { ok: false; reason: PasswordRejection };

/** How long a browser session may idle between two steps before the recovery ends. */
export const sessionTtlSeconds = 15 * 60;

/** A repeated request for the same user while a recovery runs: re-send a fresh link. */
export const requestAgain = defineSignal<[RecoveryRequest]>('requestAgain');

/**
 * An admin deleted the user's questions. A recovery that would still ask them ends
 * ('questions-deleted'), so no answer is checked against questions that are gone; the next
 * recovery is an enrollment. One past its answers carries on, unless it still has questions
 * to add: those would join questions that are gone.
 */
export const questionsDeleted = defineSignal('questionsDeleted');

/** The user opened the link; accepted once, only for the newest link, before it expires. */
export const openLink = defineUpdate<OpenLinkResult, [OpenLinkInput]>('openLink');
export const submitEnrollment = defineUpdate<EnrollmentResult, [EnrollmentInput]>(
  'submitEnrollment',
);
export const submitAnswers = defineUpdate<AnswersResult, [AnswersInput]>('submitAnswers');
export const submitAddedQuestions = defineUpdate<EnrollmentResult, [AddedQuestionsInput]>(
  'submitAddedQuestions',
);
export const submitNewPassword = defineUpdate<NewPasswordResult, [NewPasswordInput]>(
  'submitNewPassword',
);

/** The recovery's state, for operators (who reach Temporal) and tests. */
export const publicState = defineQuery<PublicState>('publicState');

/** The same, for the pages: only to the browser holding this recovery's session. */
export const sessionState = defineQuery<PublicState | undefined, [string]>('sessionState');
