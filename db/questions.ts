import type { Locale } from '../common/domain/locale';
import type { Db } from './database';

export interface LocalQuestion {
  id: number;
  text: string;
}

/** The catalog's active questions in the user's language, in the admin's order. */
export async function activeQuestions(db: Db, locale: Locale): Promise<LocalQuestion[]> {
  const rows = await db
    .selectFrom('questions')
    .select(['id', 'text_es', 'text_en'])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, text: locale === 'es' ? r.text_es : r.text_en }));
}

/** The texts of the given questions, in that order, active or not (a user enrolled with them). */
export async function questionTexts(
  db: Db,
  ids: readonly number[],
  locale: Locale,
): Promise<LocalQuestion[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('questions')
    .select(['id', 'text_es', 'text_en'])
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, locale === 'es' ? r.text_es : r.text_en]));
  return ids.map((id) => ({ id, text: byId.get(id) ?? `#${id}` }));
}
