import { z } from 'zod';
import type { AnswerInput } from '../../common/domain/answers';
import { answerProblems } from '../../common/domain/answers';
import type { EnrollmentErrors, EnrollmentResult } from '../../common/domain/enrollment';
import { emailedLinkUrl } from '../../common/domain/links';
import type { Locale } from '../../common/domain/locale';
import { newToken, tokenDigest } from '../../common/tokens';
import { saveAlternateVerification } from '../../db/alternate-verifications';
import {
  clearAnswerFailures,
  countAnswerFailure,
  recentAnswerFailures,
} from '../../db/answer-failures';
import type { Db } from '../../db/database';
import {
  activeQuestionIds,
  answerHashes,
  findEnrollment,
  saveEnrollment,
} from '../../db/enrollments';
import type { NoticeSender } from '../notices';
import { answerMatches, hashAnswer } from './answer-hash';

export interface EnrollmentDeps {
  db: Db;
  notices: NoticeSender;
  serviceKey: Buffer;
  publicUrl: string;
}

/** What the workflow may know of an enrollment: never an answer or a hash. */
export interface EnrollmentSummary {
  enrolled: boolean;
  questionIds: number[];
  alternateMail?: string;
  alternateVerified: boolean;
  /** Wrong answers within the failure window, in this and earlier recoveries. */
  recentWrongAnswers?: number;
}

/**
 * A user is enrolled when they have at least as many answers as the policy asks for now; if
 * the admin raised the minimum since, they enrol again.
 */
export async function loadEnrollment(
  db: Db,
  input: { username: string; minQuestions: number; failureWindowSeconds?: number },
): Promise<EnrollmentSummary> {
  const found = await findEnrollment(db, input.username);
  if (!found) return { enrolled: false, questionIds: [], alternateVerified: false };
  const window = input.failureWindowSeconds;
  return {
    recentWrongAnswers: window ? await recentAnswerFailures(db, input.username, window) : undefined,
    enrolled: found.questionIds.length >= input.minQuestions,
    questionIds: found.questionIds,
    alternateMail: found.alternateMail,
    alternateVerified: found.alternateVerified,
  };
}

export interface SaveEnrollmentInput {
  username: string;
  displayName: string;
  mail: string;
  locale: Locale;
  alternateMail: string;
  alternateMailConfirm: string;
  answers: AnswerInput[];
  minQuestions: number;
  minAnswerLength: number;
}

const verificationHours = 48;
const email = z.email();

/**
 * The enrollment form: checks it as a whole and says what is wrong with each field, or
 * stores the answers as argon2id hashes and e-mails the alternate address a link that
 * proves the user reads it. Saving again replaces the earlier enrollment, so a retry is safe.
 */
export async function submitEnrollment(
  deps: EnrollmentDeps,
  input: SaveEnrollmentInput,
): Promise<EnrollmentResult> {
  const errors = await enrollmentErrors(deps.db, input);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const alternateMail = input.alternateMail.trim();
  const answers = await Promise.all(
    input.answers.map(async (a) => ({
      questionId: a.questionId,
      hash: await hashAnswer(a.answer),
    })),
  );
  await saveEnrollment(deps.db, {
    username: input.username,
    alternateMail,
    locale: input.locale,
    answers,
  });

  const token = newToken();
  await saveAlternateVerification(deps.db, {
    digest: tokenDigest(deps.serviceKey, 'link', token),
    username: input.username,
    alternateMail,
    expiresAt: new Date(Date.now() + verificationHours * 3600_000).toISOString(),
  });
  await deps.notices.send(alternateMail, input, {
    kind: 'verify-alternate',
    url: emailedLinkUrl(deps.publicUrl, 'verify', token),
    validHours: verificationHours,
  });
  return { ok: true };
}

async function enrollmentErrors(db: Db, input: SaveEnrollmentInput): Promise<EnrollmentErrors> {
  const errors: EnrollmentErrors = {};
  const alternate = input.alternateMail.trim();
  if (!email.safeParse(alternate).success) errors.alternateMail = 'invalid';
  else if (alternate.toLowerCase() !== input.alternateMailConfirm.trim().toLowerCase()) {
    errors.alternateMail = 'mismatch';
  } else if (alternate.toLowerCase() === input.mail.toLowerCase()) {
    errors.alternateMail = 'same-as-main';
  }

  const ids = input.answers.map((a) => a.questionId);
  // A line left at "choose a question…" arrives as 0.
  if (ids.length !== input.minQuestions || ids.some((id) => !(id > 0))) errors.questions = 'count';
  else if (new Set(ids).size !== ids.length) errors.questions = 'duplicate';
  else if ((await activeQuestionIds(db, ids)).size !== ids.length) errors.questions = 'unknown';

  const problems = answerProblems(
    input.answers.map((a) => a.answer),
    {
      minLength: input.minAnswerLength,
      identity: [
        input.username,
        input.displayName,
        ...input.displayName.split(/\s+/u).filter((word) => word.length >= 3),
        input.mail,
        alternate,
      ],
    },
  );
  if (problems.some((p) => p !== undefined)) errors.answers = problems.map((p) => p ?? null);
  return errors;
}

/**
 * The answers: true only if every asked question is answered right. Every answer is
 * checked, right or wrong, so the time taken does not tell which one was wrong. With a
 * failure window, a wrong try counts against the account beyond this recovery, and right
 * answers clear the count; `attempt` keeps a retried activity from counting twice.
 */
export async function verifyAnswers(
  db: Db,
  input: {
    username: string;
    questionIds: number[];
    answers: AnswerInput[];
    failureWindowSeconds?: number;
  },
  attempt = '',
): Promise<boolean> {
  const right = await answersMatch(db, input);
  const windowSeconds = input.failureWindowSeconds;
  if (windowSeconds && right) await clearAnswerFailures(db, input.username);
  else if (windowSeconds) {
    await countAnswerFailure(db, { username: input.username, windowSeconds, attempt });
  }
  return right;
}

async function answersMatch(
  db: Db,
  input: { username: string; questionIds: number[]; answers: AnswerInput[] },
): Promise<boolean> {
  const hashes = await answerHashes(db, input.username);
  const given = new Map(input.answers.map((a) => [a.questionId, a.answer]));
  const results = await Promise.all(
    input.questionIds.map((id) => {
      const hash = hashes.get(id);
      return hash === undefined ? false : answerMatches(hash, given.get(id) ?? '');
    }),
  );
  return results.length > 0 && results.every(Boolean);
}
