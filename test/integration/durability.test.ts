import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import proto from '@temporalio/proto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnswerInput } from '../../common/domain/answers';
import { changePolicy } from '../../db/policy';
import { type ServerProcess, waitFor } from '../../dev/child-process';
import { type MailCatcher, startMailCatcher } from '../../dev/mail-catcher';
import { mailClient } from '../../dev/mail-client';
import { type Slapd, startSlapd } from '../../dev/slapd';
import { createLdapDirectory } from '../../directory/ldap-directory';
import { type SessionProof, submitAnswers, submitEnrollment } from '../../workflows/messages';
import { journeys } from '../support/journey';
import { stablePort } from '../support/stable-port';
import { patienceMs, type Stack, startStack } from '../support/stack';
import { startWorkerProcess } from '../support/worker-process';

/**
 * R19 durability: a recovery survives its worker crashing, and an SMTP server or directory that
 * is down for a while. This file stops and starts servers, so it runs its own slapd (same port
 * and data folder on every start) and its own mail catcher (same SMTP port; a restarted catcher
 * starts with an empty inbox, so mail is read from the new one); Temporal is the shared one.
 * Workers are worker/main.ts processes, so that "killed" is a real SIGKILL.
 */

const { PENDING_ACTIVITY_STATE_SCHEDULED } = proto.temporal.api.enums.v1.PendingActivityState;

let dir: string;
let stack: Stack;
let slapd: Slapd | undefined;
let slapdPorts: { port: number; ldapsPort: number };
let catcher: MailCatcher | undefined;
let smtpPort: number;
let worker: ServerProcess | undefined;
let workerCount = 0;
const processes: ServerProcess[] = [];
let questions: number[];

const slapdUp = async () => {
  slapd = await startSlapd({ dataDir: join(dir, 'slapd'), ...slapdPorts, seed: 'empty' });
  return slapd;
};
const slapdDown = async () => {
  await slapd?.stop();
  slapd = undefined;
};
const smtpUp = async () => {
  catcher = await startMailCatcher({ smtpPort });
};
const smtpDown = async () => {
  await catcher?.stop();
  catcher = undefined;
};

async function startWorker() {
  workerCount += 1;
  const { temporalAddress, namespace } = inject('servers');
  worker = await startWorkerProcess(
    stack,
    { temporalAddress, namespace, smtpPort },
    join(dir, `worker-${workerCount}.log`),
  );
  processes.push(worker);
}

/** A crash: no grace, no shutdown of the SDK's worker, nothing flushed. */
async function killWorker() {
  const crashed = worker as ServerProcess;
  crashed.kill('SIGKILL');
  expect(await crashed.exited).toBe('signal SIGKILL');
  worker = undefined;
}

beforeAll(async () => {
  const shared = inject('servers');
  dir = await mkdtemp(join(shared.root, 'durability-'));
  // Ports kept while a server is down: no other process can be given them meanwhile.
  slapdPorts = { port: await stablePort(), ldapsPort: await stablePort() };
  smtpPort = await stablePort();
  const directory = await slapdUp();
  await smtpUp();
  const { stop: _stop, ...directoryInfo } = directory;
  stack = await startStack({
    worker: false,
    servers: {
      ...shared,
      directory: directoryInfo,
      smtpPort,
      inboxUrl: (catcher as MailCatcher).inboxUrl,
    },
  });
  // Two questions keep the journeys short; the key check stays far away (24 h by default).
  await changePolicy(stack.db, { min_questions: 2 }, 'test');
  questions = (await stack.db.selectFrom('questions').select('id').execute()).map((q) => q.id);
  await startWorker();
});

afterAll(async () => {
  // Workers first (they hold the database), then the web side, then this file's servers.
  await Promise.allSettled(processes.map((p) => p.stop()));
  await stack?.stop();
  await Promise.allSettled([smtpDown(), slapdDown()]);
});

// A test that fails half-way must not leave the next one without its servers or worker.
afterEach(async () => {
  if (!catcher) await smtpUp();
  if (!slapd) await slapdUp();
  if (!worker) await startWorker();
});

