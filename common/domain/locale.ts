/** The languages of every page and e-mail. */
export type Locale = 'es' | 'en';

export const locales: readonly Locale[] = ['es', 'en'];

export function isLocale(value: unknown): value is Locale {
  return value === 'es' || value === 'en';
}
