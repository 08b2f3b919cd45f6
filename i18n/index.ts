import type { Locale } from '../common/domain/locale';
import { en } from './en';
import { es } from './es';
import type { AdminTexts, Catalog, MailTexts, PageTexts } from './shape';

export type { MailTexts };

/** What the web's views read: the user pages' texts, with the admin console's under `admin`. */
export type Messages = PageTexts & { admin: AdminTexts };

const catalogs: Record<Locale, Catalog> = { es, en };

const messages = (catalog: Catalog): Messages => ({ ...catalog.pages, admin: catalog.admin });
const messagesByLocale: Record<Locale, Messages> = { es: messages(es), en: messages(en) };

export function messagesFor(locale: Locale): Messages {
  return messagesByLocale[locale];
}

export function mailTextsFor(locale: Locale): MailTexts {
  return catalogs[locale].mail;
}

/** The configured product name, or the catalog's in the reader's language. */
export function productNameFor(configured: string | undefined, locale: Locale): string {
  return configured ?? catalogs[locale].shared.productName;
}

/** "90 minutes" or "24 hours", as people say it, in the reader's language. */
export function duration(locale: Locale, minutes: number): string {
  const hours = minutes / 60;
  const words = catalogs[locale].shared;
  return minutes < 120 || !Number.isInteger(hours) ? words.minutes(minutes) : words.hours(hours);
}

export type Notice = keyof PageTexts['notices'];

export function isNotice(value: unknown): value is Notice {
  return typeof value === 'string' && Object.hasOwn(en.pages.notices, value);
}
