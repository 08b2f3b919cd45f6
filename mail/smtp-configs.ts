import type { ConnectionOptions } from 'node:tls';
import { locales } from '../common/domain/locale';
import { type SecretBox, SecretBoxError } from '../common/secret-box';
import type { Db } from '../db/database';
import { currentPolicy } from '../db/policy';
import {
  chooseSmtpConfig,
  type SmtpConfigForSending,
  type SmtpSettings,
  smtpConfigForSending,
  smtpConfigVersions,
} from '../db/smtp-configs';
import { mailTextsFor } from '../i18n';
import {
  createSmtpTransport,
  defaultSmtpTimeouts,
  type Mailer,
  type SmtpTimeouts,
  type SmtpTransport,
  sendOrFail,
} from './mailer';

export interface ConfiguredMailerDeps {
  db: Db;
  box: SecretBox;
  /** The environment's SSPR_SMTP_* server: used when no configuration matches the sender. */
  fallback: SmtpSettings;
  /** SSPR_MAIL_FROM: the sender when the policy names none. */
  defaultFrom: string;
  /** Added to Node's TLS defaults for every server (a test's own CA). */
  tlsOptions?: ConnectionOptions;
}

/** Which server a message went through: a configuration's id, or the environment's. */
export type MailRoute = { kind: 'config'; id: number; name: string } | { kind: 'environment' };

export interface ConfiguredMailer extends Mailer {
  /** The sender and server the next message would use, as send() resolves them. */
  route(): Promise<{ from: string; route: MailRoute }>;
}

/**
 * The mail activities' mailer: before each message it reads the policy's sender address
 * (SSPR_MAIL_FROM when none) and the SMTP configurations, and sends through the configuration
 * whose sender address has the sender's domain, or else the environment's server, so an admin's
 * change applies to the next message without a restart. Transports are cached by configuration
 * id and version (updated_at), so a send costs two small queries; a changed or deleted
 * configuration's transport is dropped.
 */
export function createConfiguredMailer(deps: ConfiguredMailerDeps): ConfiguredMailer {
  const cache = new Map<number, { version: string; name: string; transport: SmtpTransport }>();
  let environment: SmtpTransport | undefined;
  const options = deps.tlsOptions ? { tlsOptions: deps.tlsOptions } : {};

  async function resolve(): Promise<{ from: string; route: MailRoute; transport: SmtpTransport }> {
    const [policy, versions] = await Promise.all([
      currentPolicy(deps.db),
      smtpConfigVersions(deps.db),
    ]);
    const from = policy.sender_address ?? deps.defaultFrom;
    for (const [id, cached] of cache) {
      if (!versions.some((v) => v.id === id && v.updatedAt === cached.version)) {
        cache.delete(id);
        cached.transport.close();
      }
    }
    const chosen = chooseSmtpConfig(versions, from);
    if (chosen) {
      const cached = cache.get(chosen.id);
      if (cached) {
        return {
          from,
          route: { kind: 'config', id: chosen.id, name: cached.name },
          transport: cached.transport,
        };
      }
      const config = await smtpConfigForSending(deps.db, deps.box, chosen.id);
      // Deleted since the versions were read: the environment's server, as if never there.
      if (config) {
        const transport = createSmtpTransport(config.settings, options);
        cache.set(config.id, { version: config.updatedAt, name: config.name, transport });
        return { from, route: { kind: 'config', id: config.id, name: config.name }, transport };
      }
    }
    environment ??= createSmtpTransport(deps.fallback, options);
    return { from, route: { kind: 'environment' }, transport: environment };
  }

  return {
    async send(message) {
      const { from, transport } = await resolve();
      await sendOrFail(transport, from, message);
    },
    async route() {
      const { from, route } = await resolve();
      return { from, route };
    },
  };
}

/**
 * What a test message found, as a code the admin page translates:
 * - `ok`: the server accepted the message;
 * - `dns`: the host name does not resolve;
 * - `refused`: nothing accepts connections there (refused, unreachable, closed at once);
 * - `timeout`: no answer in time (connecting, greeting or later);
 * - `tls`: the TLS handshake failed: certificate not trusted or not for this host, STARTTLS
 *   not offered, or the other side does not speak TLS;
 * - `auth`: authentication failed, or the server wants it and none is configured;
 * - `sender-rejected`: MAIL FROM refused; `recipient-rejected`: RCPT TO refused;
 * - `message-rejected`: the message itself refused (after DATA);
 * - `password-unreadable`: the stored password does not open with the configured keys
 *   (SSPR_SECRETS_KEY changed): enter it again;
 * - `not-found`: no such configuration; `other`: anything else (see `detail`).
 */
export type SmtpTestCode =
  | 'ok'
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'tls'
  | 'auth'
  | 'sender-rejected'
  | 'recipient-rejected'
  | 'message-rejected'
  | 'password-unreadable'
  | 'not-found'
  | 'other';

export interface SmtpTestResult {
  code: SmtpTestCode;
  /** The server's answer, when it gave one (such as `535 5.7.8 Authentication failed`). */
  response?: string;
  responseCode?: number;
  /** The technical cause, for the page's details: nodemailer's and Node's error codes. */
  detail?: string;
}

export interface SmtpTestDeps {
  db: Db;
  box: SecretBox;
  tlsOptions?: ConnectionOptions;
  timeouts?: SmtpTimeouts;
}

