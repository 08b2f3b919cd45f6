import type { Generated, Insertable, Selectable } from 'kysely';

/** The tables the service keeps; timestamps are ISO-8601 text in UTC. */
export interface Database {
  policy_versions: PolicyVersionsTable;
  questions: QuestionsTable;
  recovery_links: RecoveryLinksTable;
}

export type ResetMode = 'temporary-key' | 'user-chooses';

/** Each change of policy is a new row; the newest row is the policy in force (R6, R12). */
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
}

/** The admin's question catalog, in Spanish and English (R16). */
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
}

export type PolicyVersion = Selectable<PolicyVersionsTable>;
export type NewPolicyVersion = Insertable<PolicyVersionsTable>;
export type Question = Selectable<QuestionsTable>;
export type RecoveryLink = Selectable<RecoveryLinksTable>;
