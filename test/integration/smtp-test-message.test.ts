import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../common/secret-box';
import { type Db, migrateToLatest, openDatabase } from '../../db/database';
import { changePolicy } from '../../db/policy';
import { createSmtpConfig, type SmtpConfigInput, updateSmtpConfig } from '../../db/smtp-configs';
import {
  checkSmtpConfig,
  createConfiguredMailer,
  type SmtpTestDeps,
  sendTestMessage,
} from '../../mail/smtp-configs';
import {
  closedPort,
  selfSignedCertificate,
  startSilentServer,
  startTestSmtpServer,
  type TestSmtpServer,
} from '../support/smtp-test-server';

const user = 'relay@empresa.test';
const password = 'S3cret-relay-password';
const box = new SecretBox([{ id: 'test', key: randomBytes(32) }]);
const message = { subject: 'Hola', text: 'Prueba', html: '<p>Prueba</p>' };

describe('SMTP configurations against real SMTP servers (R2–R4)', () => {
  let db: Db;
  let trusted: SmtpTestDeps;
  const servers: Array<{ stop(): Promise<void> }> = [];
  // A STARTTLS server with AUTH and a self-signed certificate for localhost and 127.0.0.1.
  let secure: TestSmtpServer;
  let certificate: { key: string; cert: string };

  const start = async (options: Parameters<typeof startTestSmtpServer>[0]) => {
    const server = await startTestSmtpServer(options);
    servers.push(server);
    return server;
  };
  const configure = (over: Partial<SmtpConfigInput>) =>
    createSmtpConfig(db, box, {
      name: `config ${randomBytes(4).toString('hex')}`,
      host: '127.0.0.1',
      port: secure.port,
      tlsMode: 'starttls',
      username: user,
      password,
      senderAddress: 'soporte@empresa.test',
      ...over,
    });
  const test = async (over: Partial<SmtpConfigInput>, deps: SmtpTestDeps = trusted) => {
    const { id } = await configure(over);
    const started = performance.now();
    const result = await sendTestMessage(deps, id, 'admin@empresa.test');
    return { ...result, ms: Math.round(performance.now() - started) };
  };

  beforeAll(async () => {
    db = openDatabase(join(await mkdtemp(join(tmpdir(), 'sspr-smtp-')), 'sspr.sqlite'));
    await migrateToLatest(db);
    certificate = selfSignedCertificate({ dns: ['localhost'], ip: ['127.0.0.1'] });
    secure = await start({ auth: { user, password }, tls: certificate });
    trusted = { db, box, tlsOptions: { ca: [certificate.cert] } };
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db.destroy();
  });

  describe('send test message: each failure gives its code', () => {
    it('ok: STARTTLS, authenticated; the message arrives from the sender address', async () => {
      const result = await test({ name: 'Relay principal' });
      expect(result).toMatchObject({ code: 'ok' });
      const received = await secure.waitFor('admin@empresa.test');
      expect(received).toMatchObject({
        mailFrom: 'soporte@empresa.test',
        user,
        subject: 'Mensaje de prueba / Test message: Relay principal',
      });
      expect(received.text).toContain('Relay principal');
    });

    it('ok: the host by name (localhost), its certificate checked for that name', async () => {
      expect(await test({ host: 'localhost' })).toMatchObject({ code: 'ok' });
    });

    it('auth: a wrong password, with the server answer', async () => {
      expect(await test({ password: 'wrong' })).toMatchObject({
        code: 'auth',
        responseCode: 535,
        response: expect.stringContaining('Authentication credentials invalid'),
        detail: 'EAUTH',
      });
    });

    it('auth: the server wants authentication and none is configured', async () => {
      expect(await test({ username: '', password: '' })).toMatchObject({
        code: 'auth',
        responseCode: 530,
      });
    });

    it('tls: a certificate nobody vouches for (self-signed, not trusted)', async () => {
      const result = await test({}, { db, box });
      expect(result).toMatchObject({ code: 'tls' });
      expect(result.detail).toMatch(/SELF_SIGNED|UNABLE_TO/);
    });

    it('tls: a trusted certificate for another name', async () => {
      const other = selfSignedCertificate({ dns: ['mail.elsewhere.test'] });
      const server = await start({ tls: other });
      const result = await test(
        { port: server.port, username: '' },
        { db, box, tlsOptions: { ca: [other.cert] } },
      );
      expect(result).toMatchObject({ code: 'tls' });
      expect(result.detail).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
    });

    it('tls: STARTTLS required and not offered', async () => {
      const plain = await start({});
      expect(await test({ port: plain.port, username: '' })).toMatchObject({
        code: 'tls',
        detail: 'ETLS',
      });
    });

    it('tls: TLS from the start against a server that speaks plain SMTP', async () => {
      const plain = await start({});
      const result = await test({ port: plain.port, tlsMode: 'tls', username: '' });
      expect(result).toMatchObject({ code: 'tls' });
      expect(result.detail).toMatch(/ERR_SSL|EPROTO/);
    });

    it('ok: TLS from the start (port 465 style), trusted', async () => {
      const implicit = await start({
        auth: { user, password },
        tls: certificate,
        implicitTls: true,
      });
      expect(await test({ port: implicit.port, tlsMode: 'tls' })).toMatchObject({ code: 'ok' });
      expect((await implicit.waitFor('admin@empresa.test')).user).toBe(user);
    });

    it('sender-rejected: MAIL FROM refused', async () => {
      const picky = await start({ rejectSender: 553 });
      expect(await test({ port: picky.port, tlsMode: 'none', username: '' })).toMatchObject({
        code: 'sender-rejected',
        responseCode: 553,
        response: expect.stringContaining('Sender address rejected'),
      });
    });

    it('recipient-rejected: RCPT TO refused', async () => {
      const picky = await start({ rejectRecipient: 550 });
      expect(await test({ port: picky.port, tlsMode: 'none', username: '' })).toMatchObject({
        code: 'recipient-rejected',
        responseCode: 550,
      });
    });

    it('message-rejected: the message refused after DATA', async () => {
      const picky = await start({ rejectData: 554 });
      expect(await test({ port: picky.port, tlsMode: 'none', username: '' })).toMatchObject({
        code: 'message-rejected',
        responseCode: 554,
      });
    });

    it('refused: nothing listens on the port', async () => {
      const result = await test({ port: await closedPort(), tlsMode: 'none' });
      expect(result).toMatchObject({ code: 'refused', detail: 'ESOCKET ECONNREFUSED' });
      const tls = await test({ port: await closedPort(), tlsMode: 'tls' });
      expect(tls).toMatchObject({ code: 'refused', detail: 'ESOCKET ECONNREFUSED' });
    });

    it('dns: a host name that does not resolve', async () => {
      expect(await test({ host: 'nonexistent.invalid' })).toMatchObject({
        code: 'dns',
        detail: expect.stringMatching(/^EDNS/),
      });
    });

    it('timeout: a server that never greets, within the test timeouts', async () => {
      const silent = await startSilentServer();
      servers.push(silent);
      const timeouts = { connectionMs: 1_000, greetingMs: 500, socketMs: 1_000 };
      const result = await test({ port: silent.port, tlsMode: 'none' }, { ...trusted, timeouts });
      expect(result).toMatchObject({ code: 'timeout', detail: 'ETIMEDOUT' });
      expect(result.ms).toBeLessThan(5_000);
    });

    it('health check: connects, secures and authenticates, sends nothing', async () => {
      const before = secure.received.length;
      const good = await configure({});
      expect(await checkSmtpConfig(trusted, good.id)).toEqual({ code: 'ok' });
      const bad = await configure({ password: 'wrong' });
      expect(await checkSmtpConfig(trusted, bad.id)).toMatchObject({
        code: 'auth',
        responseCode: 535,
      });
      expect(await checkSmtpConfig({ db, box }, good.id)).toMatchObject({ code: 'tls' });
      expect(await checkSmtpConfig(trusted, 987_654)).toEqual({ code: 'not-found' });
      expect(secure.received.length).toBe(before);
    });

    it('not-found and password-unreadable', async () => {
      expect(await sendTestMessage(trusted, 987_654, 'admin@empresa.test')).toEqual({
        code: 'not-found',
      });
      const { id } = await configure({});
      const otherKey = new SecretBox([{ id: 'other', key: randomBytes(32) }]);
      expect(
        await sendTestMessage({ ...trusted, box: otherKey }, id, 'admin@empresa.test'),
      ).toMatchObject({ code: 'password-unreadable', detail: expect.stringContaining('"test"') });
    });
  });

  describe('the mail activities’ mailer: chosen by the sender’s domain, current at each send', () => {
    it('sends through the configuration of the policy sender’s domain, else the environment’s', async () => {
      const a = await start({ auth: { user: 'a', password: 'pa' }, insecureAuth: true });
      const b = await start({});
      const environment = await start({});
      await createSmtpConfig(db, box, {
        name: 'Dominio A',
        host: '127.0.0.1',
        port: a.port,
        tlsMode: 'none',
        username: 'a',
        password: 'pa',
        senderAddress: 'no-reply@dominio-a.test',
      });
      const configB = await createSmtpConfig(db, box, {
        name: 'Dominio B',
        host: '127.0.0.1',
        port: b.port,
        tlsMode: 'none',
        senderAddress: 'no-reply@dominio-b.test',
      });
      const mailer = createConfiguredMailer({
        db,
        box,
        fallback: { host: '127.0.0.1', port: environment.port, tls: 'none' },
        defaultFrom: 'no-reply@env.test',
      });

      // No sender in the policy: SSPR_MAIL_FROM's domain, which no configuration has.
      await changePolicy(db, { sender_address: null }, 'test');
      await mailer.send({ to: 'one@x.test', ...message });
      expect(await environment.waitFor('one@x.test')).toMatchObject({
        mailFrom: 'no-reply@env.test',
      });

      // Another address of domain A: configuration A, with its stored password.
      await changePolicy(db, { sender_address: 'Soporte@Dominio-A.test' }, 'test');
      expect((await mailer.route()).route).toMatchObject({ kind: 'config', name: 'Dominio A' });
      await mailer.send({ to: 'two@x.test', ...message });
      expect(await a.waitFor('two@x.test')).toMatchObject({
        // nodemailer writes the domain in lower case.
        mailFrom: 'Soporte@dominio-a.test',
        user: 'a',
      });

      await changePolicy(db, { sender_address: 'soporte@dominio-b.test' }, 'test');
      await mailer.send({ to: 'three@x.test', ...message });
      await b.waitFor('three@x.test');

      // Configuration B moved to another server: the next message goes there, no restart.
      const moved = await start({});
      await updateSmtpConfig(db, box, configB.id, { port: moved.port });
      await mailer.send({ to: 'four@x.test', ...message });
      await moved.waitFor('four@x.test');
      expect(b.received.map((m) => m.rcptTo[0])).toEqual(['three@x.test']);

      // Its domain changed away: nothing matches, the environment's server again.
      await updateSmtpConfig(db, box, configB.id, { senderAddress: 'x@dominio-c.test' });
      await mailer.send({ to: 'five@x.test', ...message });
      await environment.waitFor('five@x.test');
      await changePolicy(db, { sender_address: null }, 'test');
    });

    it('a 5xx answer is final (non-retryable); a refused connection or a 4xx is retried', async () => {
      await changePolicy(db, { sender_address: null }, 'test');
      const rejecting = await start({ rejectRecipient: 550 });
      const busy = await start({ rejectRecipient: 451 });
      const send = (port: number) =>
        createConfiguredMailer({
          db,
          box,
          fallback: { host: '127.0.0.1', port, tls: 'none' },
          defaultFrom: 'no-reply@env.test',
        }).send({ to: 'x@x.test', ...message });

      const final = await send(rejecting.port).catch((e: unknown) => e);
      expect(final).toBeInstanceOf(ApplicationFailure);
      expect(final).toMatchObject({ nonRetryable: true, type: 'MailRejected' });
      const transient = await send(busy.port).catch((e: unknown) => e);
      expect(transient).not.toBeInstanceOf(ApplicationFailure);
      expect(transient).toMatchObject({ responseCode: 451 });
      const refused = await send(await closedPort()).catch((e: unknown) => e);
      expect(refused).not.toBeInstanceOf(ApplicationFailure);
      expect(refused).toMatchObject({ code: 'ESOCKET' });
    });
  });
});