/** The inbox of the mail catcher running now (each start has a new, empty one). */
const inbox = () => {
  if (!catcher) throw new Error('the test reads mail while its SMTP server is stopped');
  return mailClient(catcher.inboxUrl);
};
const mail: Stack['mail'] = {
  list: (to) => inbox().list(to),
  waitFor: (to, options) => inbox().waitFor(to, options),
  clear: () => inbox().clear(),
};

/** The user's side, as in the other journeys, reading mail from the current inbox. */
const user = () => journeys({ ...stack, mail });

const directory = () => createLdapDirectory(stack.ldap);

const rightAnswers = (): AnswerInput[] => [
  { questionId: questions[0] as number, answer: 'Firulais' },
  { questionId: questions[1] as number, answer: 'Valparaíso' },
];

/** The temporary key from its e-mail, in the inbox of the mail catcher running now. */
async function theTemporaryKey(to: string) {
  const message = await user().waitForMail(to, { subjectIncludes: 'contraseña temporal' });
  const key = /contraseña temporal es: (\S+)/.exec(message.text)?.[1];
  if (!key) throw new Error(`no key in:\n${message.text}`);
  return key;
}

/** The recovery has ended with a reset and sent exactly one temporary key (no retry sent two). */
async function expectOneResetWithKey(u: { uid: string; mail: string }) {
  expect(await user().outcomeOf(u.uid)).toBe('password-reset');
  const keyMails = (await inbox().list(u.mail)).filter((m) =>
    m.subject.includes('contraseña temporal'),
  );
  expect(keyMails).toHaveLength(1);
  const keys = await stack.db
    .selectFrom('temporary_keys')
    .select('username')
    .where('username', '=', u.uid)
    .execute();
  expect(keys).toHaveLength(1);
}

async function openLinkFrom(path: string): Promise<SessionProof> {
  const { proof } = await user().openLink(path);
  if (!proof) throw new Error(`the link ${path} gave no session`);
  return proof;
}

/** Request, open the enrollment link, enrol, open the answering link: its session proof. */
async function enrolledAndAnswering(u: { uid: string; mail: string; workflowId: string }) {
  await user().requestLink(u.uid);
  const enrolling = await openLinkFrom((await user().linkFor(u.mail)).path);
  const alternateMail = `${u.uid}.alt@example.net`;
  expect(
    await stack.recoveries.submit(u.workflowId, submitEnrollment, {
      ...enrolling,
      alternateMail,
      alternateMailConfirm: alternateMail,
      answers: rightAnswers(),
    }),
  ).toEqual({ ok: true, result: { ok: true } });
  const answering = await user().linkFor(u.mail, { subjectIncludes: 'Continúe' });
  return openLinkFrom(answering.path);
}

/** Waits until the workflow has an activity of this type pending that matches `when`. */
async function pendingActivity(
  workflowId: string,
  activityType: string,
  when: (activity: proto.temporal.api.workflow.v1.IPendingActivityInfo) => boolean,
) {
  let found: proto.temporal.api.workflow.v1.IPendingActivityInfo | undefined;
  await waitFor(
    async () => {
      const { raw } = await stack.client.workflow.getHandle(workflowId).describe();
      found = raw.pendingActivities?.find((a) => a.activityType?.name === activityType && when(a));
      return found !== undefined;
    },
    { timeoutMs: patienceMs, intervalMs: 50, what: `a pending ${activityType} activity` },
  );
  return found as proto.temporal.api.workflow.v1.IPendingActivityInfo;
}

const msOf = (ts: proto.google.protobuf.ITimestamp | null | undefined) =>
  Number(ts?.seconds ?? 0) * 1000 + Math.floor((ts?.nanos ?? 0) / 1e6);

