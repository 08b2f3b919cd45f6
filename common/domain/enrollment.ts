import type { AnswerProblem } from './answers';

/** What is wrong with an enrollment form, field by field; answers by position. */
export interface EnrollmentErrors {
  alternateMail?: 'invalid' | 'mismatch' | 'same-as-main';
  questions?: 'count' | 'duplicate' | 'unknown';
  answers?: Array<AnswerProblem | null>;
}

/** An enrollment is saved, or sent back with its problems at their fields. */
export type EnrollmentResult = { ok: true } | { ok: false; errors: EnrollmentErrors };

/**
 * A change of the questions or the alternate address, which both addresses hear of: a first
 * enrollment, questions added after the policy's minimum was raised, an admin's deletion.
 */
export type QuestionsChange = 'enrolled' | 'added' | 'deleted';
