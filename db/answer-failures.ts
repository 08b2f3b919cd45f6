import type { Db } from './database';

/**
 * Wrong answers an account gave within a window that opens at the first of them, across
 * recoveries: the lockout's own duration, as AD's lockout observation window.
 */
export async function recentAnswerFailures(
  db: Db,
  username: string,
  windowSeconds: number,
  now = new Date(),
): Promise<number> {
  const row = await db
    .selectFrom('answer_failures')
    .select(['failures', 'first_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  return row && inWindow(row.first_at, windowSeconds, now) ? row.failures : 0;
}

/**
 * Counts one more wrong answer; a window that has passed starts again at this one. `attempt`
 * names the try (the activity's): counted once however often it is retried.
 */
export async function countAnswerFailure(
  db: Db,
  input: { username: string; windowSeconds: number; attempt: string },
  now = new Date(),
): Promise<void> {
  const { username, windowSeconds, attempt } = input;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('answer_failures')
      .select(['failures', 'first_at', 'last_attempt'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (row?.last_attempt === attempt) return;
    const next =
      row && inWindow(row.first_at, windowSeconds, now)
        ? { failures: row.failures + 1, first_at: row.first_at, last_attempt: attempt }
        : { failures: 1, first_at: now.toISOString(), last_attempt: attempt };
    await trx
      .insertInto('answer_failures')
      .values({ username, ...next })
      .onConflict((oc) => oc.column('username').doUpdateSet(next))
      .execute();
  });
}

/** Right answers, a lockout or an admin's help: the count starts again. */
export async function clearAnswerFailures(db: Db, username: string): Promise<void> {
  await db.deleteFrom('answer_failures').where('username', '=', username).execute();
}

function inWindow(firstAt: string, windowSeconds: number, now: Date): boolean {
  return now.getTime() - Date.parse(firstAt) < windowSeconds * 1000;
}

/** Forgets counts older than any window can be (the longest lockout the policy allows). */
export async function pruneAnswerFailures(
  db: Db,
  longestWindowSeconds: number,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - longestWindowSeconds * 1000).toISOString();
  const deleted = await db
    .deleteFrom('answer_failures')
    .where('first_at', '<', cutoff)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
