import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changePolicy } from '../../db/policy';
import type { ServerProcess } from '../../dev/child-process';
import { browser } from '../../dev/form-browser';
import { changeOwnPassword } from '../../dev/ldap-users';
import { createDatabase } from '../../dev/postgres';
import { createLdapDirectory } from '../../directory/ldap-directory';
import { rateLimitTable } from '../../web/rate-limit';
import { submitAnswers, submitEnrollment } from '../../workflows/messages';
import { journeys } from '../support/journey';
import { ldapConfigFor } from '../support/ldap-config';
import { type Stack, startStack } from '../support/stack';
import { startWorkerProcess } from '../support/worker-process';

/**
 * The whole service on PostgreSQL, as several instances would run it: the web app here, the
 * production worker entry point as a process of its own (it migrates the database at start,
 * as the web did), both on one database of the run's PostgreSQL.
 */
const { postgres } = inject('servers');
const unavailable = 'unavailable' in postgres ? postgres.unavailable : undefined;

let stack: Stack;
let worker: ServerProcess | undefined;

beforeAll(async () => {
  if (!('url' in postgres)) return;
  stack = await startStack({ databaseUrl: await createDatabase(postgres.url), worker: false });
  const { temporalAddress, namespace, smtpPort, root } = inject('servers');
  const logDir = await mkdtemp(join(root, 'postgres-journey-'));
  worker = await startWorkerProcess(
    stack,
    { temporalAddress, namespace, smtpPort },
    join(logDir, 'worker.log'),
  );
});
afterAll(async () => {
  await worker?.stop();
  await stack?.stop();
});

describe.skipIf(unavailable)(
  `a recovery on PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    it('a new user enrols, answers and gets a temporary key; web and worker share the database', async () => {
      expect(stack.database.dialect).toBe('postgres');
      const user = journeys(stack);
      await changePolicy(stack.db, { min_questions: 2, temporary_key_ttl_seconds: 15 }, 'test');
      const questions = (await stack.db.selectFrom('questions').select('id').execute()).map(
        (q) => q.id,
      );
      const [q1, q2] = questions as [number, number];
      const { uid, mail, dn, workflowId } = await user.newUser();
      const alternate = `${uid}.alt@example.net`;

      // The link's digest is saved by the worker and found by the web.
      await user.requestLink(uid);
      const first = await user.linkFor(mail, { subjectIncludes: 'Configure' });
      const { proof } = await user.openLink(first.path);
      if (!proof) throw new Error('the link gave no session');
      expect(await user.stateOf(uid)).toMatchObject({ step: 'enroll', minQuestions: 2 });

      const savedAt = new Date();
      expect(
        await stack.recoveries.submit(workflowId, submitEnrollment, {
          ...proof,
          alternateMail: alternate,
          alternateMailConfirm: alternate,
          answers: [
            { questionId: q1, answer: 'Firulais' },
            { questionId: q2, answer: 'Valparaíso' },
          ],
        }),
      ).toEqual({ ok: true, result: { ok: true } });
      // The worker saved the enrollment; the web's verification page reads and updates it.
      const verification = await user.linkFor(alternate, { subjectIncludes: 'alternativa' });
      const b = browser(stack.app);
      await b.get(verification.path);
      expect((await b.post(verification.path, {})).body).toContain('Dirección confirmada');
      const enrollment = await stack.db
        .selectFrom('enrollments')
        .select(['alternate_mail', 'alternate_verified_at'])
        .where('username', '=', uid)
        .executeTakeFirstOrThrow();
      expect(enrollment).toEqual({
        alternate_mail: alternate,
        alternate_verified_at: expect.any(String),
      });

      const answering = await user.linkFor(mail, {
        after: savedAt,
        subjectIncludes: 'Continúe con la recuperación',
      });
      const { proof: answerProof } = await user.openLink(answering.path);
      if (!answerProof) throw new Error('the link gave no session');
      const answer = (answers: Array<{ questionId: number; answer: string }>) =>
        stack.recoveries.submit(workflowId, submitAnswers, { ...answerProof, answers });
      expect(await answer([{ questionId: q1, answer: 'Firulais' }])).toEqual({
        ok: true,
        result: { ok: false, attemptsLeft: 4 },
      });
      const resetAt = new Date();
      expect(
        await answer([
          { questionId: q1, answer: '  FIRULAIS ' },
          { questionId: q2, answer: 'valparaíso' },
        ]),
      ).toEqual({ ok: true, result: { ok: true } });

      const message = await user.waitForMail(mail, {
        after: resetAt,
        subjectIncludes: 'contraseña temporal',
      });
      const key = /contraseña temporal es: (\S+)/.exec(message.text)?.[1] as string;
      const directory = createLdapDirectory(ldapConfigFor(stack.directory));
      expect(await directory.checkSignIn(dn, key)).toBe('must-change');
      const result = await stack.client.workflow.getHandle(workflowId).result();
      expect(result.outcome).toBe('password-reset');
      await changeOwnPassword(stack.directory, dn, key, 'Own-Choice-2026');
      const check = stack.client.workflow.getHandle(result.keyCheckWorkflowId as string);
      expect(await check.result()).toBe('used');

      const audit = await stack.db
        .selectFrom('audit_events')
        .select(['event', 'outcome'])
        .where('username', '=', uid)
        .orderBy('id')
        .execute();
      expect(audit.map((e) => `${e.event}:${e.outcome}`)).toEqual(
        expect.arrayContaining([
          'recovery-requested:started',
          'enrollment:saved',
          'answers:wrong',
          'answers:right',
          'password-reset:temporary-key',
          'temporary-key-check:used',
        ]),
      );
      expect(JSON.stringify(audit)).not.toContain(key);
      // The page's rate limits counted in the same database.
      const limits = await sql<{ count: number }>`
        select count(*) as count from ${sql.table(rateLimitTable)}`.execute(stack.db);
      expect(limits.rows[0]?.count).toBeGreaterThan(0);
    });
  },
);
