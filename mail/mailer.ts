import type { ConnectionOptions } from 'node:tls';
import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../db/smtp-configs';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>;
}

export type SmtpTransport = ReturnType<typeof createSmtpTransport>;

/** How long each step of talking to an SMTP server may take. */
export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const defaultSmtpTimeouts: SmtpTimeouts = {
  connectionMs: 10_000,
  greetingMs: 10_000,
  socketMs: 20_000,
};

/**
 * A nodemailer transport for one SMTP server: `tls` is TLS from the first byte (port 465),
 * `starttls` requires the upgrade (never falls back to plain text), `none` never tries it.
 * `tlsOptions` adds to Node's TLS defaults (a test's own CA); certificates are always checked.
 */
export function createSmtpTransport(
  smtp: SmtpSettings,
  options: { tlsOptions?: ConnectionOptions; timeouts?: SmtpTimeouts } = {},
) {
  const timeouts = options.timeouts ?? defaultSmtpTimeouts;
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(options.tlsOptions && { tls: options.tlsOptions }),
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
}

/** Sends one message; a 5xx answer is final, anything else is retried by Temporal. */
export async function sendOrFail(
  transport: SmtpTransport,
  from: string,
  message: OutgoingMessage,
): Promise<void> {
  try {
    await transport.sendMail({ from, ...message });
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    if (code !== undefined && code >= 500) {
      throw ApplicationFailure.nonRetryable(
        `The mail server refused the message (SMTP ${code})`,
        'MailRejected',
      );
    }
    throw error;
  }
}

/** Sends through one fixed SMTP server (the environment's SSPR_SMTP_* settings). */
export function createSmtpMailer(smtp: SmtpSettings, from: string): Mailer {
  const transport = createSmtpTransport(smtp);
  return { send: (message) => sendOrFail(transport, from, message) };
}
