import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { listSmtpConfigs } from '../../db/smtp-configs';
import { closedPort, startTestSmtpServer, type TestSmtpServer } from '../support/smtp-test-server';
import { breakGlassAdmin, mailFrom } from '../support/stack';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import type { UserPage } from './support/user-page';

/** The admin console's SMTP configurations (R2), chosen by the sender's domain (R3), tested (R4). */
let bs: BrowserStack;
let relay: TestSmtpServer;
const relayUser = 'relay@empresa.test';
const relayPassword = `Relay-${randomBytes(6).toString('hex')}`;

useBrowserStack((started) => {
  bs = started;
});
beforeAll(async () => {
  // A server that wants a user and password (in plain text on loopback: the point is the answer).
  relay = await startTestSmtpServer({
    auth: { user: relayUser, password: relayPassword },
    insecureAuth: true,
  });
});
afterAll(async () => {
  await relay?.stop();
});

/** What one admin window does on the SMTP pages. */
function smtpPages(u: UserPage, language: Locale) {
  const t = adminTexts(language).smtp;
  const page = u.page;
  return {
    t,
    async open() {
      await page.goto('/admin/smtp');
      await u.heading(t.title);
    },
    /** Fills the configuration form; fields not given stay as they are. */
    async fill(
      fields: Partial<
        Record<'name' | 'host' | 'port' | 'username' | 'password' | 'senderAddress', string>
      > & { tlsMode?: string },
    ) {
      for (const [name, value] of Object.entries(fields)) {
        if (name === 'tlsMode') await page.locator('#tlsMode').selectOption(value);
        else await page.locator(`#${name}`).fill(value);
      }
    },
    async press(name: string) {
      await page.getByRole('button', { name, exact: true }).click();
    },
    async notice(text: string) {
      await page.locator('#main .notice', { hasText: text }).waitFor();
    },
    /** Sends the test message from a configuration's page; the result replaces the page. */
    async sendTest(to: string) {
      await page.locator('#testTo').fill(to);
      await page.getByRole('button', { name: t.sendTest }).click();
      await page.waitForURL((url) => url.searchParams.get('tested') === '1');
      await page.locator('#test-result[role]').waitFor();
      return u.text('#test-result');
    },
    /** The list's row of a configuration, by its name, cell by cell. */
    async row(name: string) {
      await this.open();
      const row = page.locator('table tbody tr', { hasText: name });
      return (await row.locator('td').allTextContents()).map((cell) => cell.trim());
    },
  };
}

/** The audit events of the SMTP pages, oldest first, with their details parsed. */
async function smtpAudit(event: string) {
  const rows = await bs.stack.db
    .selectFrom('audit_events')
    .select(['actor', 'outcome', 'details'])
    .where('event', '=', event)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    details: JSON.parse(r.details ?? '{}') as Record<string, unknown>,
  }));
}

