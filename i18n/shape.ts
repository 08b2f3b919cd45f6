import type { admin } from './en/admin';
import type { mail } from './en/mail';
import type { pages } from './en/pages';
import type { shared } from './en/shared';

/** A text's shape without its English words: any string where English has a given one. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

/*
 * English is the reference: every other language's catalog is typed against these, so the
 * compiler checks it has the same keys. Only English is imported here, which keeps the other
 * languages free to import this module.
 */
export type SharedTexts = Widen<typeof shared>;
export type PageTexts = Widen<typeof pages>;
export type AdminTexts = Widen<typeof admin>;
export type MailTexts = Widen<typeof mail>;

/** One language's texts, by audience: the user pages, the admin console, the e-mails. */
export interface Catalog {
  shared: SharedTexts;
  pages: PageTexts;
  admin: AdminTexts;
  mail: MailTexts;
}
