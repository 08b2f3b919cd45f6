import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';

const audiences = ['pages', 'admin', 'mail'] as const;

/** Every text by its path; a function text is named with its arity, e.g. `start.sent/1`. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}/${value.length}`];
  if (typeof value !== 'object' || value === null) return [path];
  return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
}

describe('the text catalogs', () => {
  it.each(audiences)(
    '%s: Spanish has exactly the texts of English, functions with the same arity',
    (audience) => {
      expect(shape(es[audience]).sort()).toEqual(shape(en[audience]).sort());
    },
  );
});
