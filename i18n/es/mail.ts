import type { QuestionsChange } from '../../common/domain/enrollment';
import type { MailTexts } from '../shape';

/** The e-mails' texts in Spanish. */
export const mail: MailTexts = {
  dateLocale: 'es-ES',
  link: {
    intro: (name: string) =>
      `Hola, ${name}: alguien (seguramente usted) pidió recuperar la contraseña de su cuenta.`,
    enroll: {
      subject: 'Configure su recuperación de contraseña',
      step: 'Antes de restablecerla, registre una dirección de correo alternativa y responda las preguntas de seguridad que elija. Solo se hace una vez.',
      action: 'Configurar mis preguntas',
    },
    answer: {
      subject: 'Continúe con la recuperación de su contraseña',
      step: 'Abra el enlace y responda sus preguntas de seguridad para restablecer la contraseña.',
      action: 'Responder mis preguntas',
    },
    validity: (minutes: number) => `El enlace sirve una sola vez y caduca en ${minutes} minutos.`,
    footer:
      'Si usted no lo pidió, ignore este mensaje: su contraseña no cambia. Nunca le pediremos su contraseña por correo.',
  },
  notices: {
    'verify-alternate': {
      subject: 'Confirme su dirección de correo alternativa',
      registered: (name: string) =>
        `Hola, ${name}: registró esta dirección como correo alternativo para recuperar su contraseña.`,
      confirm: (hours: number) =>
        `Confírmela con el enlace; sirve una vez y caduca en ${hours} horas.`,
      action: 'Confirmar esta dirección',
    },
    'temporary-key': {
      subject: 'Su contraseña temporal',
      reset: (name: string, byAdmin: boolean) =>
        byAdmin
          ? `Hola, ${name}: un administrador restableció su contraseña.`
          : `Hola, ${name}: respondió correctamente sus preguntas y su contraseña fue restablecida.`,
      key: (key: string) => `Su contraseña temporal es: ${key}`,
      use: (validity: string) =>
        `Úsela para iniciar sesión: el sistema le pedirá elegir una contraseña nueva en ese momento. Si no la usa en ${validity}, dejará de funcionar.`,
    },
    'password-reset': {
      subject: 'Su contraseña fue restablecida',
      reset: (name: string, when: string, byAdmin: boolean) =>
        `Hola, ${name}: la contraseña de su cuenta se restableció el ${when} (UTC) ${byAdmin ? 'por un administrador' : 'mediante la recuperación de contraseña'}.`,
      chosen: 'La contraseña nueva la eligió usted en la página de recuperación.',
      keySent: (toAlternate: boolean) =>
        `La contraseña temporal se envió solo a su dirección ${toAlternate ? 'alternativa, a petición de un administrador' : 'principal'}.`,
      notYou: 'Si no fue usted, avise de inmediato a la mesa de ayuda.',
    },
    'recovery-locked': {
      subject: 'Recuperación de contraseña bloqueada',
      locked: (name: string) =>
        `Hola, ${name}: se respondieron mal sus preguntas de seguridad demasiadas veces, así que la recuperación se detuvo.`,
      tryAgain: (minutes: number) =>
        `Podrá volver a intentarlo dentro de ${minutes} minutos. Su contraseña no cambió.`,
      notYou: 'Si no fue usted, avise a la mesa de ayuda.',
    },
    'key-expired': {
      subject: 'Su contraseña temporal caducó',
      expired: (name: string) =>
        `Hola, ${name}: no se usó a tiempo la contraseña temporal que le enviamos, así que ya no funciona.`,
      startAgain: 'Si aún necesita entrar, vuelva a empezar la recuperación de contraseña.',
    },
    'reset-failed': {
      subject: 'No pudimos restablecer su contraseña',
      refused: (name: string, byAdmin: boolean) =>
        `Hola, ${name}: ${byAdmin ? 'un administrador pidió restablecer su contraseña' : 'respondió bien sus preguntas'}, pero el directorio no aceptó la contraseña nueva, así que su contraseña no cambió.`,
      helpDesk: 'Avise a la mesa de ayuda: el registro de auditoría les dice qué ocurrió.',
    },
    'questions-changed': {
      subject: 'Cambió la configuración de recuperación de su contraseña',
      changed: (name: string, change: QuestionsChange) =>
        `Hola, ${name}: ${
          {
            enrolled:
              'se configuraron preguntas de seguridad y un correo alternativo para recuperar la contraseña de su cuenta',
            added:
              'se agregaron preguntas de seguridad a la recuperación de contraseña de su cuenta, tras responder bien las que tenía',
            deleted:
              'un administrador eliminó las preguntas de seguridad y el correo alternativo de su cuenta: la próxima recuperación de contraseña los configura de nuevo',
          }[change]
        }.`,
      notYou: 'Si no fue usted, avise de inmediato a la mesa de ayuda.',
    },
    footer: 'Nunca le pediremos su contraseña por correo. Este mensaje se envió automáticamente.',
  },
  /** An admin's test of an SMTP configuration; it goes out in every language at once. */
  smtpTest: {
    subject: 'Mensaje de prueba',
    body: (name: string) =>
      `Mensaje de prueba de la configuración SMTP «${name}»: el correo de recuperación de contraseñas sale por ella.`,
  },
};
