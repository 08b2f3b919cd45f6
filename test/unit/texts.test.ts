import { describe, expect, it } from 'vitest';
import { linkMessage } from '../../mail/link-message';
import { noticeMessage } from '../../mail/notice-messages';

describe('the e-mails', () => {
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

  it('a notice is written and dated in the reader’s language, with the words of its case', () => {
    const notice = {
      kind: 'password-reset',
      at: '2026-03-10T14:05:00Z',
      mode: 'temporary-key',
      by: 'admin',
      keyTo: 'alternate',
    } as const;
    const es = noticeMessage('es', undefined, 'Ana', notice);
    expect(es.subject).toBe('Su contraseña fue restablecida');
    expect(es.text).toContain(
      'se restableció el 10 de marzo de 2026 a las 14:05 (UTC) por un administrador',
    );
    expect(es.text).toContain('alternativa, a petición de un administrador');
    const en = noticeMessage('en', undefined, 'Ana', {
      ...notice,
      by: undefined,
      keyTo: undefined,
    });
    expect(en.subject).toBe('Your password was reset');
    expect(en.text).toContain(
      'was reset on 10 March 2026 at 14:05 (UTC) through password recovery',
    );
    expect(en.text).toContain('sent to your main address only');
  });

  it('a change of the questions is told in the reader’s language, for each change, with no link', () => {
    const says = {
      es: {
        enrolled: 'se configuraron',
        added: 'se agregaron',
        deleted: 'un administrador eliminó',
      },
      en: { enrolled: 'were set up', added: 'were added', deleted: 'an administrator deleted' },
    } as const;
    for (const locale of ['es', 'en'] as const) {
      for (const change of ['enrolled', 'added', 'deleted'] as const) {
        const mail = noticeMessage(locale, undefined, 'Ana', { kind: 'questions-changed', change });
        expect(mail.text).toContain(says[locale][change]);
        expect(mail.text).toContain('Ana');
        expect(mail.html).not.toContain('href=');
      }
    }
  });
});
