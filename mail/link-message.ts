import type { LinkPurpose } from '../common/domain/links';
import type { Locale } from '../common/domain/locale';
import { renderMail } from './layout';

export interface LinkMessageInput {
  locale: Locale;
  productName?: string | undefined;
  displayName: string;
  purpose: LinkPurpose;
  url: string;
  validMinutes: number;
}

/** The e-mail with the one-time link (R10): what happens next, how long the link lives. */
export function linkMessage(input: LinkMessageInput) {
  const { displayName: name, validMinutes: minutes, url } = input;
  const texts = {
    es: {
      enroll: {
        subject: 'Configure su recuperación de contraseña',
        intro: `Hola, ${name}: alguien (seguramente usted) pidió recuperar la contraseña de su cuenta.`,
        step: 'Antes de restablecerla, registre una dirección de correo alternativa y responda las preguntas de seguridad que elija. Solo se hace una vez.',
        label: 'Configurar mis preguntas',
      },
      answer: {
        subject: 'Continúe con la recuperación de su contraseña',
        intro: `Hola, ${name}: alguien (seguramente usted) pidió recuperar la contraseña de su cuenta.`,
        step: 'Abra el enlace y responda sus preguntas de seguridad para restablecer la contraseña.',
        label: 'Responder mis preguntas',
      },
      validity: `El enlace sirve una sola vez y caduca en ${minutes} minutos.`,
      footer:
        'Si usted no lo pidió, ignore este mensaje: su contraseña no cambia. Nunca le pediremos su contraseña por correo.',
    },
    en: {
      enroll: {
        subject: 'Set up your password recovery',
        intro: `Hello ${name}, someone (most likely you) asked to recover the password of your account.`,
        step: 'Before it can be reset, register an alternate e-mail address and answer the security questions you choose. You do this only once.',
        label: 'Set up my questions',
      },
      answer: {
        subject: 'Continue recovering your password',
        intro: `Hello ${name}, someone (most likely you) asked to recover the password of your account.`,
        step: 'Open the link and answer your security questions to reset your password.',
        label: 'Answer my questions',
      },
      validity: `The link works once and expires in ${minutes} minutes.`,
      footer:
        'If you did not ask for this, ignore this message: your password does not change. We will never ask for your password by e-mail.',
    },
  }[input.locale];
  const purpose = texts[input.purpose];
  return renderMail(input.locale, input.productName, {
    subject: purpose.subject,
    paragraphs: [purpose.intro, purpose.step, texts.validity],
    action: { label: purpose.label, url },
    footer: texts.footer,
  });
}
