import type { ResetMode } from '../common/domain/reset-mode';
import type { Db } from '../db/database';
import { currentPolicy } from '../db/policy';

/** The policy a recovery keeps from its start to its end, whatever the admin changes meanwhile. */
export interface PolicySnapshot {
  version: number;
  minQuestions: number;
  linkTtlSeconds: number;
  resendLimitPerHour: number;
  maxWrongAnswers: number;
  lockoutSeconds: number;
  resetMode: ResetMode;
  temporaryKeyTtlSeconds: number;
  minAnswerLength: number;
  /** The inbox cap; absent in snapshots taken before it existed. */
  linkMailsPerAddressPerHour?: number;
}

export async function readPolicySnapshot(db: Db): Promise<PolicySnapshot> {
  const p = await currentPolicy(db);
  return {
    version: p.id,
    minQuestions: p.min_questions,
    linkTtlSeconds: p.link_ttl_seconds,
    resendLimitPerHour: p.resend_limit_per_hour,
    maxWrongAnswers: p.max_wrong_answers,
    lockoutSeconds: p.lockout_seconds,
    resetMode: p.reset_mode,
    temporaryKeyTtlSeconds: p.temporary_key_ttl_seconds,
    minAnswerLength: p.min_answer_length,
    linkMailsPerAddressPerHour: p.link_mails_per_address_per_hour,
  };
}
