import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { changePolicy } from '../../db/policy';
import type { Browser } from '../../dev/form-browser';
import { journeys } from '../support/journey';
import { type Stack, startStack } from '../support/stack';

let stack: Stack;
let user: ReturnType<typeof journeys>;
let questions: Array<{ id: number }>;

beforeAll(async () => {
  stack = await startStack();
  user = journeys(stack);
  await changePolicy(stack.db, { min_questions: 2 }, 'test');
  questions = await stack.db.selectFrom('questions').select('id').orderBy('id').execute();
});
afterAll(async () => {
  await stack?.stop();
});

/** Follows one redirect, as a browser does after a form post. */
async function follow(b: Browser, response: { status: number; headers: Headers }) {
  expect(response.status).toBe(303);
  return b.get(response.headers.get('location') as string);
}

const enrollment = (overrides: Record<string, string | string[]> = {}) => ({
  alternateMail: 'ana.personal@example.net',
  alternateMailConfirm: 'ana.personal@example.net',
  questionId: [String(questions[0]?.id), String(questions[1]?.id)],
  answer: ['Firulais', 'Valparaíso'],
  ...overrides,
});

describe('the pages of a recovery, without JavaScript (R14, R16, R17, R6, R5)', () => {
  it('a new user enrols, gets the answering link, answers, and reads what happens next', async () => {
    const { uid, mail } = await user.newUser();
    await user.requestLink(uid, 'en');
    const { path } = await user.linkFor(mail);
    const { browser: b, response } = await user.openLink(path, 'en');

    // The link leads to the enrollment form.
    const form = await follow(b, response);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(form.body).toContain('Set up your security questions');
    expect(form.body.match(/<select[^>]*name="questionId"/g)).toHaveLength(2);

    // Field by field messages; what was typed stays.
    const refused = await b.post(
      '/recovery/enroll',
      enrollment({ alternateMailConfirm: 'other@example.net', answer: [uid, 'no'] }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toContain('Some fields need your attention');
    expect(refused.body).toContain('The two addresses are not the same.');
    expect(refused.body).toContain('Your answer must not be your username, name or e-mail.');
    expect(refused.body).toContain('This answer is too short.');
    expect(refused.body).toContain('value="ana.personal@example.net"');
    // Switching language on that page shows the same step in Spanish.
    const spanish = await b.get('/recovery/enroll?lang=es');
    expect(spanish.headers.get('location')).toBe('/recovery');
    expect((await b.get('/recovery')).body).toContain('Configure sus preguntas de seguridad');
    await b.get('/recovery?lang=en');

    // R17: saved; the page says so, and a new e-mail is on its way.
    const saved = await follow(b, await b.post('/recovery/enroll', enrollment()));
    expect(saved.body).toContain('Your questions are saved');
    const answering = await user.linkFor(mail, { subjectIncludes: 'Continue recovering' });

    const opened = await user.openLink(answering.path, 'en');
    const answerForm = await follow(opened.browser, opened.response);
    expect(answerForm.body).toContain('Answer your security questions');
    const ids = [...answerForm.body.matchAll(/name="answer-(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);

    const wrong = await opened.browser.post(
      '/recovery/answers',
      Object.fromEntries(ids.map((id) => [`answer-${id}`, 'nope'])),
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body).toContain('At least one answer is not right. 4 tries left.');
    expect(wrong.body).not.toContain('nope');

    const right = await opened.browser.post('/recovery/answers', {
      [`answer-${ids[0]}`]: 'firulais',
      [`answer-${ids[1]}`]: 'VALPARAÍSO',
    });
    // The reset takes a moment: the page says so and reloads itself until it is done.
    let page = await follow(opened.browser, right);
    for (let i = 0; i < 100 && page.body.includes('http-equiv="refresh"'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      page = await opened.browser.get('/recovery');
    }
    expect(page.body).toContain('Your password was reset');
    expect(page.body).toContain('It stops working in 24 hours.');
    // The session is over: going back to the steps sends the user to the start.
    const after = await opened.browser.get('/recovery');
    expect(after.headers.get('location')).toBe('/?notice=session-ended');
  });

  it("a made-up session cookie for someone's recovery learns nothing about it", async () => {
    const { uid, mail } = await user.newUser();
    await user.requestLink(uid);
    await user.linkFor(mail);
    // The cookie names the victim's recovery, with a secret the attacker invented.
    const forged = `${Buffer.from(recoveryWorkflowId(uid)).toString('base64url')}.${'A'.repeat(43)}`;
    const page = await stack.app.request('/recovery', {
      headers: { cookie: `sspr_session=${forged}`, 'accept-language': 'en' },
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/?notice=session-ended');
  });

  it('a notice name from the address bar shows only a real notice', async () => {
    const page = await stack.app.request('/?notice=toString', {
      headers: { 'accept-language': 'en' },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('class="notice notice-info"');
  });

  it('without a session, the steps send the user to the start page with a message', async () => {
    const page = await stack.app.request('/recovery', { headers: { 'accept-language': 'es' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/?notice=session-ended');
    const start = await stack.app.request('/?notice=session-ended', {
      headers: { 'accept-language': 'es' },
    });
    expect(await start.text()).toContain('Su sesión de recuperación terminó');
  });

  it('pages load htmx and the app script from the project, fingerprinted, with no inline script', async () => {
    const page = await stack.app.request('/', { headers: { 'accept-language': 'en' } });
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    expect(scripts).toHaveLength(2);
    for (const attributes of scripts)
      expect(attributes).toMatch(/src="\/assets\/[\w-]+\.[0-9a-f]{12}\.js"/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const htmx = /src="(\/assets\/htmx\.[0-9a-f]{12}\.js)"/.exec(html)?.[1] as string;
    const asset = await stack.app.request(htmx);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await asset.text()).length).toBeGreaterThan(10_000);
  });
});
