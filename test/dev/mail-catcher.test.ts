import { createTransport, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MailCatcher, startMailCatcher } from '../../dev/mail-catcher';
import { mailClient } from '../../dev/mail-client';

describe('mail catcher', () => {
  let catcher: MailCatcher;
  let smtp: Transporter;
  let inbox: ReturnType<typeof mailClient>;

  beforeAll(async () => {
    catcher = await startMailCatcher();
    smtp = createTransport({ host: '127.0.0.1', port: catcher.smtpPort, secure: false });
    inbox = mailClient(catcher.inboxUrl);
  });
  beforeEach(() => inbox.clear());
  afterAll(async () => {
    smtp.close();
    await catcher.stop();
    await catcher.stop();
  });

  it('catches a message sent over SMTP and gives it back through the HTTP API', async () => {
    const before = new Date();
    await smtp.sendMail({
      from: '"Recuperación" <no-reply@example.org>',
      to: 'Ana.Garcia@Example.org',
      bcc: 'audit@example.org',
      subject: 'Restablecer contraseña / Reset password',
      text: 'Abra https://sspr.example.org/r/abc?x=1 para continuar.',
      html: '<p>Abra el <a href="https://sspr.example.org/r/abc">enlace</a></p>',
    });

    const message = await inbox.waitFor('ana.garcia@example.org', {
      subjectIncludes: 'Reset password',
      after: before,
    });
    expect(message).toMatchObject({
      from: '"Recuperación" <no-reply@example.org>',
      to: ['Ana.Garcia@example.org', 'audit@example.org'],
      subject: 'Restablecer contraseña / Reset password',
      text: 'Abra https://sspr.example.org/r/abc?x=1 para continuar.',
      html: '<p>Abra el <a href="https://sspr.example.org/r/abc">enlace</a></p>',
    });
    expect(await inbox.list('AUDIT@example.org')).toEqual([message]);
    expect(await inbox.list('someone.else@example.org')).toEqual([]);

    const byId = await fetch(new URL(`api/messages/${message.id}`, catcher.inboxUrl));
    expect(await byId.json()).toEqual(message);
  });

  it('lists messages newest first and clears them', async () => {
    for (const subject of ['first', 'second']) {
      await smtp.sendMail({ from: 'a@example.org', to: 'b@example.org', subject, text: subject });
    }
    expect((await inbox.list()).map((m) => m.subject)).toEqual(['second', 'first']);
    await inbox.clear();
    expect(await inbox.list()).toEqual([]);
  });

  it('shows mail to people without letting its HTML run', async () => {
    await smtp.sendMail({
      from: 'a@example.org',
      to: 'people@example.org',
      subject: 'Look <b>here</b>',
      text: 'Go to https://sspr.example.org/r/xyz now',
      html: '<p onclick="x()">Hi "you"</p><script>alert(1)</script>',
    });
    const message = await inbox.waitFor('people@example.org');

    const list = await (await fetch(catcher.inboxUrl)).text();
    expect(list).toContain(`href="/messages/${message.id}"`);
    expect(list).toContain('Look &lt;b&gt;here&lt;/b&gt;');

    const response = await fetch(new URL(`messages/${message.id}`, catcher.inboxUrl));
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain(
      '<iframe sandbox srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi &quot;you&quot;&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
    );
    expect(page).not.toContain('<script');
    expect(page).toContain(
      '<a href="https://sspr.example.org/r/xyz">https://sspr.example.org/r/xyz</a> now',
    );

    expect((await fetch(new URL('messages/nope', catcher.inboxUrl))).status).toBe(404);
    expect((await fetch(new URL('api/messages/nope', catcher.inboxUrl))).status).toBe(404);
  });

  it('refuses a message over 10 MB', async () => {
    const huge = 'x'.repeat(11 * 1024 * 1024);
    await expect(
      smtp.sendMail({ from: 'a@example.org', to: 'big@example.org', subject: 'big', text: huge }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await inbox.list('big@example.org')).toEqual([]);
  });

  it('says what did arrive when the expected message does not', async () => {
    await smtp.sendMail({ from: 'a@example.org', to: 'c@example.org', subject: 'Hello', text: '' });
    await expect(
      inbox.waitFor('c@example.org', { subjectIncludes: 'Goodbye', timeoutMs: 300 }),
    ).rejects.toThrow(/No mail for c@example.org with a subject including "Goodbye"[\s\S]*"Hello"/);
  });
});
