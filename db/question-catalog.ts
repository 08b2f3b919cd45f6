import { sql } from 'kysely';
import { normaliseAnswer } from '../common/domain/answers';
import type { Db } from './database';
import { currentPolicy } from './policy';

/** A catalog question as the admin console shows it. */
export interface CatalogQuestion {
  id: number;
  textEs: string;
  textEn: string;
  active: boolean;
  /** How many users enrolled with it: such a question is disabled, never deleted. */
  enrolled: number;
}

export interface QuestionTexts {
  textEs: string;
  textEn: string;
}

/** Shortest and longest question text, in characters, once trimmed. */
export const questionTextLength = { min: 5, max: 200 } as const;

/** What is wrong with a text: `other` is the question that already has it. */
export type QuestionTextProblem =
  | { code: 'required' | 'too-short' | 'too-long' }
  | { code: 'duplicate'; other: number; otherActive: boolean };

export interface QuestionProblems {
  textEs?: QuestionTextProblem;
  textEn?: QuestionTextProblem;
  /** Users enrolled with it and its texts change: the admin must say the meaning stays. */
  sameMeaning?: 'confirm';
}

/** A change refused; `problems` says which field and why. */
export class QuestionInvalid extends Error {
  override name = 'QuestionInvalid';
  constructor(readonly problems: QuestionProblems) {
    super(`Invalid question: ${Object.keys(problems).join(', ')}`);
  }
}

/** Trimmed, with inner runs of spaces made one: the form the catalog stores. */
export function tidyQuestionText(text: string): string {
  return text.trim().replace(/\s+/gu, ' ');
}

/**
 * What two texts must not share to be different questions: the answers' normal form (NFKC,
 * spaces, case) without the question marks and closing punctuation, so "¿Tu ciudad?" and
 * "tu  ciudad" are the same question.
 */
function sameness(text: string): string {
  return normaliseAnswer(text.replace(/[¿?¡!.:]/gu, ' ')).trim();
}

/** Every question, active or disabled, with how many users enrolled with it, in order. */
export function listCatalog(db: Db): Promise<CatalogQuestion[]> {
  return catalog(db);
}

export async function getCatalogQuestion(db: Db, id: number): Promise<CatalogQuestion | undefined> {
  return (await catalog(db, id))[0];
}

async function catalog(db: Db, id?: number): Promise<CatalogQuestion[]> {
  let query = db
    .selectFrom('questions')
    .leftJoin('enrollment_answers', 'enrollment_answers.question_id', 'questions.id')
    .select([
      'questions.id',
      'questions.text_es',
      'questions.text_en',
      'questions.active',
      (eb) => eb.fn.count<number>('enrollment_answers.username').as('enrolled'),
    ])
    .groupBy(['questions.id', 'questions.text_es', 'questions.text_en', 'questions.active'])
    .orderBy('questions.id');
  if (id !== undefined) query = query.where('questions.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    textEs: r.text_es,
    textEn: r.text_en,
    active: r.active === 1,
    enrolled: Number(r.enrolled),
  }));
}

/** Length and uniqueness of both texts against every other question (active or not). */
async function textProblems(db: Db, texts: QuestionTexts, except?: number) {
  const problems: QuestionProblems = {};
  const others = (await listCatalog(db)).filter((q) => q.id !== except);
  for (const field of ['textEs', 'textEn'] as const) {
    const text = texts[field];
    const length = [...text].length;
    if (length === 0) problems[field] = { code: 'required' };
    else if (length < questionTextLength.min) problems[field] = { code: 'too-short' };
    else if (length > questionTextLength.max) problems[field] = { code: 'too-long' };
    else {
      const twin = others.find((q) => sameness(q[field]) === sameness(text));
      if (twin) problems[field] = { code: 'duplicate', other: twin.id, otherActive: twin.active };
    }
  }
  return problems;
}

const tidy = (texts: QuestionTexts): QuestionTexts => ({
  textEs: tidyQuestionText(texts.textEs),
  textEn: tidyQuestionText(texts.textEn),
});

/** Adds an active question; throws QuestionInvalid. */
export async function addQuestion(db: Db, input: QuestionTexts): Promise<CatalogQuestion> {
  const texts = tidy(input);
  const problems = await textProblems(db, texts);
  if (Object.keys(problems).length > 0) throw new QuestionInvalid(problems);
  const row = await db
    .insertInto('questions')
    .values({ text_es: texts.textEs, text_en: texts.textEn, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, ...texts, active: true, enrolled: 0 };
}

/**
 * Changes a question's texts. Users who enrolled with it keep their answers, so with any
 * enrolled the change must be a wording fix: `sameMeaning` says the admin confirmed that.
 * Returns the question before and after (undefined: no such id); throws QuestionInvalid.
 */
export async function changeQuestionTexts(
  db: Db,
  id: number,
  input: QuestionTexts,
  sameMeaning: boolean,
): Promise<{ before: CatalogQuestion; after: CatalogQuestion } | undefined> {
  const before = await getCatalogQuestion(db, id);
  if (!before) return undefined;
  const texts = tidy(input);
  const problems = await textProblems(db, texts, id);
  const changed = texts.textEs !== before.textEs || texts.textEn !== before.textEn;
  if (changed && before.enrolled > 0 && !sameMeaning) problems.sameMeaning = 'confirm';
  if (Object.keys(problems).length > 0) throw new QuestionInvalid(problems);
  await db
    .updateTable('questions')
    .set({ text_es: texts.textEs, text_en: texts.textEn })
    .where('id', '=', id)
    .execute();
  return { before, after: { ...before, ...texts } };
}

/** Why a question could not leave the active catalog. */
export type CatalogRefusal =
  | { refused: 'below-minimum'; active: number; minimum: number }
  | { refused: 'in-use'; enrolled: number };

/**
 * Takes a question out of the active catalog (disable), or deletes it (`remove`: only one no
 * user enrolled with). Either is refused when fewer active questions than the policy's
 * minimum would be left. Undefined: no such id.
 */
export async function retireQuestion(
  db: Db,
  id: number,
  how: 'disable' | 'remove',
): Promise<{ ok: true; question: CatalogQuestion } | CatalogRefusal | undefined> {
  return db.transaction().execute(async (trx) => {
    // Lock the active rows first, so two admins retiring two questions at once on PostgreSQL
    // cannot both count the same active questions; SQLite writes one at a time anyway.
    await trx
      .updateTable('questions')
      .set({ active: sql<number>`active` })
      .where('active', '=', 1)
      .execute();
    const question = await getCatalogQuestion(trx, id);
    if (!question) return undefined;
    if (how === 'remove' && question.enrolled > 0) {
      return { refused: 'in-use', enrolled: question.enrolled };
    }
    if (question.active) {
      const { count } = await trx
        .selectFrom('questions')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .where('active', '=', 1)
        .executeTakeFirstOrThrow();
      const active = Number(count);
      const minimum = (await currentPolicy(trx)).min_questions;
      if (active - 1 < minimum) return { refused: 'below-minimum', active, minimum };
    }
    if (how === 'remove') await trx.deleteFrom('questions').where('id', '=', id).execute();
    else await trx.updateTable('questions').set({ active: 0 }).where('id', '=', id).execute();
    return { ok: true, question };
  });
}

/** Puts a disabled question back in the catalog; undefined: no such id. */
export async function enableQuestion(db: Db, id: number): Promise<CatalogQuestion | undefined> {
  const result = await db
    .updateTable('questions')
    .set({ active: 1 })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? getCatalogQuestion(db, id) : undefined;
}
