import { ApplicationFailure } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import type { Config } from '../../common/config';

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>;
}

/** Sends through the configured SMTP server; a 5xx answer is final, anything else is retried. */
export function createSmtpMailer(smtp: Config['smtp'], from: string): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'tls',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
  });
  return {
    async send(message) {
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
    },
  };
}
