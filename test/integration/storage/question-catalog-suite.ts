import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DatabaseLocation } from '../../../common/config';
import type { Db } from '../../../db/database';
import { starterQuestions } from '../../../db/defaults';
import { saveEnrollment } from '../../../db/enrollments';
import { changePolicy } from '../../../db/policy';
import {
  addQuestion,
  changeQuestionTexts,
  enableQuestion,
  getCatalogQuestion,
  listCatalog,
  type CatalogQuestion as Q,
  QuestionInvalid,
  retireQuestion,
} from '../../../db/question-catalog';
import { activeQuestions } from '../../../db/questions';
import { type FreshDatabase, onDialect } from './fresh-database';

/** The admin's question catalog (R16, R6) on one dialect. */
export function questionCatalogSuite(dialect: DatabaseLocation['dialect'], fresh: FreshDatabase) {
  const { skipped, title, open } = onDialect('question catalog', dialect, fresh);

  const problemsOf = async (action: Promise<unknown>) => {
    const error = await action.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(QuestionInvalid);
    return (error as QuestionInvalid).problems;
  };

  describe.skipIf(skipped)(title, () => {
    it('lists every question with how many users enrolled with it; adds trimmed, unique texts', async () => {
      const { db } = await open();
      const catalog = await listCatalog(db);
      expect(catalog.map((q) => [q.textEs, q.textEn])).toEqual(starterQuestions);
      expect(catalog.every((q) => q.active && q.enrolled === 0)).toBe(true);
      const [first, second] = catalog as [Q, Q];
      for (const username of ['ana', 'luis']) {
        await saveEnrollment(db, {
          username,
          alternateMail: `${username}@example.net`,
          locale: 'es',
          answers: [first, second].map((q) => ({ questionId: q.id, hash: 'x' })),
        });
      }
      expect((await getCatalogQuestion(db, first.id))?.enrolled).toBe(2);
      expect((await listCatalog(db)).filter((q) => q.enrolled > 0).map((q) => q.id)).toEqual([
        first.id,
        second.id,
      ]);

      const added = await addQuestion(db, {
        textEs: '  ¿Cuál era tu   comida favorita? ',
        textEn: 'What was your favourite food?',
      });
      expect(added).toMatchObject({
        textEs: '¿Cuál era tu comida favorita?',
        active: true,
        enrolled: 0,
      });
      expect((await activeQuestions(db, 'en')).at(-1)).toEqual({
        id: added.id,
        text: 'What was your favourite food?',
      });

      // Lengths, and the same question in other case, spacing or punctuation, in each language.
      expect(await problemsOf(addQuestion(db, { textEs: ' ', textEn: 'x'.repeat(201) }))).toEqual({
        textEs: { code: 'required' },
        textEn: { code: 'too-long' },
      });
      expect(await problemsOf(addQuestion(db, { textEs: '¿Qué?', textEn: 'Why' }))).toEqual({
        textEn: { code: 'too-short' },
      });
      expect(
        await problemsOf(
          addQuestion(db, {
            textEs: 'cuál era tu comida FAVORITA',
            textEn: 'What was your first job',
          }),
        ),
      ).toEqual({
        textEs: { code: 'duplicate', other: added.id, otherActive: true },
        textEn: { code: 'duplicate', other: catalog[3]?.id, otherActive: true },
      });
      // A disabled question's text is taken too (enable it instead).
      expect(await retireQuestion(db, added.id, 'disable')).toMatchObject({ ok: true });
      expect(
        (
          await problemsOf(
            addQuestion(db, { textEs: '¿Cuál era tu comida favorita?', textEn: 'New one' }),
          )
        ).textEs,
      ).toEqual({ code: 'duplicate', other: added.id, otherActive: false });
    });

    it('edits texts; with users enrolled only when the admin says the meaning stays', async () => {
      const { db } = await open();
      const [used, unused] = (await listCatalog(db)) as [Q, Q];
      await saveEnrollment(db, {
        username: 'ana',
        alternateMail: 'ana@example.net',
        locale: 'es',
        answers: [{ questionId: used.id, hash: 'x' }],
      });
      const texts = { textEs: '¿Cómo se llamaba tu primera mascota? ', textEn: 'Your first pet?' };
      expect(await problemsOf(changeQuestionTexts(db, used.id, texts, false))).toEqual({
        sameMeaning: 'confirm',
      });
      expect(await changeQuestionTexts(db, used.id, texts, true)).toMatchObject({
        before: { textEn: 'What was the name of your first pet?', enrolled: 1 },
        after: { textEs: '¿Cómo se llamaba tu primera mascota?', textEn: 'Your first pet?' },
      });
      // Saving unchanged texts needs no word; a text another question has is refused.
      expect(await changeQuestionTexts(db, used.id, texts, false)).toBeDefined();
      expect(
        await problemsOf(
          changeQuestionTexts(
            db,
            unused.id,
            { textEs: 'Otra pregunta', textEn: 'your first pet' },
            false,
          ),
        ),
      ).toEqual({ textEn: { code: 'duplicate', other: used.id, otherActive: true } });
      expect(await changeQuestionTexts(db, 99_999, texts, true)).toBeUndefined();
    });

    it('disables, enables and deletes; never below the policy minimum (R6), never a used one deleted', async () => {
      const { db } = await open();
      const catalog = await listCatalog(db);
      const [used, unused, third] = catalog as [Q, Q, Q];
      await saveEnrollment(db, {
        username: 'ana',
        alternateMail: 'ana@example.net',
        locale: 'es',
        answers: [{ questionId: used.id, hash: 'x' }],
      });
      expect(await retireQuestion(db, used.id, 'remove')).toEqual({
        refused: 'in-use',
        enrolled: 1,
      });
      expect(await retireQuestion(db, used.id, 'disable')).toMatchObject({ ok: true });
      expect(await getCatalogQuestion(db, used.id)).toMatchObject({ active: false, enrolled: 1 });
      expect((await activeQuestions(db, 'es')).map((q) => q.id)).not.toContain(used.id);
      expect(await enableQuestion(db, used.id)).toMatchObject({ active: true });

      // The policy asks for as many as are active: none may leave.
      await changePolicy(db, { min_questions: catalog.length }, 'test');
      const refusal = { refused: 'below-minimum', active: catalog.length, minimum: catalog.length };
      expect(await retireQuestion(db, unused.id, 'disable')).toEqual(refusal);
      expect(await retireQuestion(db, unused.id, 'remove')).toEqual(refusal);
      await changePolicy(db, { min_questions: catalog.length - 1 }, 'test');
      expect(await retireQuestion(db, unused.id, 'remove')).toMatchObject({ ok: true });
      expect(await getCatalogQuestion(db, unused.id)).toBeUndefined();
      expect(await retireQuestion(db, third.id, 'disable')).toMatchObject({
        refused: 'below-minimum',
      });
      // A disabled question leaves the active count as it is: it may go.
      await changePolicy(db, { min_questions: 3 }, 'test');
      await retireQuestion(db, third.id, 'disable');
      await changePolicy(db, { min_questions: catalog.length - 2 }, 'test');
      expect(await retireQuestion(db, third.id, 'remove')).toMatchObject({ ok: true });

      expect(await retireQuestion(db, 99_999, 'disable')).toBeUndefined();
      expect(await enableQuestion(db, 99_999)).toBeUndefined();
    });

    // SQLite writes one transaction at a time; PostgreSQL runs them side by side.
    it.skipIf(dialect !== 'postgres')(
      'two admins retiring questions at once: the second waits for the first, then counts (R6)',
      async () => {
        const { db } = await open();
        const [a, b] = (await listCatalog(db)) as [Q, Q];
        const active = (await activeQuestions(db, 'es')).length;
        await changePolicy(db, { min_questions: active - 1 }, 'test');
        // The first admin's retirement held half-way: the active rows locked, one disabled.
        const first = await db.startTransaction().execute();
        await first
          .updateTable('questions')
          .set({ active: sql<number>`active` })
          .where('active', '=', 1)
          .execute();
        await first.updateTable('questions').set({ active: 0 }).where('id', '=', a.id).execute();
        let settled = false;
        const second = retireQuestion(db, b.id, 'disable').finally(() => {
          settled = true;
        });
        // It must wait for the first's locks: counting now, it would still see `a` active.
        while (!settled && !(await someoneWaitsForALock(db))) await sleep(20);
        const waited = !settled;
        await first.commit().execute();
        expect(waited).toBe(true);
        expect(await second).toEqual({
          refused: 'below-minimum',
          active: active - 1,
          minimum: active - 1,
        });
      },
    );
  });
}

/** PostgreSQL: a statement of this database waits for a lock another transaction holds. */
async function someoneWaitsForALock(db: Db): Promise<boolean> {
  const { rows } = await sql<{ waiting: number }>`
    select count(*) as waiting from pg_stat_activity
    where wait_event_type = 'Lock' and datname = current_database()`.execute(db);
  return Number(rows[0]?.waiting) > 0;
}
