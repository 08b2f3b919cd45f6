import type { TlsMode } from '../../db/schema';
import type { SmtpConfigChange, SmtpConfigInput } from '../../db/smtp-configs';

/** The SMTP form as typed, to show again; never the password. */
export type SmtpFields = Record<
  'name' | 'host' | 'port' | 'tlsMode' | 'username' | 'senderAddress',
  string
>;

export const emptySmtpFields: SmtpFields = {
  name: '',
  host: '',
  port: '587',
  tlsMode: 'starttls',
  username: '',
  senderAddress: '',
};

/**
 * Reads the SMTP form into what db/smtp-configs.ts checks and stores. A port that is not
 * a plain number becomes NaN, which the back end refuses as invalid-port, as it does 0.
 */
export function readSmtpForm(form: Record<string, unknown>): {
  fields: SmtpFields;
  change: SmtpConfigInput & SmtpConfigChange;
  /** A new password typed and "remove the password" ticked: the admin must pick one. */
  passwordConflict: boolean;
} {
  const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
  const fields: SmtpFields = {
    name: text('name'),
    host: text('host'),
    port: text('port').trim(),
    tlsMode: text('tlsMode'),
    username: text('username'),
    senderAddress: text('senderAddress'),
  };
  const password = text('password');
  const clearPassword = form.clearPassword === '1';
  return {
    fields,
    change: {
      name: fields.name,
      host: fields.host,
      port: /^\d{1,5}$/.test(fields.port) ? Number(fields.port) : Number.NaN,
      tlsMode: fields.tlsMode as TlsMode,
      username: fields.username,
      password,
      senderAddress: fields.senderAddress,
      clearPassword,
    },
    passwordConflict: clearPassword && password !== '',
  };
}

/** A stored configuration as the form shows it. */
export function smtpFieldsOf(config: {
  name: string;
  host: string;
  port: number;
  tlsMode: TlsMode;
  username: string | null;
  senderAddress: string;
}): SmtpFields {
  return {
    name: config.name,
    host: config.host,
    port: String(config.port),
    tlsMode: config.tlsMode,
    username: config.username ?? '',
    senderAddress: config.senderAddress,
  };
}
