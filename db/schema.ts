import type { Generated, Insertable, Selectable } from 'kysely';
import type { ResetMode } from '../common/domain/reset-mode';

/** The tables the service keeps; timestamps are ISO-8601 text in UTC. */
export interface Database {
  policy_versions: PolicyVersionsTable;
  questions: QuestionsTable;
  recovery_links: RecoveryLinksTable;
  enrollments: EnrollmentsTable;
  enrollment_answers: EnrollmentAnswersTable;
  alternate_verifications: AlternateVerificationsTable;
  recovery_lockouts: RecoveryLockoutsTable;
  answer_failures: AnswerFailuresTable;
  audit_events: AuditEventsTable;
  temporary_keys: TemporaryKeysTable;
  smtp_configs: SmtpConfigsTable;
  admin_sessions: AdminSessionsTable;
}

/** A signed-in admin; the cookie holds a secret whose HMAC is the key. */
export interface AdminSessionsTable {
  digest: string;
  actor: string;
  created_at: string;
  last_seen_at: string;
}

/** Each change of policy is a new row; the newest row is the policy in force. */
export interface PolicyVersionsTable {
  id: Generated<number>;
  created_at: string;
  created_by: string;
  min_questions: number;
  link_ttl_seconds: number;
  resend_limit_per_hour: number;
  max_wrong_answers: number;
  lockout_seconds: number;
  reset_mode: ResetMode;
  temporary_key_ttl_seconds: number;
  sender_address: string | null;
  /** Answers shorter than this, once normalised, are refused. */
  min_answer_length: Generated<number>;
  /** The most link e-mails one address gets in an hour, from every recovery together. */
  link_mails_per_address_per_hour: Generated<number>;
}

/** The admin's question catalog, in Spanish and English. */
export interface QuestionsTable {
  id: Generated<number>;
  text_es: string;
  text_en: string;
  active: Generated<number>;
  created_at: string;
}

/**
 * Routes a one-time link to its recovery without putting the username in the URL. Only the
 * token's HMAC is kept; the recovery workflow stays the authority on whether it is valid.
 */
export interface RecoveryLinksTable {
  digest: string;
  workflow_id: string;
  purpose: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
  /** The HMAC of the address it was e-mailed to, for the inbox cap (null before it). */
  to_digest: string | null;
}

/** A user's security set-up: set once, deleted by an admin to enrol again. */
export interface EnrollmentsTable {
  username: string;
  alternate_mail: string;
  alternate_verified_at: string | null;
  locale: string;
  enrolled_at: string;
}

/** Answers are kept only as argon2id hashes of their normalised form; nobody can read them. */
export interface EnrollmentAnswersTable {
  username: string;
  question_id: number;
  answer_hash: string;
}

/** One-time links that prove the user reads the alternate address. */
export interface AlternateVerificationsTable {
  digest: string;
  username: string;
  alternate_mail: string;
  expires_at: string;
  used_at: string | null;
}

/** Too many wrong answers: no new recovery for the user until `locked_until`. */
/** Wrong answers of one account since `first_at`, across recoveries (db/answer-failures.ts). */
export interface AnswerFailuresTable {
  username: string;
  failures: number;
  first_at: string;
  last_attempt: string;
}

export interface RecoveryLockoutsTable {
  username: string;
  locked_until: string;
  created_at: string;
}

/**
 * The user's newest temporary key, by the salt it was derived from (never the key): a key
 * check acts only on the key it was started for, not on a newer one.
 */
export interface TemporaryKeysTable {
  username: string;
  salt: string;
  set_at: string;
}

/** Who did what, when, from where, and how it ended; never a secret. */
export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  username: string | null;
  actor: string;
  event: string;
  outcome: string;
  client_address: string | null;
  workflow_id: string | null;
  details: string | null;
  /** Set by activities, so that a retried activity records its event once. */
  idempotency_key: string | null;
}

export type TlsMode = 'none' | 'starttls' | 'tls';

/**
 * An SMTP server an admin configured; the one whose sender address's domain matches the
 * policy's sender address sends the mail. The password is only ever stored sealed.
 */
export interface SmtpConfigsTable {
  id: Generated<number>;
  name: string;
  host: string;
  port: number;
  tls_mode: TlsMode;
  username: string | null;
  /** common/secret-box.ts: `v1.<key id>.<data>`; null when no password is set. */
  password_sealed: string | null;
  sender_address: string;
  created_at: string;
  /** Also what the mailer's transport cache is keyed by, with the id: strictly increasing. */
  updated_at: string;
  /** The last test message: when, its SmtpTestCode, the server's answer; never a secret. */
  last_test_at: string | null;
  last_test_code: string | null;
  last_test_detail: string | null;
}

export type PolicyVersion = Selectable<PolicyVersionsTable>;
export type NewPolicyVersion = Insertable<PolicyVersionsTable>;
export type Question = Selectable<QuestionsTable>;
export type RecoveryLink = Selectable<RecoveryLinksTable>;
