import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { pruneExpiredRecords } from '../../../activities/housekeeping';
import type { DatabaseLocation } from '../../../common/config';
import { recoveryWorkflowId } from '../../../common/domain/workflow-ids';
import {
  consumeAlternateVerification,
  saveAlternateVerification,
} from '../../../db/alternate-verifications';
import {
  clearAnswerFailures,
  countAnswerFailure,
  recentAnswerFailures,
} from '../../../db/answer-failures';
import { recordAudit } from '../../../db/audit';
import {
  closeLimitStore,
  migrateToLatest,
  migrator,
  openDatabase,
  openLimitStore,
} from '../../../db/database';
import { defaultPolicy, starterQuestions } from '../../../db/defaults';
import {
  activeQuestionIds,
  addAnswers,
  answerHashes,
  deleteEnrollment,
  findEnrollment,
  saveEnrollment,
} from '../../../db/enrollments';
import { findLink, markLinkUsed, pruneLinks, saveLink } from '../../../db/links';
import { lockedUntil, lockRecoveries } from '../../../db/lockouts';
import { changePolicy, currentPolicy } from '../../../db/policy';
import { activeQuestions, questionTexts } from '../../../db/questions';
import {
  forgetTemporaryKey,
  isNewestTemporaryKey,
  recordTemporaryKey,
} from '../../../db/temporary-keys';
import { clientAddress, trustedProxies } from '../../../web/client-address';
import type { WebEnv } from '../../../web/env';
import { rateLimiting, rateLimitTable } from '../../../web/rate-limit';
import { logicalSchema } from '../../support/logical-schema';
import { type FreshDatabase, onDialect } from './fresh-database';

/**
 * The same storage assertions on each dialect: `fresh` gives a new, empty database (a SQLite
 * file; a PostgreSQL database of the global setup's server), or is a reason the dialect cannot
 * be tested here, and the suite is skipped saying so.
 */
