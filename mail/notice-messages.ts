import type { Locale } from '../common/domain/locale';
import { duration } from '../common/duration';
import { renderMail } from './layout';

/** Every e-mail other than the recovery link itself; none carries a secret but the key mail. */
export type Notice =
  | { kind: 'verify-alternate'; url: string; validHours: number }
  | { kind: 'temporary-key'; key: string; validMinutes: number; by?: ResetBy }
  | {
      kind: 'password-reset';
      at: string;
      mode: 'temporary-key' | 'user-chooses';
      by?: ResetBy;
      /** R15: the key went to the alternate address, at an admin's request. */
      keyTo?: 'alternate';
    }
  | { kind: 'recovery-locked'; minutes: number }
  | { kind: 'key-expired' }
  | { kind: 'reset-failed'; by?: ResetBy };

/** An admin started the reset from the console (R5), not the user's answers. */
export type ResetBy = 'admin';

export function noticeMessage(
  locale: Locale,
  productName: string | undefined,
  displayName: string,
  notice: Notice,
) {
  const t = texts[locale];
  const body = t[notice.kind](displayName, notice as never);
  return renderMail(locale, productName, { ...body, footer: t.footer });
}

type Body = { subject: string; paragraphs: string[]; action?: { label: string; url: string } };
type Texts = {
  [K in Notice['kind']]: (name: string, notice: Extract<Notice, { kind: K }>) => Body;
} & { footer: string };

const when = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(locale === 'es' ? 'es-ES' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(iso));

const texts: Record<Locale, Texts> = {
  es: {
    'verify-alternate': (name, n) => ({
      subject: 'Confirme su dirección de correo alternativa',
      paragraphs: [
        `Hola, ${name}: registró esta dirección como correo alternativo para recuperar su contraseña.`,
        `Confírmela con el enlace; sirve una vez y caduca en ${n.validHours} horas.`,
      ],
      action: { label: 'Confirmar esta dirección', url: n.url },
    }),
    'temporary-key': (name, n) => ({
      subject: 'Su contraseña temporal',
      paragraphs: [
        n.by === 'admin'
          ? `Hola, ${name}: un administrador restableció su contraseña.`
          : `Hola, ${name}: respondió correctamente sus preguntas y su contraseña fue restablecida.`,
        `Su contraseña temporal es: ${n.key}`,
        `Úsela para iniciar sesión: el sistema le pedirá elegir una contraseña nueva en ese momento. Si no la usa en ${duration('es', n.validMinutes)}, dejará de funcionar.`,
      ],
    }),
    'password-reset': (name, n) => ({
      subject: 'Su contraseña fue restablecida',
      paragraphs: [
        `Hola, ${name}: la contraseña de su cuenta se restableció el ${when('es', n.at)} (UTC) ${n.by === 'admin' ? 'por un administrador' : 'mediante la recuperación de contraseña'}.`,
        n.mode === 'user-chooses'
          ? 'La contraseña nueva la eligió usted en la página de recuperación.'
          : `La contraseña temporal se envió solo a su dirección ${n.keyTo === 'alternate' ? 'alternativa, a petición de un administrador' : 'principal'}.`,
        'Si no fue usted, avise de inmediato a la mesa de ayuda.',
      ],
    }),
    'recovery-locked': (name, n) => ({
      subject: 'Recuperación de contraseña bloqueada',
      paragraphs: [
        `Hola, ${name}: se respondieron mal sus preguntas de seguridad demasiadas veces, así que la recuperación se detuvo.`,
        `Podrá volver a intentarlo dentro de ${n.minutes} minutos. Su contraseña no cambió.`,
        'Si no fue usted, avise a la mesa de ayuda.',
      ],
    }),
    'key-expired': (name) => ({
      subject: 'Su contraseña temporal caducó',
      paragraphs: [
        `Hola, ${name}: no se usó a tiempo la contraseña temporal que le enviamos, así que ya no funciona.`,
        'Si aún necesita entrar, vuelva a empezar la recuperación de contraseña.',
      ],
    }),
    'reset-failed': (name, n) => ({
      subject: 'No pudimos restablecer su contraseña',
      paragraphs: [
        `Hola, ${name}: ${n.by === 'admin' ? 'un administrador pidió restablecer su contraseña' : 'respondió bien sus preguntas'}, pero el directorio no aceptó la contraseña nueva, así que su contraseña no cambió.`,
        'Avise a la mesa de ayuda: el registro de auditoría les dice qué ocurrió.',
      ],
    }),
    footer: 'Nunca le pediremos su contraseña por correo. Este mensaje se envió automáticamente.',
  },
  en: {
    'verify-alternate': (name, n) => ({
      subject: 'Confirm your alternate e-mail address',
      paragraphs: [
        `Hello ${name}, you registered this address as your alternate e-mail for password recovery.`,
        `Confirm it with the link; it works once and expires in ${n.validHours} hours.`,
      ],
      action: { label: 'Confirm this address', url: n.url },
    }),
    'temporary-key': (name, n) => ({
      subject: 'Your temporary password',
      paragraphs: [
        n.by === 'admin'
          ? `Hello ${name}, an administrator reset your password.`
          : `Hello ${name}, you answered your questions correctly and your password was reset.`,
        `Your temporary password is: ${n.key}`,
        `Use it to sign in: you will be asked to choose a new password then. If you do not use it within ${duration('en', n.validMinutes)}, it stops working.`,
      ],
    }),
    'password-reset': (name, n) => ({
      subject: 'Your password was reset',
      paragraphs: [
        `Hello ${name}, the password of your account was reset on ${when('en', n.at)} (UTC) ${n.by === 'admin' ? 'by an administrator' : 'through password recovery'}.`,
        n.mode === 'user-chooses'
          ? 'You chose the new password on the recovery page.'
          : `The temporary password was sent to your ${n.keyTo === 'alternate' ? 'alternate address only, at an administrator’s request' : 'main address only'}.`,
        'If this was not you, tell the help desk at once.',
      ],
    }),
    'recovery-locked': (name, n) => ({
      subject: 'Password recovery locked',
      paragraphs: [
        `Hello ${name}, your security questions were answered wrongly too many times, so the recovery was stopped.`,
        `You can try again in ${n.minutes} minutes. Your password has not changed.`,
        'If this was not you, tell the help desk.',
      ],
    }),
    'key-expired': (name) => ({
      subject: 'Your temporary password expired',
      paragraphs: [
        `Hello ${name}, the temporary password we sent you was not used in time, so it no longer works.`,
        'If you still need to sign in, start the password recovery again.',
      ],
    }),
    'reset-failed': (name, n) => ({
      subject: 'We could not reset your password',
      paragraphs: [
        `Hello ${name}, ${n.by === 'admin' ? 'an administrator asked to reset your password' : 'you answered your questions right'}, but the directory did not accept the new password, so your password has not changed.`,
        'Please tell the help desk: the audit log tells them what happened.',
      ],
    }),
    footer: 'We will never ask for your password by e-mail. This message was sent automatically.',
  },
};
