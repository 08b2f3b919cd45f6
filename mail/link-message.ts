import type { LinkPurpose } from '../common/domain/links';
import type { Locale } from '../common/domain/locale';
import { mailTextsFor } from '../i18n';
import { renderMail } from './layout';

export interface LinkMessageInput {
  locale: Locale;
  productName?: string | undefined;
  displayName: string;
  purpose: LinkPurpose;
  url: string;
  validMinutes: number;
}

/** The e-mail with the one-time link: what happens next, how long the link lives. */
export function linkMessage(input: LinkMessageInput) {
  const texts = mailTextsFor(input.locale).link;
  const purpose = texts[input.purpose];
  return renderMail(input.locale, input.productName, {
    subject: purpose.subject,
    paragraphs: [texts.intro(input.displayName), purpose.step, texts.validity(input.validMinutes)],
    action: { label: purpose.action, url: input.url },
    footer: texts.footer,
  });
}
