import type { Db } from './database';

export interface StoredEnrollment {
  username: string;
  alternateMail: string;
  alternateVerified: boolean;
  questionIds: number[];
}

export async function findEnrollment(
  db: Db,
  username: string,
): Promise<StoredEnrollment | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (!row) return undefined;
  const answers = await db
    .selectFrom('enrollment_answers')
    .select('question_id')
    .where('username', '=', username)
    .orderBy('question_id')
    .execute();
  return {
    username,
    alternateMail: row.alternate_mail,
    alternateVerified: row.alternate_verified_at !== null,
    questionIds: answers.map((a) => a.question_id),
  };
}

export async function answerHashes(db: Db, username: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('enrollment_answers')
    .select(['question_id', 'answer_hash'])
    .where('username', '=', username)
    .execute();
  return new Map(rows.map((r) => [r.question_id, r.answer_hash]));
}

/** Replaces the user's enrollment as a whole: a half-saved set of answers never exists. */
export async function saveEnrollment(
  db: Db,
  enrollment: {
    username: string;
    alternateMail: string;
    locale: string;
    answers: Array<{ questionId: number; hash: string }>;
  },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('enrollments').where('username', '=', enrollment.username).execute();
    await tx
      .insertInto('enrollments')
      .values({
        username: enrollment.username,
        alternate_mail: enrollment.alternateMail,
        alternate_verified_at: null,
        locale: enrollment.locale,
        enrolled_at: new Date().toISOString(),
      })
      .execute();
    await tx
      .insertInto('enrollment_answers')
      .values(
        enrollment.answers.map((a) => ({
          username: enrollment.username,
          question_id: a.questionId,
          answer_hash: a.hash,
        })),
      )
      .execute();
  });
}

/**
 * Adds answers to questions the user had not answered; the existing ones stay as they are.
 * Answers to the same questions are replaced, so a retried save is safe. False when the
 * enrollment is gone (an admin deleted it meanwhile).
 */
export async function addAnswers(
  db: Db,
  username: string,
  answers: Array<{ questionId: number; hash: string }>,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const found = await tx
      .selectFrom('enrollments')
      .select('username')
      .where('username', '=', username)
      .executeTakeFirst();
    if (!found) return false;
    const ids = answers.map((a) => a.questionId);
    await tx
      .deleteFrom('enrollment_answers')
      .where('username', '=', username)
      .where('question_id', 'in', ids)
      .execute();
    await tx
      .insertInto('enrollment_answers')
      .values(answers.map((a) => ({ username, question_id: a.questionId, answer_hash: a.hash })))
      .execute();
    return true;
  });
}

/** The active catalog questions among `ids`. */
export async function activeQuestionIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('questions')
    .select('id')
    .where('id', 'in', [...ids])
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** What the admin console shows of an enrollment: never an answer nor its hash. */
export interface EnrollmentOverview {
  enrolledAt: string;
  /** The user's language when enrolling: the admin's actions e-mail them in it. */
  locale: string;
  questionCount: number;
  alternateMail: string;
  alternateVerifiedAt: string | null;
}

export async function enrollmentOverview(
  db: Db,
  username: string,
): Promise<EnrollmentOverview | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .select(['enrolled_at', 'locale', 'alternate_mail', 'alternate_verified_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!row) return undefined;
  const { count } = await db
    .selectFrom('enrollment_answers')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    enrolledAt: row.enrolled_at,
    locale: row.locale,
    // PostgreSQL counts in bigint, which pg hands over as a string.
    questionCount: Number(count),
    alternateMail: row.alternate_mail,
    alternateVerifiedAt: row.alternate_verified_at,
  };
}

/**
 * An admin deletes the user's questions: the enrollment, its answers and the links that
 * would confirm its alternate address go together, so the next recovery is an enrollment.
 * False when there was nothing to delete.
 */
export async function deleteEnrollment(db: Db, username: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('enrollment_answers').where('username', '=', username).execute();
    await tx.deleteFrom('alternate_verifications').where('username', '=', username).execute();
    // Wrong tries at the deleted questions do not count against new ones.
    await tx.deleteFrom('answer_failures').where('username', '=', username).execute();
    const deleted = await tx
      .deleteFrom('enrollments')
      .where('username', '=', username)
      .executeTakeFirst();
    return deleted.numDeletedRows > 0n;
  });
}