describe('R19 durability: the worker crashes', () => {
  it('R19: killed while the recovery waits for the click, a new worker takes the journey to its end', async () => {
    const u = await user().newUser();
    await user().requestLink(u.uid);
    const { path } = await user().linkFor(u.mail);
    await waitFor(async () => (await user().stateOf(u.uid)).status === 'waiting-for-click', {
      timeoutMs: patienceMs,
      what: 'the recovery waiting for the click',
    });

    await killWorker();
    await startWorker();

    // The new worker rebuilds the recovery from its history: the link still opens, once.
    const enrolling = await openLinkFrom(path);
    expect(await user().stateOf(u.uid)).toMatchObject({ status: 'enrolling', step: 'enroll' });
    const alternateMail = `${u.uid}.alt@example.net`;
    expect(
      await stack.recoveries.submit(u.workflowId, submitEnrollment, {
        ...enrolling,
        alternateMail,
        alternateMailConfirm: alternateMail,
        answers: rightAnswers(),
      }),
    ).toEqual({ ok: true, result: { ok: true } });
    const answering = await openLinkFrom(
      (await user().linkFor(u.mail, { subjectIncludes: 'Continúe' })).path,
    );
    expect(
      await stack.recoveries.submit(u.workflowId, submitAnswers, {
        ...answering,
        answers: rightAnswers(),
      }),
    ).toEqual({ ok: true, result: { ok: true } });

    const key = await theTemporaryKey(u.mail);
    expect(await directory().checkSignIn(u.dn, key)).toBe('must-change');
    await expectOneResetWithKey(u);
  });

  it('R19: killed between two activities (the reset waits for SMTP), a new worker finishes with one working key', async () => {
    const u = await user().newUser();
    const answering = await enrolledAndAnswering(u);

    await smtpDown();
    expect(
      await stack.recoveries.submit(u.workflowId, submitAnswers, {
        ...answering,
        answers: rightAnswers(),
      }),
    ).toEqual({ ok: true, result: { ok: true } });
    // The reset has set the key and failed to mail it twice; it is waiting for its next try
    // (not running), so the crash finds no activity in flight on the worker.
    const reset = await pendingActivity(
      u.workflowId,
      'resetWithTemporaryKey',
      (a) =>
        a.state === PENDING_ACTIVITY_STATE_SCHEDULED &&
        (a.attempt ?? 0) >= 3 &&
        msOf(a.nextAttemptScheduleTime) - Date.now() > 700,
    );
    expect(reset.lastFailure).toBeTruthy();
    await killWorker();

    await smtpUp();
    await startWorker();
    const key = await theTemporaryKey(u.mail);
    expect(await directory().checkSignIn(u.dn, key)).toBe('must-change');
    await expectOneResetWithKey(u);
  });
});

describe('R19 durability: a server is down for a while', () => {
  it('R19: the SMTP server is down when the link is due; the e-mail arrives once it is back', async () => {
    const u = await user().newUser();
    await smtpDown();
    expect((await user().requestLink(u.uid)).status).toBe(200);
    const issue = await pendingActivity(u.workflowId, 'issueLink', (a) => (a.attempt ?? 0) >= 2);
    expect(issue.lastFailure).toBeTruthy();

    await smtpUp();
    const { path } = await user().linkFor(u.mail);
    await openLinkFrom(path);
    expect(await user().stateOf(u.uid)).toMatchObject({ status: 'enrolling', step: 'enroll' });
  });

  it('R19: the directory is down during the reset; the reset completes when it returns', async () => {
    const u = await user().newUser();
    const answering = await enrolledAndAnswering(u);

    await slapdDown();
    expect(
      await stack.recoveries.submit(u.workflowId, submitAnswers, {
        ...answering,
        answers: rightAnswers(),
      }),
    ).toEqual({ ok: true, result: { ok: true } });
    const reset = await pendingActivity(
      u.workflowId,
      'resetWithTemporaryKey',
      (a) => (a.attempt ?? 0) >= 2,
    );
    expect(reset.lastFailure).toBeTruthy();

    await slapdUp();
    const key = await theTemporaryKey(u.mail);
    expect(await directory().checkSignIn(u.dn, key)).toBe('must-change');
    await expectOneResetWithKey(u);
  });
});
