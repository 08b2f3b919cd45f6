import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { inboxApp } from './mail-inbox';
import { type CaughtMessage, MessageStore } from './mail-store';

export type { CaughtMessage } from './mail-store';

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  /** http://127.0.0.1:PORT/ : the HTML inbox; the JSON API is under api/messages. */
  inboxUrl: string;
  stop(): Promise<void>;
}

const maxMessageBytes = 10 * 1024 * 1024;

/**
 * A real SMTP server that accepts any mail for anyone and keeps it in memory, with an HTTP inbox.
 * Plain SMTP without STARTTLS or authentication: it listens on loopback only. Ports default to
 * ones the kernel picks.
 */
export async function startMailCatcher(
  opts: {
    smtpPort?: number;
    httpPort?: number;
    host?: string;
    /** Told of each message as it arrives (the benchmarks wait on it instead of polling). */
    onMessage?: (message: CaughtMessage) => void;
  } = {},
): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const store = new MessageStore();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    size: maxMessageBytes,
    logger: false,
    // Do not hold stop() for the default 30 s when a client keeps its connection open.
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      catchMessage(stream, session).then(
        (message) => {
          store.add(message);
          opts.onMessage?.(message);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(opts.smtpPort ?? 0, host, () => resolve());
  });

  let http: Server;
  try {
    http = await new Promise<Server>((resolve, reject) => {
      const server = serve(
        { fetch: inboxApp(store).fetch, port: opts.httpPort ?? 0, hostname: host },
        () => resolve(server as Server),
      );
      server.once('error', reject);
    });
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(resolve));
    throw error;
  }

  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const httpPort = (http.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    smtpPort,
    httpPort,
    inboxUrl: `http://${host}:${httpPort}/`,
    stop: () => {
      stopping ??= Promise.all([
        new Promise<void>((resolve) => smtp.close(resolve)),
        new Promise<void>((resolve) => {
          http.close(() => resolve());
          http.closeAllConnections();
        }),
      ]).then(() => undefined);
      return stopping;
    },
  };
}

async function catchMessage(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
): Promise<CaughtMessage> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  if (stream.sizeExceeded) {
    throw Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 });
  }
  const parsed = await simpleParser(Buffer.concat(chunks));
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  return {
    id: randomUUID(),
    date: new Date().toISOString(),
    from: parsed.from?.text ?? envelopeFrom,
    to: session.envelope.rcptTo.map((address) => address.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    ...(parsed.html ? { html: parsed.html } : {}),
  };
}
