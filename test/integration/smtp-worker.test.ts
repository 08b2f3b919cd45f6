import { afterAll, beforeAll, expect, it } from 'vitest';
import { changePolicy } from '../../db/policy';
import { createSmtpConfig, updateSmtpConfig } from '../../db/smtp-configs';
import { journeys } from '../support/journey';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { patienceMs, type Stack, startStack } from '../support/stack';

let stack: Stack;
let user: ReturnType<typeof journeys>;
let first: TestSmtpServer;
let second: TestSmtpServer;

beforeAll(async () => {
  stack = await startStack();
  user = journeys(stack);
  // Each wants its own credentials (plain text on loopback: the point is which server).
  first = await startTestSmtpServer({
    auth: { user: 'first', password: 'first-secret' },
    insecureAuth: true,
  });
  second = await startTestSmtpServer({
    auth: { user: 'second', password: 'second-secret' },
    insecureAuth: true,
  });
});
afterAll(async () => {
  await stack?.stop();
  await Promise.all([first?.stop(), second?.stop()]);
});

it("the worker's mail goes through the SMTP configuration current at send time (R2, R3)", async () => {
  const config = await createSmtpConfig(stack.db, stack.secretBox, {
    name: 'Empresa',
    host: '127.0.0.1',
    port: first.port,
    tlsMode: 'none',
    username: 'first',
    password: 'first-secret',
    senderAddress: 'recuperacion@empresa.test',
  });
  await changePolicy(stack.db, { sender_address: 'soporte@empresa.test' }, 'test');

  const ana = await user.newUser();
  expect((await user.requestLink(ana.uid)).status).toBe(200);
  const toFirst = await first.waitFor(ana.mail, patienceMs);
  expect(toFirst).toMatchObject({ mailFrom: 'soporte@empresa.test', user: 'first' });
  expect(toFirst.text).toContain(`${stack.publicUrl}/link/`);

  // The admin points the configuration at another server with another password; the same
  // worker, not restarted, sends the next recovery's mail there.
  await updateSmtpConfig(stack.db, stack.secretBox, config.id, {
    port: second.port,
    username: 'second',
    password: 'second-secret',
  });
  const luis = await user.newUser();
  expect((await user.requestLink(luis.uid)).status).toBe(200);
  expect(await second.waitFor(luis.mail, patienceMs)).toMatchObject({
    mailFrom: 'soporte@empresa.test',
    user: 'second',
  });
  expect(first.received.map((m) => m.rcptTo)).toEqual([[ana.mail]]);
  // Neither reached the environment's server (the shared mail catcher).
  expect(await stack.mail.list(ana.mail)).toEqual([]);
  expect(await stack.mail.list(luis.mail)).toEqual([]);
});
