import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../mail/smtp-configs';

/** An error shaped as nodemailer's smtp-connection formats it (_formatError). */
const nodemailerError = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'failed')), fields);

describe('SMTP errors read for the test message (cases the real-server tests cannot make)', () => {
  it.each<[Record<string, unknown>, string]>([
    // Unreachable networks and hosts: loopback cannot produce them, the classification can.
    [{ code: 'ESOCKET', originalCode: 'EHOSTUNREACH' }, 'refused'],
    [{ code: 'ESOCKET', originalCode: 'ENETUNREACH' }, 'refused'],
    [{ code: 'ESOCKET', originalCode: 'ECONNRESET' }, 'refused'],
    // The server closed the connection before or instead of its greeting.
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'refused'],
    [{ code: 'EPROTOCOL', command: 'CONN', response: '421 Too busy' }, 'refused'],
    // An operating system's connect timeout, not nodemailer's own.
    [{ code: 'ESOCKET', originalCode: 'ETIMEDOUT' }, 'timeout'],
    [{ code: 'ETIMEDOUT', timeoutType: 'SOCKET_TIMEOUT' }, 'timeout'],
    [{ code: 'EDNS', originalCode: 'ETIMEOUT' }, 'dns'],
    [{ code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }, 'tls'],
    [{ code: 'ESOCKET', originalCode: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }, 'tls'],
    [{ code: 'ESOCKET', originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls'],
    [{ code: 'ESOCKET', library: 'SSL routines', originalCode: 'ERR_SSL_X' }, 'tls'],
    [{ code: 'ETLS', message: 'Connection closed unexpectedly' }, 'tls'],
    [{ code: 'ENOAUTH' }, 'auth'],
    [
      { code: 'EENVELOPE', command: 'MAIL FROM', response: '530 5.7.0 Authentication required' },
      'auth',
    ],
    [
      { code: 'EENVELOPE', command: 'RCPT TO', response: '554 5.7.1 Relay access denied' },
      'recipient-rejected',
    ],
    [{ code: 'EENVELOPE', command: 'API', message: 'Invalid sender "x"' }, 'sender-rejected'],
    [{ code: 'EENVELOPE', command: 'API', message: 'No recipients defined' }, 'recipient-rejected'],
    [{ code: 'EMESSAGE', command: 'DATA', response: '552 Too big' }, 'message-rejected'],
    [{ code: 'EPROTOCOL', command: 'EHLO', message: 'Invalid greeting' }, 'other'],
    [{}, 'other'],
  ])('%o → %s', (fields, code) => {
    const response = typeof fields.response === 'string' ? fields.response : undefined;
    const error = nodemailerError({
      ...fields,
      ...(response && { responseCode: Number(response.slice(0, 3)) }),
    });
    expect(classifySmtpError(error).code).toBe(code);
  });

  it('keeps the server answer and the codes for the page, never more', () => {
    expect(
      classifySmtpError(
        nodemailerError({
          code: 'EAUTH',
          response: '535 5.7.8 Authentication credentials invalid',
          responseCode: 535,
          command: 'AUTH PLAIN',
        }),
      ),
    ).toEqual({
      code: 'auth',
      response: '535 5.7.8 Authentication credentials invalid',
      responseCode: 535,
      detail: 'EAUTH',
    });
    expect(classifySmtpError(new Error('something odd'))).toEqual({
      code: 'other',
      detail: 'something odd',
    });
  });
});
