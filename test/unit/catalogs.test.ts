import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';

/** Every part of a catalog, as English has them: shared words, pages, console, e-mails. */
const audiences = Object.keys(en) as Array<keyof typeof en>;

/** Every text by its path; a function text is named with its arity, e.g. `start.sent/1`. */
function shape(value: unknown, path = ''): string[] {
  if (typeof value === 'function') return [`${path}/${value.length}`];
  if (typeof value !== 'object' || value === null) return [path];
  return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k));
}

/**
 * What a reader may see of a text: the string itself, or what a function text says for each of
 * a few sample arguments (numbers on both sides of 1, a name, both booleans), every argument
 * the same sample at a time.
 */
const samples = [1, 2, 'Ana', true, false];
function said(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    return samples.flatMap((sample) =>
      said((value as (...args: unknown[]) => unknown)(...Array(value.length).fill(sample)), path),
    );
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => said(v, path ? `${path}.${k}` : k));
}

/** Requirement ids (R1, S4), review codes (M1, L9) and issue numbers (#12) mean nothing to readers. */
const codes = /\b[A-Z]\d{1,2}\b|#\d+/;

describe('the text catalogs', () => {
  it.each(audiences)(
    '%s: Spanish has exactly the texts of English, functions with the same arity',
    (audience) => {
      expect(shape(es[audience]).sort()).toEqual(shape(en[audience]).sort());
    },
  );

  it.each(audiences)(
    '%s: no text shows a requirement id, review code or issue number',
    (audience) => {
      for (const catalog of [en, es]) {
        const texts = said(catalog[audience]);
        expect(texts.length).toBeGreaterThan(0);
        expect(texts.filter(([, text]) => codes.test(text))).toEqual([]);
      }
    },
  );

  it('the check for codes finds them', () => {
    for (const text of ['See (R1).', 'as S4 asks', 'per M1', 'fixes #12', 'R22']) {
      expect(codes.test(text)).toBe(true);
    }
    for (const text of ['TLS on port 465', 'SSPR_SMTP_HOST', 'es-ES', 'YYYY-MM-DD', 'en-GB']) {
      expect(codes.test(text)).toBe(false);
    }
  });
});
