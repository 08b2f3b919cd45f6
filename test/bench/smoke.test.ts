import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { historyTimings } from '../../bench/history-timing';
import { journeySteps, recoverOverHttp, runPool } from '../../bench/journey';
import { Mailbox } from '../../bench/mailbox';
import { enrollUsers, seedUsers } from '../../bench/users';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { type MailCatcher, startMailCatcher } from '../../dev/mail-catcher';
import { freePort } from '../../dev/ports';
import { type Stack, startStack, uniqueUid } from '../support/stack';

/**
 * A tiny run of the benchmark's journey (bench/journey.ts): two enrolled users recover over
 * real HTTP, with the bench's mailbox fed by a mail catcher of its own, so that `npm run bench`
 * cannot silently stop working. It times nothing it asserts on.
 */
let stack: Stack;
let mail: MailCatcher;
let server: Server;
const mailbox = new Mailbox();
let baseUrl: string;

beforeAll(async () => {
  mail = await startMailCatcher({ onMessage: (message) => mailbox.deliver(message) });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  stack = await startStack({
    servers: { ...inject('servers'), smtpPort: mail.smtpPort },
    publicUrl: baseUrl,
  });
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: stack.app.fetch, port, hostname: '127.0.0.1' }, () =>
      resolve(s as Server),
    );
  });
  expect((server.address() as AddressInfo).port).toBe(port);
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
  await mail?.stop();
});

describe('bench smoke', () => {
  it('two seeded, enrolled users recover over HTTP, and their histories can be timed', async () => {
    const users = await seedUsers(inject('servers').directory, uniqueUid('bench'), 2);
    await enrollUsers(stack.db, users);

    const run = await runPool(users, 2, (user) => recoverOverHttp({ baseUrl, mailbox }, user));

    expect(run.failures).toEqual([]);
    expect(run.results).toHaveLength(2);
    for (const timings of run.results) {
      for (const step of journeySteps) expect(timings[step]).toBeGreaterThanOrEqual(0);
    }
    const client = new Client({
      connection: stack.client.connection,
      namespace: inject('servers').namespace,
    });
    const tasks = await historyTimings(
      client,
      users.map((u) => recoveryWorkflowId(u.uid)),
    );
    expect(tasks.map((t) => t.name)).toEqual(
      expect.arrayContaining(['workflow task', 'issueLink', 'verifyAnswers']),
    );
  });
});
