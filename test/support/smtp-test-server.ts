import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message a test server accepted, with the envelope and the user who authenticated. */
export interface ReceivedMail {
  mailFrom: string;
  rcptTo: string[];
  user?: string;
  subject: string;
  text: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** The first message to `to` accepted so far, waiting up to `timeoutMs`. */
  waitFor(to: string, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** AUTH required (PLAIN, LOGIN) with this user and password. */
  auth?: { user: string; password: string };
  /** Allow AUTH over plain text (a server without TLS that still wants credentials). */
  insecureAuth?: boolean;
  /** A certificate: STARTTLS is offered with it, or with `implicitTls` TLS from the start. */
  tls?: { key: string; cert: string };
  implicitTls?: boolean;
  /** Refuse MAIL FROM / RCPT TO / the message with this reply (e.g. 553, 550, 451). */
  rejectSender?: number;
  rejectRecipient?: number;
  rejectData?: number;
}

const refusal = (code: number, text: string) =>
  Object.assign(new Error(text), { responseCode: code });

/** A real SMTP server (smtp-server) on 127.0.0.1 with the behaviour a test asks for. */
export async function startTestSmtpServer(
  options: TestSmtpServerOptions = {},
): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    closeTimeout: 500,
    secure: options.implicitTls === true,
    ...(options.tls && { key: options.tls.key, cert: options.tls.cert }),
    disabledCommands: [...(options.tls ? [] : ['STARTTLS']), ...(options.auth ? [] : ['AUTH'])],
    authOptional: !options.auth,
    allowInsecureAuth: options.insecureAuth === true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.password) {
        callback(null, { user: auth.username });
      } else {
        callback(refusal(535, '5.7.8 Authentication credentials invalid'));
      }
    },
    onMailFrom(_address, _session, callback) {
      if (options.rejectSender) {
        callback(refusal(options.rejectSender, '5.7.1 Sender address rejected: not owned by user'));
      } else callback();
    },
    onRcptTo(_address, _session, callback) {
      if (options.rejectRecipient) {
        callback(
          refusal(options.rejectRecipient, '5.1.1 Recipient address rejected: no such user'),
        );
      } else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.rejectData) {
          callback(refusal(options.rejectData, '5.7.1 Message content rejected'));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            received.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              ...(typeof session.user === 'string' && { user: session.user }),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  // A client that fails its handshake is the test's point, not a crash.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    received,
    async waitFor(to, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((m) => m.rcptTo.includes(to));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no mail to ${to} on port ${port}`);
        await sleep(50);
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A TCP server that accepts connections and never says a word: an SMTP server that hangs
 * before its greeting (the `timeout` case).
 */
export async function startSilentServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens (taken from the kernel, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A self-signed certificate made by openssl for these names (DNS names and IP addresses). */
export function selfSignedCertificate(names: { dns: string[]; ip?: string[] }): {
  key: string;
  cert: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'sspr-smtp-cert-'));
  const san = [...names.dns.map((d) => `DNS:${d}`), ...(names.ip ?? []).map((i) => `IP:${i}`)];
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${names.dns[0] ?? 'test'}`,
      '-addext',
      `subjectAltName=${san.join(',')}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'pipe' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}
