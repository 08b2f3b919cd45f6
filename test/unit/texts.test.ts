import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import { linkMessage } from '../../mail/link-message';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('bilingual texts', () => {
  it('Spanish and English pages have the same messages', () => {
    expect(keys(es).sort()).toEqual(keys(en).sort());
  });

  it('the link e-mail (R10) exists in both languages and for both purposes, as HTML and text', () => {
    for (const locale of ['es', 'en'] as const) {
      for (const purpose of ['enroll', 'answer'] as const) {
        const mail = linkMessage({
          locale,
          purpose,
          productName: 'Acme',
          displayName: 'Ana García',
          url: 'https://sspr.example/link/abc',
          validMinutes: 15,
        });
        expect(mail.subject.length).toBeGreaterThan(10);
        expect(mail.text).toContain('https://sspr.example/link/abc');
        expect(mail.text).toContain('15');
        expect(mail.html).toContain('href="https://sspr.example/link/abc"');
        expect(mail.html).toContain(`lang="${locale}"`);
      }
    }
  });

  it('escapes what comes from the directory in the HTML e-mail', () => {
    const mail = linkMessage({
      locale: 'en',
      purpose: 'enroll',
      productName: 'Acme',
      displayName: '<img src=x onerror=alert(1)>',
      url: 'https://sspr.example/link/abc',
      validMinutes: 15,
    });
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img');
  });

  it('without a configured product name, e-mails carry the default one in their language', () => {
    const input = {
      purpose: 'enroll',
      displayName: 'Ana',
      url: 'https://sspr.example/link/abc',
      validMinutes: 15,
    } as const;
    expect(linkMessage({ ...input, locale: 'es' }).html).toContain('Recuperación de contraseña');
    expect(linkMessage({ ...input, locale: 'en' }).html).toContain('Password recovery');
  });
});
