import { z } from 'zod';
import type { ResetMode } from '../../common/domain/reset-mode';
import type { PolicyChange } from '../../db/policy';
import type { PolicyVersion } from '../../db/schema';

/** The policy as the form shows it: admin units (minutes, hours), every value as typed. */
export type PolicyFields = Record<keyof typeof ranges | 'resetMode' | 'senderAddress', string>;

/** Each number's unit on the form, its range there, and the policy column it fills. */
const ranges = {
  minQuestions: { column: 'min_questions', min: 1, max: 15, unit: 1 },
  linkTtlMinutes: { column: 'link_ttl_seconds', min: 1, max: 1440, unit: 60 },
  resendLimitPerHour: { column: 'resend_limit_per_hour', min: 0, max: 20, unit: 1 },
  linkMailsPerHour: { column: 'link_mails_per_address_per_hour', min: 1, max: 100, unit: 1 },
  maxWrongAnswers: { column: 'max_wrong_answers', min: 1, max: 20, unit: 1 },
  lockoutMinutes: { column: 'lockout_seconds', min: 1, max: 10_080, unit: 60 },
  temporaryKeyHours: { column: 'temporary_key_ttl_seconds', min: 1, max: 168, unit: 3600 },
  minAnswerLength: { column: 'min_answer_length', min: 1, max: 50, unit: 1 },
} as const;

export type PolicyProblem =
  | { kind: 'range'; min: number; max: number }
  | { kind: 'moreThanCatalog'; active: number }
  | { kind: 'email' }
  | { kind: 'mode' };

export function policyFields(p: PolicyVersion): PolicyFields {
  const fields = Object.fromEntries(
    Object.entries(ranges).map(([name, r]) => [name, String(p[r.column] / r.unit)]),
  ) as Record<keyof typeof ranges, string>;
  return { ...fields, resetMode: p.reset_mode, senderAddress: p.sender_address ?? '' };
}

/**
 * The change the form asks for, or what is wrong with each field (questions: 1-15, within
 * the catalog).
 */
export function readPolicyForm(
  form: Record<string, unknown>,
  activeQuestions: number,
):
  | { ok: true; change: PolicyChange; fields: PolicyFields }
  | {
      ok: false;
      problems: Partial<Record<keyof PolicyFields, PolicyProblem>>;
      fields: PolicyFields;
    } {
  const text = (name: string) =>
    typeof form[name] === 'string' ? (form[name] as string).trim() : '';
  const fields = Object.fromEntries(
    [...Object.keys(ranges), 'resetMode', 'senderAddress'].map((name) => [name, text(name)]),
  ) as PolicyFields;
  const problems: Partial<Record<keyof PolicyFields, PolicyProblem>> = {};
  const change: PolicyChange = {};
  for (const [name, r] of Object.entries(ranges) as Array<
    [keyof typeof ranges, (typeof ranges)[keyof typeof ranges]]
  >) {
    const value = /^\d+$/.test(fields[name]) ? Number(fields[name]) : Number.NaN;
    if (!(value >= r.min && value <= r.max))
      problems[name] = { kind: 'range', min: r.min, max: r.max };
    else change[r.column] = value * r.unit;
  }
  if (!problems.minQuestions && (change.min_questions ?? 0) > activeQuestions) {
    problems.minQuestions = { kind: 'moreThanCatalog', active: activeQuestions };
  }
  if (fields.resetMode !== 'temporary-key' && fields.resetMode !== 'user-chooses') {
    problems.resetMode = { kind: 'mode' };
  } else change.reset_mode = fields.resetMode as ResetMode;
  if (fields.senderAddress !== '' && !z.email().safeParse(fields.senderAddress).success) {
    problems.senderAddress = { kind: 'email' };
  } else change.sender_address = fields.senderAddress || null;
  return Object.keys(problems).length > 0
    ? { ok: false, problems, fields }
    : { ok: true, change, fields };
}

/** Each setting that differs between two versions, as the form shows it (admin units). */
export function policyChanges(
  version: PolicyVersion,
  previous: PolicyVersion,
): Array<{ field: keyof PolicyFields; before: string; after: string }> {
  const after = policyFields(version);
  const before = policyFields(previous);
  return (Object.keys(after) as Array<keyof PolicyFields>)
    .filter((field) => after[field] !== before[field])
    .map((field) => ({ field, before: before[field], after: after[field] }));
}
