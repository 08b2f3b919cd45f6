import type { Locale } from '../common/domain/locale';
import { en } from './en';
import { es } from './es';

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

/** English is the reference text; Spanish must have exactly the same keys (the compiler checks). */
export type Messages = Widen<typeof en>;

const messages: Record<Locale, Messages> = { es, en };

export function messagesFor(locale: Locale): Messages {
  return messages[locale];
}

export type Notice = keyof Messages['notices'];

export function isNotice(value: unknown): value is Notice {
  return typeof value === 'string' && Object.hasOwn(en.notices, value);
}