export function storageSuite(dialect: DatabaseLocation['dialect'], fresh: FreshDatabase) {
  const { skipped, title, open } = onDialect('storage', dialect, fresh);

  const hour = 3_600_000;
  const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

  describe.skipIf(skipped)(title, () => {
    it('migrates up to the latest, down to nothing, and up again: one logical schema', async () => {
      const { db } = await open({ migrate: false });
      await migrateToLatest(db);
      const schema = await logicalSchema(db);
      // The reference is what SQLite makes of the migrations (every existing demo database).
      const reference = openDatabase(join(await mkdtemp(join(tmpdir(), 'sspr-schema-')), 'db'));
      onTestFinished(() => reference.destroy());
      await migrateToLatest(reference);
      expect(schema).toEqual(await logicalSchema(reference));
      expect(schema.policy_versions?.columns[0]).toMatchObject({ name: 'id', generated: true });
      expect(schema.audit_events?.unique).toEqual([['idempotency_key']]);
      expect(schema.enrollment_answers?.foreignKeys).toEqual([
        { columns: ['username'], references: 'enrollments.username', onDelete: 'cascade' },
        { columns: ['question_id'], references: 'questions.id', onDelete: 'no action' },
      ]);

      const down = await migrator(db).migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(down.results?.every((r) => r.direction === 'Down' && r.status === 'Success')).toBe(
        true,
      );
      expect(await logicalSchema(db)).toEqual({});

      await migrateToLatest(db);
      expect(await logicalSchema(db)).toEqual(schema);
      // A new installation works at once: the first policy and the starter questions.
      expect(await currentPolicy(db)).toMatchObject({
        ...defaultPolicy,
        created_by: 'installation',
      });
      expect(await activeQuestions(db, 'en')).toHaveLength(starterQuestions.length);
    });

    it('keeps every policy version; the newest is in force; its checks hold', async () => {
      const { db } = await open();
      const first = await currentPolicy(db);
      const second = await changePolicy(
        db,
        { min_questions: 2, reset_mode: 'user-chooses' },
        'ana',
      );
      expect(second).toMatchObject({
        ...first,
        id: expect.any(Number),
        created_at: expect.any(String),
        min_questions: 2,
        reset_mode: 'user-chooses',
        created_by: 'ana',
      });
      expect(second.id).toBeGreaterThan(first.id);
      const third = await changePolicy(db, { min_answer_length: 5 }, 'luis');
      expect(third).toMatchObject({ min_questions: 2, min_answer_length: 5, created_by: 'luis' });
      expect(await currentPolicy(db)).toEqual(third);
      const versions = await db.selectFrom('policy_versions').select('id').execute();
      expect(versions).toHaveLength(3);
      // The check constraint: 1 to 15 questions.
      await expect(changePolicy(db, { min_questions: 16 }, 'eve')).rejects.toThrow();
      await expect(changePolicy(db, { min_questions: 0 }, 'eve')).rejects.toThrow();
      expect(await currentPolicy(db)).toEqual(third);
    });

    it('lists active questions in order and language; texts of any, in the order asked', async () => {
      const { db } = await open();
      const all = await activeQuestions(db, 'es');
      expect(all.map((q) => q.text)).toEqual(starterQuestions.map(([es]) => es));
      const ids = all.map((q) => q.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const [first, second, third] = ids as [number, number, number];
      const added = await db
        .insertInto('questions')
        .values({ text_es: 'Nueva', text_en: 'New', created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(added.id).toBeGreaterThan(Math.max(...ids));
      await db.updateTable('questions').set({ active: 0 }).where('id', '=', second).execute();
      const active = await activeQuestions(db, 'en');
      expect(active.map((q) => q.id)).not.toContain(second);
      expect(active.at(-1)).toEqual({ id: added.id, text: 'New' });
      expect(await questionTexts(db, [third, second, 999_999], 'en')).toEqual([
        { id: third, text: starterQuestions[2]?.[1] },
        { id: second, text: starterQuestions[1]?.[1] },
        { id: 999_999, text: '#999999' },
      ]);
      expect(await activeQuestionIds(db, [first, second, 999_999])).toEqual(new Set([first]));
      expect(await activeQuestionIds(db, [])).toEqual(new Set());
    });

    it('keeps links by digest, marks them used, and forgets those long expired', async () => {
      const { db } = await open();
      const link = (digest: string, expires_at: string) => ({
        digest,
        workflow_id: recoveryWorkflowId(digest),
        purpose: 'answer',
        expires_at,
      });
      await saveLink(db, link('fresh', isoIn(hour)));
      await saveLink(db, link('lately', isoIn(-hour)));
      await saveLink(db, link('old', isoIn(-25 * hour)));
      await expect(saveLink(db, link('fresh', isoIn(hour)))).rejects.toThrow();
      expect(await findLink(db, 'fresh')).toMatchObject({
        workflow_id: recoveryWorkflowId('fresh'),
        used_at: null,
      });
      await markLinkUsed(db, 'fresh');
      expect((await findLink(db, 'fresh'))?.used_at).toEqual(expect.any(String));
      await pruneLinks(db);
      expect(await findLink(db, 'old')).toBeUndefined();
      expect(await findLink(db, 'lately')).toBeDefined();
      expect(await findLink(db, 'nothing')).toBeUndefined();
    });

    it('saves an enrollment whole; saving again replaces it; answers stay hashes', async () => {
      const { db } = await open();
      const [q1, q2, q3] = (await activeQuestions(db, 'en')).map((q) => q.id) as [
        number,
        number,
        number,
      ];
      expect(await findEnrollment(db, 'ana')).toBeUndefined();
      await saveEnrollment(db, {
        username: 'ana',
        alternateMail: 'ana@example.net',
        locale: 'es',
        answers: [
          { questionId: q2, hash: '$argon2id$two' },
          { questionId: q1, hash: '$argon2id$one' },
        ],
      });
      expect(await findEnrollment(db, 'ana')).toEqual({
        username: 'ana',
        alternateMail: 'ana@example.net',
        alternateVerified: false,
        questionIds: [q1, q2],
      });
      expect(await answerHashes(db, 'ana')).toEqual(
        new Map([
          [q1, '$argon2id$one'],
          [q2, '$argon2id$two'],
        ]),
      );
      await db
        .updateTable('enrollments')
        .set({ alternate_verified_at: new Date().toISOString() })
        .execute();

      await saveEnrollment(db, {
        username: 'ana',
        alternateMail: 'ana@example.com',
        locale: 'en',
        answers: [{ questionId: q3, hash: '$argon2id$three' }],
      });
      // A new address is not verified; the old answers are gone.
      expect(await findEnrollment(db, 'ana')).toEqual({
        username: 'ana',
        alternateMail: 'ana@example.com',
        alternateVerified: false,
        questionIds: [q3],
      });
      expect(await answerHashes(db, 'ana')).toEqual(new Map([[q3, '$argon2id$three']]));

      // A question that does not exist: nothing is saved, the enrollment before stays.
      await expect(
        saveEnrollment(db, {
          username: 'ana',
          alternateMail: 'x@example.com',
          locale: 'en',
          answers: [{ questionId: 999_999, hash: 'h' }],
        }),
      ).rejects.toThrow();
      expect((await findEnrollment(db, 'ana'))?.alternateMail).toBe('ana@example.com');
      // Deleting the enrollment deletes its answers (R7).
      await db.deleteFrom('enrollments').where('username', '=', 'ana').execute();
      expect(await answerHashes(db, 'ana')).toEqual(new Map());
    });

    it('adds answers beside the others, the address and its proof kept; not once deleted (R7)', async () => {
      const { db } = await open();
      const [q1, q2] = (await activeQuestions(db, 'en')).map((q) => q.id) as [number, number];
      await saveEnrollment(db, {
        username: 'ana',
        alternateMail: 'ana@example.net',
        locale: 'es',
        answers: [{ questionId: q1, hash: '$argon2id$one' }],
      });
      await db
        .updateTable('enrollments')
        .set({ alternate_verified_at: isoIn(0) })
        .execute();
      const added = [{ questionId: q2, hash: '$argon2id$added' }];
      expect(await addAnswers(db, 'ana', added)).toBe(true);
      // Saved again (a retried activity): the same answers, nothing doubled.
      expect(await addAnswers(db, 'ana', added)).toBe(true);
      const kept = await findEnrollment(db, 'ana');
      expect([kept?.alternateMail, kept?.alternateVerified]).toEqual(['ana@example.net', true]);
      expect([...(await answerHashes(db, 'ana'))].sort(([a], [b]) => a - b)).toEqual([
        [q1, '$argon2id$one'],
        [q2, '$argon2id$added'],
      ]);
      expect(await deleteEnrollment(db, 'ana')).toBe(true);
      expect(await addAnswers(db, 'ana', added)).toBe(false);
      expect(await answerHashes(db, 'ana')).toEqual(new Map());
    });

    it('verifies an alternate address once, only while it is the enrolled one', async () => {
      const { db } = await open();
      const [q1] = (await activeQuestions(db, 'en')).map((q) => q.id) as [number];
      const enrol = (alternateMail: string) =>
        saveEnrollment(db, {
          username: 'ana',
          alternateMail,
          locale: 'es',
          answers: [{ questionId: q1, hash: 'h' }],
        });
      const verification = (digest: string, alternateMail: string, expiresAt = isoIn(hour)) =>
        saveAlternateVerification(db, { digest, username: 'ana', alternateMail, expiresAt });
      await enrol('ana@example.net');
      await verification('v1', 'ana@example.net');
      await verification('v2', 'ana@example.net');
      await verification('late', 'ana@example.net', isoIn(-1000));

      expect(await consumeAlternateVerification(db, 'late')).toBe('expired');
      expect(await consumeAlternateVerification(db, 'nothing')).toBe('unknown');
      // Two clicks at once: one verifies, the other finds it used.
      const outcomes = await Promise.all([
        consumeAlternateVerification(db, 'v1'),
        consumeAlternateVerification(db, 'v1'),
      ]);
      expect(outcomes.sort()).toEqual(['used', 'verified']);
      expect((await findEnrollment(db, 'ana'))?.alternateVerified).toBe(true);
      expect(await consumeAlternateVerification(db, 'v1')).toBe('used');

      // Enrolling again with another address makes the older links worthless.
      await enrol('ana@example.com');
      expect(await consumeAlternateVerification(db, 'v2')).toBe('unknown');
      expect((await findEnrollment(db, 'ana'))?.alternateVerified).toBe(false);
    });

    it('locks recoveries until a time, and a new lock moves it', async () => {
      const { db } = await open();
      expect(await lockedUntil(db, 'ana')).toBeUndefined();
      const until = isoIn(hour);
      await lockRecoveries(db, 'ana', until);
      expect(await lockedUntil(db, 'ana')).toBe(until);
      expect(await lockedUntil(db, 'luis')).toBeUndefined();
      const later = isoIn(2 * hour);
      await lockRecoveries(db, 'ana', later);
      expect(await lockedUntil(db, 'ana')).toBe(later);
      expect(await lockedUntil(db, 'ana', new Date(Date.now() + 3 * hour))).toBeUndefined();
      const past = isoIn(-1000);
      await lockRecoveries(db, 'ana', past);
      expect(await lockedUntil(db, 'ana')).toBeUndefined();
      expect(await db.selectFrom('recovery_lockouts').selectAll().execute()).toHaveLength(1);
    });

    it('counts wrong answers per account within a window, once per attempt', async () => {
      const { db } = await open();
      const start = new Date('2026-01-01T10:00:00Z');
      const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
      const count = (attempt: string, minutes: number) =>
        countAnswerFailure(db, { username: 'ana', windowSeconds: 1800, attempt }, at(minutes));
      await count('run-1:7', 0);
      await count('run-1:7', 1); // the same activity, retried
      await count('run-2:5', 10); // a later recovery
      expect(await recentAnswerFailures(db, 'ana', 1800, at(20))).toBe(2);
      expect(await recentAnswerFailures(db, 'luis', 1800, at(20))).toBe(0);
      // The window opens at the first wrong answer; once it has passed, the count starts again.
      expect(await recentAnswerFailures(db, 'ana', 1800, at(31))).toBe(0);
      await count('run-3:5', 31);
      expect(await recentAnswerFailures(db, 'ana', 1800, at(32))).toBe(1);
      await clearAnswerFailures(db, 'ana');
      expect(await recentAnswerFailures(db, 'ana', 1800, at(32))).toBe(0);
    });

    it('housekeeping forgets only what nothing can use any more', async () => {
      const { db } = await open();
      const now = new Date('2026-03-01T12:00:00Z');
      const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
      await lockRecoveries(db, 'ended', ago(1).toISOString());
      await lockRecoveries(db, 'locked', ago(-1).toISOString());
      const count = (username: string, at: Date) =>
        countAnswerFailure(db, { username, windowSeconds: 3600, attempt: username }, at);
      await count('last-month', ago(30 * 24));
      await count('today', ago(2));
      expect(await pruneExpiredRecords(db, now)).toEqual({
        links: 0,
        adminSessions: 0,
        answerFailures: 1,
        lockouts: 1,
      });
      const lockouts = await db.selectFrom('recovery_lockouts').select('username').execute();
      expect(lockouts).toEqual([{ username: 'locked' }]);
      const failures = await db.selectFrom('answer_failures').select('username').execute();
      expect(failures).toEqual([{ username: 'today' }]);
    });

    it('records an audit event once per idempotency key, and every event without one', async () => {
      const { db } = await open();
      const event = {
        username: 'ana',
        actor: 'system',
        event: 'link-sent',
        outcome: 'enroll',
        workflowId: 'recovery-ana',
        details: { attempt: 1, resend: false, to: 'main' },
      };
      await recordAudit(db, { ...event, idempotencyKey: 'wf-1/activity-3' });
      await recordAudit(db, { ...event, idempotencyKey: 'wf-1/activity-3' });
      await Promise.all([
        recordAudit(db, { ...event, idempotencyKey: 'wf-1/activity-4' }),
        recordAudit(db, { ...event, idempotencyKey: 'wf-1/activity-4' }),
      ]);
      await recordAudit(db, { actor: 'user', event: 'recovery-requested', outcome: 'started' });
      await recordAudit(db, { actor: 'user', event: 'recovery-requested', outcome: 'started' });
      const rows = await db.selectFrom('audit_events').selectAll().orderBy('id').execute();
      expect(rows.map((r) => r.idempotency_key)).toEqual([
        'wf-1/activity-3',
        'wf-1/activity-4',
        null,
        null,
      ]);
      expect(rows[0]).toMatchObject({
        username: 'ana',
        actor: 'system',
        workflow_id: 'recovery-ana',
        client_address: null,
      });
      expect(JSON.parse(rows[0]?.details ?? '')).toEqual(event.details);
      // A count is a number on both dialects (PostgreSQL's bigint is read as one).
      const { count } = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      expect(count).toBe(4);
    });

    it('knows the newest temporary key of a user, by its salt', async () => {
      const { db } = await open();
      expect(await isNewestTemporaryKey(db, 'ana', 'salt-1')).toBe(false);
      await recordTemporaryKey(db, 'ana', 'salt-1');
      await recordTemporaryKey(db, 'luis', 'salt-9');
      expect(await isNewestTemporaryKey(db, 'ana', 'salt-1')).toBe(true);
      await recordTemporaryKey(db, 'ana', 'salt-2');
      expect(await isNewestTemporaryKey(db, 'ana', 'salt-1')).toBe(false);
      expect(await isNewestTemporaryKey(db, 'ana', 'salt-2')).toBe(true);
      await forgetTemporaryKey(db, 'ana');
      expect(await isNewestTemporaryKey(db, 'ana', 'salt-2')).toBe(false);
      expect(await isNewestTemporaryKey(db, 'luis', 'salt-9')).toBe(true);
    });

    it('shares rate-limit counts between two connections, and they outlive both', async () => {
      const { db, location } = await open();
      const limits = {
        perClient: { points: 3, durationSeconds: 60 },
        perUsername: { points: 2, durationSeconds: 3600 },
        perSession: { points: 2, durationSeconds: 600 },
      };
      const key = randomBytes(32);
      /** A web process's limits alone, over a connection of its own. */
      const web = () => {
        const store = openLimitStore(location);
        const app = new Hono<WebEnv>();
        app.use(clientAddress({ trustedProxies: trustedProxies([]) }));
        app.use(
          rateLimiting({
            store,
            limits,
            key,
            log: pino({ level: 'silent' }),
            onLimited: (c, seconds) => c.text(`wait ${seconds}`, 429),
          }),
        );
        // Past the per-username limit the request is only marked (the start route asks quietly).
        app.all('*', (c) => c.text(c.var.usernameOverLimit ? 'quietly' : 'ok'));
        return { app, close: () => closeLimitStore(store) };
      };
      const post = async (app: Hono<WebEnv>, from: string, fields: Record<string, string> = {}) => {
        const response = await app.request(
          '/',
          {
            method: 'POST',
            body: new URLSearchParams(fields),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          },
          { incoming: { socket: { remoteAddress: from } } },
        );
        return response.status === 200 ? response.text() : response.status;
      };

      const first = web();
      const second = web();
      expect([
        await post(first.app, '203.0.113.1', { username: 'ana' }),
        await post(second.app, '203.0.113.1', { username: 'ana' }),
        await post(first.app, '203.0.113.1'),
        await post(second.app, '203.0.113.1'),
      ]).toEqual(['ok', 'ok', 'ok', 429]);
      expect(await post(second.app, '203.0.113.9', { username: 'ana' })).toBe('quietly');
      await first.close();
      await second.close();

      const restarted = web();
      onTestFinished(restarted.close);
      expect(await post(restarted.app, '203.0.113.1')).toBe(429);
      expect(await post(restarted.app, '203.0.113.2')).toBe('ok');
      // The counters sit in the service's database, under digests: no address, no name.
      const rows = await sql<{ key: string }>`select key from ${sql.table(rateLimitTable)}`.execute(
        db,
      );
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(JSON.stringify(rows.rows)).not.toMatch(/ana|203\.0\.113/);
    });
  });
}
