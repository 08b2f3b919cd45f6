import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Options } from '../../common/argon2';
import { currentPolicy } from '../../db/policy';
import { browser } from '../../dev/form-browser';
import { createApp } from '../../web/app';
import { type Stack, startStack } from '../support/stack';

let stack: Stack;
let app: ReturnType<typeof createApp>;
const admin = { user: 'root-admin', password: 'A-long-break-glass-2026' };

beforeAll(async () => {
  stack = await startStack();
  app = createApp({
    ...stack.webDeps,
    breakGlassAdmin: { user: admin.user, passwordHash: await hash(admin.password, argon2Options) },
  });
});
afterAll(async () => {
  await stack?.stop();
});

async function signedIn(language = 'en') {
  const b = browser(app, { language });
  await b.get('/admin/sign-in');
  const response = await b.post('/admin/sign-in', admin);
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/admin');
  return b;
}

describe('admin sign-in (S3)', () => {
  it('the console asks for a sign-in; a wrong password and an unknown name get the same answer', async () => {
    const b = browser(app, { language: 'en' });
    const page = await b.get('/admin/policy');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/sign-in');

    await b.get('/admin/sign-in');
    const wrong = await b.post('/admin/sign-in', { user: admin.user, password: 'not it' });
    const unknown = await b.post('/admin/sign-in', { user: 'nobody', password: 'not it' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toContain('The user name or password is not right');
    const strip = (html: string) => html.replace(/value="[^"]*"/g, '');
    expect(strip(unknown.body)).toBe(strip(wrong.body));

    const audit = await stack.db
      .selectFrom('audit_events')
      .select(['event', 'outcome'])
      .where('event', '=', 'admin-sign-in')
      .execute();
    expect(audit.filter((e) => e.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });

  it('signing out ends the session on the server: the old cookie opens nothing', async () => {
    const b = await signedIn();
    expect((await b.get('/admin/policy')).status).toBe(200);
    const cookie = b.cookies.get('sspr_admin') as string;
    await b.post('/admin/sign-out', {});
    const reused = await app.request('/admin/policy', {
      headers: { cookie: `sspr_admin=${cookie}` },
    });
    expect(reused.status).toBe(303);
    expect(reused.headers.get('location')).toBe('/admin/sign-in?ended=1');
    const signedOut = await stack.db
      .selectFrom('audit_events')
      .select(['actor', 'outcome'])
      .where('event', '=', 'admin-sign-out')
      .execute();
    expect(signedOut).toContainEqual({ actor: `admin:${admin.user}`, outcome: 'ok' });
  });

  it('a sign-in without the form token is refused', async () => {
    const response = await app.request('/admin/sign-in', {
      method: 'POST',
      body: new URLSearchParams(admin),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(403);
  });
});

describe('the policy page (R6, R12)', () => {
  it('checks each field and keeps what was typed; the number of questions stays within the catalog', async () => {
    const b = await signedIn();
    const form = {
      minQuestions: '3',
      linkTtlMinutes: '15',
      resendLimitPerHour: '3',
      linkMailsPerHour: '10',
      maxWrongAnswers: '5',
      lockoutMinutes: '30',
      resetMode: 'temporary-key',
      temporaryKeyHours: '24',
      minAnswerLength: '3',
      senderAddress: '',
    };
    for (const [minQuestions, message] of [
      ['0', 'Enter a whole number from 1 to 15.'],
      ['16', 'Enter a whole number from 1 to 15.'],
      ['11', 'Only 10 questions are active in the catalog'],
      ['two', 'Enter a whole number from 1 to 15.'],
    ] as const) {
      const refused = await b.post('/admin/policy', { ...form, minQuestions });
      expect(refused.status).toBe(422);
      expect(refused.body).toContain(message);
      expect(refused.body).toContain(`value="${minQuestions}"`);
    }
    const noMail = await b.post('/admin/policy', { ...form, linkMailsPerHour: '0' });
    expect(noMail.status).toBe(422);
    expect(noMail.body).toContain('Enter a whole number from 1 to 100.');
    const badSender = await b.post('/admin/policy', { ...form, senderAddress: 'not an address' });
    expect(badSender.body).toContain('Enter an e-mail address, or leave it empty.');
  });

  it('a saved change is a new version, with who and when, shown in the history', async () => {
    const b = await signedIn('es');
    const saved = await b.post('/admin/policy', {
      minQuestions: '2',
      linkTtlMinutes: '20',
      resendLimitPerHour: '3',
      linkMailsPerHour: '6',
      maxWrongAnswers: '4',
      lockoutMinutes: '60',
      resetMode: 'user-chooses',
      temporaryKeyHours: '12',
      minAnswerLength: '4',
      senderAddress: 'recuperacion@example.org',
    });
    expect(saved.headers.get('location')).toBe('/admin/policy?saved=1');
    expect(await currentPolicy(stack.db)).toMatchObject({
      created_by: `admin:${admin.user}`,
      min_questions: 2,
      link_ttl_seconds: 1200,
      max_wrong_answers: 4,
      lockout_seconds: 3600,
      reset_mode: 'user-chooses',
      temporary_key_ttl_seconds: 12 * 3600,
      min_answer_length: 4,
      link_mails_per_address_per_hour: 6,
      sender_address: 'recuperacion@example.org',
    });
    const page = await b.get('/admin/policy?saved=1');
    expect(page.body).toContain('La política quedó guardada.');
    expect(page.body).toContain('Preguntas de seguridad que responde cada usuario (1–15): 3 → 2');
    expect(page.body).toContain('Modo de restablecimiento: contraseña temporal → el usuario elige');
    expect(page.body).toContain(
      'Correos con enlace que una dirección puede recibir, por hora (de todas las recuperaciones): 10 → 6',
    );
    expect(page.body).toContain(`admin:${admin.user}`);
  });
});
