import type { Locale } from './domain/locale';

const defaults: Record<Locale, string> = {
  es: 'Recuperación de contraseña',
  en: 'Password recovery',
};

/** The configured product name, or the default in the reader's language. */
export function productNameFor(configured: string | undefined, locale: Locale): string {
  return configured ?? defaults[locale];
}