/**
 * Sends a test message through one configuration, from its sender address, over a connection
 * of its own (never the mail activities' cached transport), and says precisely what failed.
 */
export function sendTestMessage(
  deps: SmtpTestDeps,
  configId: number,
  to: string,
): Promise<SmtpTestResult> {
  return throughConfig(deps, configId, (transport, config) =>
    transport.sendMail({ from: config.senderAddress, to, ...testMessage(config.name) }),
  );
}

/**
 * The health check: connects, upgrades to TLS and authenticates as a message would, and
 * sends nothing. Codes as sendTestMessage's, short of those only a message can meet.
 */
export function checkSmtpConfig(deps: SmtpTestDeps, configId: number): Promise<SmtpTestResult> {
  return throughConfig(deps, configId, (transport) => transport.verify());
}

async function throughConfig(
  deps: SmtpTestDeps,
  configId: number,
  use: (transport: SmtpTransport, config: SmtpConfigForSending) => Promise<unknown>,
): Promise<SmtpTestResult> {
  let config: SmtpConfigForSending | undefined;
  try {
    config = await smtpConfigForSending(deps.db, deps.box, configId);
  } catch (error) {
    if (error instanceof SecretBoxError) {
      return { code: 'password-unreadable', detail: error.message };
    }
    throw error;
  }
  if (!config) return { code: 'not-found' };
  const transport = createSmtpTransport(config.settings, {
    ...(deps.tlsOptions && { tlsOptions: deps.tlsOptions }),
    timeouts: deps.timeouts ?? defaultSmtpTimeouts,
  });
  try {
    await use(transport, config);
    return { code: 'ok' };
  } catch (error) {
    return classifySmtpError(error);
  } finally {
    transport.close();
  }
}

/** In both languages at once: the admin's test address has no language of its own. */
function testMessage(name: string) {
  const texts = locales.map((locale) => mailTextsFor(locale).smtpTest);
  return {
    subject: `${texts.map((t) => t.subject).join(' / ')}: ${name}`,
    text: texts.map((t) => t.body(name)).join('\n\n'),
  };
}

/** Node's and OpenSSL's codes for a TLS failure: certificate checks and the handshake. */
const tlsCodes =
  /^ERR_(SSL|TLS)_|^EPROTO$|CERT|SELF_SIGNED|^UNABLE_TO_|^HOSTNAME_MISMATCH$|^INVALID_(CA|PURPOSE)$|^PATH_LENGTH_EXCEEDED$/;
/** Codes of a connection nobody accepts. */
const refusedCodes = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'ECONNRESET',
  'EPIPE',
]);
const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA']);
/** Replies that mean "authenticate first" or "these credentials are not good". */
const authReplies = new Set([530, 534, 535, 538]);

interface NodemailerError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
  library?: string;
}

/**
 * Reads nodemailer's error (lib smtp-connection): its `code` says which step failed (EDNS,
 * ESOCKET, ECONNECTION, ETIMEDOUT, ETLS, EAUTH, EENVELOPE with `command` MAIL FROM or RCPT TO,
 * EMESSAGE), `originalCode` the system's reason it replaced (ECONNREFUSED, a certificate
 * error), `response` and `responseCode` the server's answer.
 */
export function classifySmtpError(error: unknown): SmtpTestResult {
  const e = (error ?? {}) as NodemailerError;
  const reason = e.originalCode ?? e.code;
  const result = (code: SmtpTestCode): SmtpTestResult => ({
    code,
    ...(e.response && { response: e.response }),
    ...(e.responseCode && { responseCode: e.responseCode }),
    detail: [e.code, e.originalCode].filter(Boolean).join(' ') || (e.message ?? String(error)),
  });
  switch (e.code) {
    case 'EDNS':
      return result('dns');
    case 'ETIMEDOUT':
      return result('timeout');
    case 'ETLS':
    case 'EREQUIRETLS':
      return result('tls');
    case 'EAUTH':
    case 'ENOAUTH':
      return result('auth');
    case 'EENVELOPE':
      if (e.responseCode && authReplies.has(e.responseCode)) return result('auth');
      if (e.command === 'MAIL FROM') return result('sender-rejected');
      if (e.command === 'RCPT TO') return result('recipient-rejected');
      if (e.command === 'DATA') return result('message-rejected');
      // Refused before anything was sent (nodemailer's own checks of the addresses).
      if (/sender/i.test(e.message ?? '')) return result('sender-rejected');
      if (/recipient/i.test(e.message ?? '')) return result('recipient-rejected');
      return result('other');
    case 'EMESSAGE':
      return result('message-rejected');
    case 'ESOCKET':
    case 'ECONNECTION':
    case 'EPROTOCOL':
      if ((reason && tlsCodes.test(reason)) || e.library === 'SSL routines') return result('tls');
      if (reason && dnsCodes.has(reason)) return result('dns');
      if (reason === 'ETIMEDOUT') return result('timeout');
      if (reason && refusedCodes.has(reason)) return result('refused');
      // Closed before or instead of the greeting (421 too busy, a firewall's reset).
      if (e.code === 'ECONNECTION') return result('refused');
      if (e.code === 'EPROTOCOL' && e.command === 'CONN' && e.responseCode) {
        return result('refused');
      }
      return result('other');
    default:
      return result('other');
  }
}
