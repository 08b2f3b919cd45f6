import { z } from 'zod';
import type { AnswerInput } from '../../common/domain/answers';
import { answerProblems } from '../../common/domain/answers';
import type {
  EnrollmentErrors,
  EnrollmentResult,
  QuestionsChange,
} from '../../common/domain/enrollment';
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
  addAnswers,
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
 * A user is enrolled from the moment they saved their answers until an admin deletes them,
 * whatever the policy's minimum becomes: a raised minimum adds questions after the existing
 * ones are answered right, never an enrollment again, which the link alone would allow.
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
    enrolled: found.questionIds.length > 0,
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
 * stores the answers as argon2id hashes, e-mails the alternate address a link that proves the
 * user reads it, and tells both addresses. Saving again replaces the earlier enrollment, so a
 * retry is safe.
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
  await announceChange(deps, input, [input.mail, alternateMail], 'enrolled');
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
  return {
    ...errors,
    ...(await answerErrors(db, input, { count: input.minQuestions, taken: [], alternate })),
  };
}

/**
 * The questions picked (as many as asked, distinct, offered, none already answered) and their
 * answers (the policy's rules, nothing anyone can learn about the account).
 */
async function answerErrors(
  db: Db,
  input: Pick<SaveEnrollmentInput, 'answers' | 'minAnswerLength' | 'username' | 'displayName'> & {
    mail: string;
  },
  expected: { count: number; taken: readonly number[]; alternate: string },
): Promise<EnrollmentErrors> {
  const errors: EnrollmentErrors = {};
  const ids = input.answers.map((a) => a.questionId);
  // A line left at "choose a question…" arrives as 0.
  if (ids.length !== expected.count || ids.some((id) => !(id > 0))) errors.questions = 'count';
  else if (new Set([...ids, ...expected.taken]).size !== ids.length + expected.taken.length) {
    errors.questions = 'duplicate';
  } else if ((await activeQuestionIds(db, ids)).size !== ids.length) errors.questions = 'unknown';

  const problems = answerProblems(
    input.answers.map((a) => a.answer),
    {
      minLength: input.minAnswerLength,
      identity: [
        input.username,
        input.displayName,
        ...input.displayName.split(/\s+/u).filter((word) => word.length >= 3),
        input.mail,
        expected.alternate,
      ],
    },
  );
  if (problems.some((p) => p !== undefined)) errors.answers = problems.map((p) => p ?? null);
  return errors;
}

export interface AddQuestionsInput {
  username: string;
  displayName: string;
  mail: string;
  locale: Locale;
  /** The questions the user has, and answered right in this recovery. */
  enrolledQuestionIds: number[];
  /** How many more the policy asks for now. */
  missing: number;
  answers: AnswerInput[];
  minAnswerLength: number;
}

/**
 * After a raised minimum, the user who answered their questions right adds only the missing
 * ones: the alternate address and the existing answers stay. An answer equal to an existing
 * one is refused like any repeated answer.
 */
export async function addQuestions(
  deps: EnrollmentDeps,
  input: AddQuestionsInput,
): Promise<EnrollmentResult> {
  const found = await findEnrollment(deps.db, input.username);
  // Deleted by an admin meanwhile: the workflow ends this recovery.
  if (!found) return { ok: false, errors: { questions: 'unknown' } };
  const alternate = found.alternateMail;
  const errors = await answerErrors(deps.db, input, {
    count: input.missing,
    taken: input.enrolledQuestionIds,
    alternate,
  });
  const repeated = await repeatsExisting(deps.db, input);
  if (repeated.some(Boolean)) {
    const known = errors.answers ?? input.answers.map(() => null);
    errors.answers = known.map((p, i) => p ?? (repeated[i] ? 'repeated' : null));
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const answers = await Promise.all(
    input.answers.map(async (a) => ({
      questionId: a.questionId,
      hash: await hashAnswer(a.answer),
    })),
  );
  if (!(await addAnswers(deps.db, input.username, answers))) {
    return { ok: false, errors: { questions: 'unknown' } };
  }
  await announceChange(deps, input, [input.mail, alternate], 'added');
  return { ok: true };
}

/** Which new answers equal one of the answers the user already has. */
async function repeatsExisting(
  db: Db,
  input: Pick<AddQuestionsInput, 'username' | 'enrolledQuestionIds' | 'answers'>,
): Promise<boolean[]> {
  const hashes = await answerHashes(db, input.username);
  const existing = input.enrolledQuestionIds.flatMap((id) => hashes.get(id) ?? []);
  return Promise.all(
    input.answers.map(async (a) =>
      (await Promise.all(existing.map((hash) => answerMatches(hash, a.answer)))).some(Boolean),
    ),
  );
}

/** Both addresses hear of a change of the questions or the alternate address, with no secret. */
function announceChange(
  deps: EnrollmentDeps,
  who: { displayName: string; locale: Locale },
  to: string[],
  change: QuestionsChange,
): Promise<unknown> {
  return Promise.all(
    to.map((address) => deps.notices.send(address, who, { kind: 'questions-changed', change })),
  );
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
