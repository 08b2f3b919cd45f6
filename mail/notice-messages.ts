import type { QuestionsChange } from '../common/domain/enrollment';
import type { Locale } from '../common/domain/locale';
import { duration, type MailTexts, mailTextsFor } from '../i18n';
import { type MailBody, renderMail } from './layout';

/** Every e-mail other than the recovery link itself; none carries a secret but the key mail. */
export type Notice =
  | { kind: 'verify-alternate'; url: string; validHours: number }
  | { kind: 'temporary-key'; key: string; validMinutes: number; by?: ResetBy }
  | {
      kind: 'password-reset';
      at: string;
      mode: 'temporary-key' | 'user-chooses';
      by?: ResetBy;
      /** The key went to the alternate address, at an admin's request. */
      keyTo?: 'alternate';
    }
  | { kind: 'recovery-locked'; minutes: number }
  | { kind: 'key-expired' }
  | { kind: 'reset-failed'; by?: ResetBy }
  /** The questions or the alternate address changed: both addresses hear of it, like a reset. */
  | { kind: 'questions-changed'; change: QuestionsChange };

/** An admin started the reset from the console, not the user's answers. */
export type ResetBy = 'admin';

export function noticeMessage(
  locale: Locale,
  productName: string | undefined,
  displayName: string,
  notice: Notice,
) {
  const texts = mailTextsFor(locale);
  const body = bodyOf(texts, locale, displayName, notice);
  return renderMail(locale, productName, { ...body, footer: texts.notices.footer });
}

/** Which of the notice's texts it says, in which order: the same in every language. */
function bodyOf(
  texts: MailTexts,
  locale: Locale,
  name: string,
  notice: Notice,
): Omit<MailBody, 'footer'> {
  const { notices } = texts;
  switch (notice.kind) {
    case 'verify-alternate': {
      const t = notices['verify-alternate'];
      return {
        subject: t.subject,
        paragraphs: [t.registered(name), t.confirm(notice.validHours)],
        action: { label: t.action, url: notice.url },
      };
    }
    case 'temporary-key': {
      const t = notices['temporary-key'];
      return {
        subject: t.subject,
        paragraphs: [
          t.reset(name, notice.by === 'admin'),
          t.key(notice.key),
          t.use(duration(locale, notice.validMinutes)),
        ],
      };
    }
    case 'password-reset': {
      const t = notices['password-reset'];
      const when = new Intl.DateTimeFormat(texts.dateLocale, {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'UTC',
      }).format(new Date(notice.at));
      return {
        subject: t.subject,
        paragraphs: [
          t.reset(name, when, notice.by === 'admin'),
          notice.mode === 'user-chooses' ? t.chosen : t.keySent(notice.keyTo === 'alternate'),
          t.notYou,
        ],
      };
    }
    case 'recovery-locked': {
      const t = notices['recovery-locked'];
      return {
        subject: t.subject,
        paragraphs: [t.locked(name), t.tryAgain(notice.minutes), t.notYou],
      };
    }
    case 'key-expired': {
      const t = notices['key-expired'];
      return { subject: t.subject, paragraphs: [t.expired(name), t.startAgain] };
    }
    case 'reset-failed': {
      const t = notices['reset-failed'];
      return {
        subject: t.subject,
        paragraphs: [t.refused(name, notice.by === 'admin'), t.helpDesk],
      };
    }
    case 'questions-changed': {
      const t = notices['questions-changed'];
      return { subject: t.subject, paragraphs: [t.changed(name, notice.change), t.notYou] };
    }
  }
}
