import type { Locale } from './domain/locale';

/** "90 minutes" or "24 hours", as people say it, in the user's language. */
export function duration(locale: Locale, minutes: number): string {
  const hours = minutes / 60;
  const [value, unit] =
    minutes < 120 || !Number.isInteger(hours)
      ? [minutes, locale === 'es' ? 'minutos' : 'minutes']
      : [hours, locale === 'es' ? 'horas' : 'hours'];
  return `${value} ${unit}`;
}
