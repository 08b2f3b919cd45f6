import { describe, expect, it } from 'vitest';
import type { DatabaseLocation } from '../../../common/config';
import { recordAudit } from '../../../db/audit';
import { enrolledCount, recoveryOutcomesByDay } from '../../../db/dashboard-stats';
import { saveEnrollment } from '../../../db/enrollments';
import { type FreshDatabase, onDialect } from './fresh-database';

/** The dashboard's counts on each dialect: ended recoveries per UTC day and outcome, enrollments. */
export function dashboardStatsSuite(dialect: DatabaseLocation['dialect'], fresh: FreshDatabase) {
  const { skipped, title, open } = onDialect('dashboard counts', dialect, fresh);

  describe.skipIf(skipped)(title, () => {
    it('counts the recoveries that ended each day from a day on, by outcome, as numbers', async () => {
      const { db } = await open();
      const ended = (outcome: string, at: string) =>
        recordAudit(db, { actor: 'user', event: 'recovery', outcome }, new Date(at));
      await ended('password-reset', '2026-03-09T23:59:59.000Z');
      await ended('password-reset', '2026-03-10T00:00:00.000Z');
      await ended('password-reset', '2026-03-10T23:59:59.999Z');
      await ended('no-mail', '2026-03-10T12:00:00.000Z');
      await ended('link-expired', '2026-03-11T08:00:00.000Z');
      await recordAudit(
        db,
        { actor: 'user', event: 'link-sent', outcome: 'enroll' },
        new Date('2026-03-10T09:00:00.000Z'),
      );
      const rows = await recoveryOutcomesByDay(db, '2026-03-10');
      const sorted = rows.sort((a, b) =>
        `${a.day}${a.outcome}`.localeCompare(`${b.day}${b.outcome}`),
      );
      expect(sorted).toEqual([
        { day: '2026-03-10', outcome: 'no-mail', count: 1 },
        { day: '2026-03-10', outcome: 'password-reset', count: 2 },
        { day: '2026-03-11', outcome: 'link-expired', count: 1 },
      ]);
    });

    it('counts the users with security questions on file', async () => {
      const { db } = await open();
      expect(await enrolledCount(db)).toBe(0);
      const question = await db.selectFrom('questions').select('id').executeTakeFirstOrThrow();
      for (const username of ['ana', 'luis']) {
        await saveEnrollment(db, {
          username,
          alternateMail: `${username}@example.net`,
          locale: 'es',
          answers: [{ questionId: question.id, hash: 'x' }],
        });
      }
      expect(await enrolledCount(db)).toBe(2);
    });
  });
}