describe('SMTP configurations (R2-R4)', () => {
  it('en: a configuration refused field by field, saved, then its test message: connection refused', async () => {
    const u = await signedInAdmin(bs, 'en');
    const s = smtpPages(u, 'en');
    const { t } = s;
    await s.open();
    // Nothing configured: the default sender, through the service's own settings.
    expect(await u.text('#mail-route')).toBe(`${t.senderDefault(mailFrom)} ${t.routeEnvironment}`);
    await u.page.getByRole('link', { name: t.add }).click();
    await u.heading(t.newTitle);

    await s.fill({
      name: ' ',
      host: 'bad host!',
      port: '70000',
      username: 'someone',
      password: 'typed-and-dropped',
      senderAddress: 'not-an-address',
    });
    await s.press(t.create);
    await u.page.locator('#name-error').waitFor();
    expect(await u.text('#name-error')).toBe(t.problems.required);
    expect(await u.text('#host-error')).toBe(t.problems['invalid-host']);
    expect(await u.text('#port-error')).toBe(t.problems['invalid-port']);
    expect(await u.text('#senderAddress-error')).toBe(t.problems['invalid-email']);
    // What was typed stays, but never the password: the page says to type it again.
    expect(await u.page.locator('#host').inputValue()).toBe('bad host!');
    expect(await u.page.locator('#port').inputValue()).toBe('70000');
    expect(await u.page.locator('#password').inputValue()).toBe('');
    expect(await u.text('#password-hint')).toContain(t.passwordNotKept);
    expect(await u.page.content()).not.toContain('typed-and-dropped');
    await u.tour('admin-en-smtp-errors');

    const port = await closedPort();
    await s.fill({
      name: 'Nobody listens',
      host: '127.0.0.1',
      port: String(port),
      tlsMode: 'none',
      username: '',
      senderAddress: 'soporte@empresa.test',
    });
    await s.press(t.create);
    await u.heading(t.editTitle('Nobody listens'));
    await s.notice(t.done.created);
    // A bad recipient is refused at its field, and nothing is sent.
    await u.page.locator('#testTo').fill('nobody');
    await u.page.getByRole('button', { name: t.sendTest }).click();
    await u.page.locator('#testTo-error').waitFor();
    expect(await u.page.locator('#testTo').inputValue()).toBe('nobody');

    const result = await s.sendTest('admin@empresa.test');
    expect(result).toContain(t.results.refused);
    expect(result).toContain(t.serverSaid('ESOCKET ECONNREFUSED'));
    await u.tour('admin-en-smtp-refused');
    const [name, server, tlsMode, user, sender, inUse, lastTest] = await s.row('Nobody listens');
    expect([name, server, tlsMode, user, sender, inUse]).toEqual([
      'Nobody listens',
      `127.0.0.1:${port}`,
      t.tlsModes.none,
      t.noUser,
      'soporte@empresa.test',
      t.notInUse,
    ]);
    expect(lastTest).toMatch(
      new RegExp(`^${t.short.refused}, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$`),
    );
    expect((await smtpAudit('smtp-test-message')).at(-1)).toMatchObject({
      actor: `admin:${breakGlassAdmin.user}`,
      outcome: 'refused',
      details: { name: 'Nobody listens', to: 'admin@empresa.test' },
    });
    expect(u.problems).toEqual([]);
  });

  it('es: wrong credentials fail the test; the password is never shown; the right one passes', async () => {
    const u = await signedInAdmin(bs, 'es');
    const s = smtpPages(u, 'es');
    const { t } = s;
    await s.open();
    await u.page.getByRole('link', { name: t.add }).click();
    await s.fill({
      name: 'Relay empresa',
      host: '127.0.0.1',
      port: String(relay.port),
      tlsMode: 'none',
      username: relayUser,
      password: 'not-the-password',
      senderAddress: 'soporte@empresa.test',
    });
    await s.press(t.create);
    await s.notice(t.done.created);
    const failed = await s.sendTest('admin@empresa.test');
    expect(failed).toContain(t.results.auth);
    expect(failed).toContain('535 5.7.8 Authentication credentials invalid');
    await u.tour('admin-es-smtp-auth');

    // The stored password is not on the page: the field is empty and says how to keep it.
    expect(await u.page.locator('#password').inputValue()).toBe('');
    expect(await u.text('#password-hint')).toContain(t.hints.passwordKeep);
    expect(await u.page.content()).not.toContain('not-the-password');
    // Typing one and ticking "remove" at once is refused.
    await s.fill({ password: relayPassword });
    await u.page.getByLabel(t.clearPassword).check();
    await s.press(t.save);
    await u.page.locator('#password-error').waitFor();
    expect(await u.text('#password-error')).toBe(t.problems.passwordAndClear);
    expect(await u.page.content()).not.toContain(relayPassword);

    await u.page.getByLabel(t.clearPassword).uncheck();
    await s.fill({ password: relayPassword });
    await s.press(t.save);
    await s.notice(t.done.changed);
    const passed = await s.sendTest('buzon@empresa.test');
    expect(passed).toContain(t.results.ok);
    expect(await relay.waitFor('buzon@empresa.test')).toMatchObject({
      mailFrom: 'soporte@empresa.test',
      user: relayUser,
      subject: 'Mensaje de prueba / Test message: Relay empresa',
    });

    // Neither password reached the audit, nor any page.
    const audit = JSON.stringify([
      ...(await smtpAudit('smtp-config-created')),
      ...(await smtpAudit('smtp-config-changed')),
      ...(await smtpAudit('smtp-test-message')),
    ]);
    expect(audit).not.toContain(relayPassword);
    expect(audit).not.toContain('not-the-password');
    expect((await smtpAudit('smtp-config-changed')).at(-1)?.details).toMatchObject({
      name: 'Relay empresa',
      hasPassword: true,
      changed: 'password',
    });
    expect(u.problems).toEqual([]);
  });

  it('en: the configuration of the sender’s domain sends the mail; a passing test reaches the inbox; deleted after a confirmation', async () => {
    const u = await signedInAdmin(bs, 'en');
    const s = smtpPages(u, 'en');
    const { t } = s;
    await s.open();
    await u.page.getByRole('link', { name: t.add }).click();
    // The mail catcher, as a configuration of the default sender's domain (example.org).
    await s.fill({
      name: 'Catcher',
      host: '127.0.0.1',
      port: String(inject('servers').smtpPort),
      tlsMode: 'none',
      username: '',
      senderAddress: 'avisos@example.org',
    });
    await s.press(t.create);
    await s.notice(t.done.created);
    expect(await u.text('#main')).toContain(t.inUseNow);
    const to = `smtp-test-${randomBytes(4).toString('hex')}@example.net`;
    const sentAt = new Date();
    expect(await s.sendTest(to)).toContain(t.results.ok);
    const message = await bs.stack.mail.waitFor(to, { after: sentAt });
    expect(message).toMatchObject({
      from: 'avisos@example.org',
      subject: 'Mensaje de prueba / Test message: Catcher',
    });
    await u.tour('admin-en-smtp-sent');

    await s.open();
    expect(await u.text('#mail-route')).toBe(
      `${t.senderDefault(mailFrom)} ${t.routeConfig('Catcher')}`,
    );
    expect((await s.row('Catcher'))[5]).toBe(t.inUse);
    await u.tour('admin-en-smtp');

    await u.page.getByRole('link', { name: 'Catcher' }).click();
    await u.page.getByRole('link', { name: t.delete }).click();
    await u.heading(t.confirmDeleteTitle('Catcher'));
    expect(await u.text('#main')).toContain(t.confirmDeleteInUse);
    await s.press(t.confirmDeleteButton);
    await s.notice(t.done.deleted);
    expect((await listSmtpConfigs(bs.stack.db)).map((c) => c.name)).not.toContain('Catcher');
    expect(await u.text('#mail-route')).toBe(`${t.senderDefault(mailFrom)} ${t.routeEnvironment}`);
    expect((await smtpAudit('smtp-config-deleted')).at(-1)).toMatchObject({
      outcome: 'ok',
      details: { name: 'Catcher', senderAddress: 'avisos@example.org' },
    });
    expect(u.problems).toEqual([]);
  });
});
