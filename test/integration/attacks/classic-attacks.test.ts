import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recoveryWorkflowId } from '../../../common/domain/workflow-ids';
import { changePolicy } from '../../../db/policy';
import { type Browser, browser } from '../../../dev/form-browser';
import { journeys } from '../../support/journey';
import { breakGlassAdmin, publicUrl, type Stack, startStackOn } from '../../support/stack';
import type { TestDirectory } from '../../support/test-directory';

/**
 * The classic attacks on a password-reset service, each tried through the pages against the
 * real workflow, on OpenLDAP and on Samba AD: a poisoned Host, an open redirect, one user's
 * session used for another's recovery, one link redeemed from two browsers at once, a step
 * skipped by posting a later form early. docs/security.md lists them with these titles.
 */
const servers = inject('servers');
const directories: Array<[string, TestDirectory | undefined]> = [
  ['OpenLDAP', servers.directory],
  ['Samba AD (skipped when not root)', servers.activeDirectory],
];

describe.each(directories)('the classic attacks, refused, on %s', (_, dir) => {
  let stack: Stack<TestDirectory>;
  let user: ReturnType<typeof journeys>;

  beforeAll(async () => {
    if (!dir) return;
    stack = await startStackOn(dir);
    user = journeys(stack);
    await changePolicy(stack.db, { min_questions: 2 }, 'test');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** A user with a recovery at the enrollment step, and the browser holding its session. */
  async function enrolling() {
    const account = await user.newUser();
    await user.requestLink(account.uid, 'en');
    const { path } = await user.linkFor(account.mail);
    const { browser: b, response } = await user.openLink(path, 'en');
    expect(response.headers.get('location')).toBe('/recovery');
    return { ...account, browser: b };
  }

  it.skipIf(!dir)(
    'Host, X-Forwarded-Host and Forwarded headers do not change where the e-mailed link points',
    async () => {
      const { uid, mail } = await user.newUser();
      const poisoned = {
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'http',
        'x-forwarded-port': '8080',
        forwarded: 'host=evil.example;proto=http',
        'x-original-url': 'https://evil.example/',
      };
      const b = browser(stack.app);
      await b.get('/', poisoned);
      expect((await b.post('/', { username: uid }, poisoned)).status).toBe(200);
      const { message, url } = await user.linkFor(mail);
      expect(url.startsWith(`${publicUrl}/link/`)).toBe(true);
      expect(`${message.text}${message.html}`).not.toContain('evil.example');
      expect(`${message.text}${message.html}`).not.toContain(':8080');
    },
  );

  it.skipIf(!dir)(
    'no parameter (next, lang, notice, redirect…) sends the browser to another site',
    async () => {
      const elsewhere = [
        'https://evil.example/',
        '//evil.example',
        '/\\evil.example',
        'javascript:alert(1)',
      ];
      const names = ['next', 'lang', 'notice', 'redirect', 'returnTo', 'url', 'done', 'ended'];
      const { browser: inSession } = await enrolling();
      const paths = [
        '/',
        '/recovery',
        '/recovery/enroll',
        '/link/x',
        '/verify/x',
        '/admin',
        '/admin/sign-in',
        '/admin/users',
      ];
      const locations: string[] = [];
      for (const path of paths) {
        for (const name of names) {
          for (const target of elsewhere) {
            const query = `${path}?${name}=${encodeURIComponent(target)}`;
            for (const b of [browser(stack.app), inSession]) {
              const answer = await b.get(query);
              const location = answer.headers.get('location');
              if (location !== null) locations.push(location);
              expect(answer.body).not.toContain('evil.example');
            }
          }
        }
      }
      // Redirects happened (to the start, the steps, the sign-in): each within this site.
      expect(locations.length).toBeGreaterThan(0);
      for (const location of locations) expect(location).toMatch(/^\/(?![/\\])/);
      // The sign-in goes to the console's own page, whatever the form names.
      const admin = browser(stack.app);
      await admin.get('/admin/sign-in?next=https://evil.example/');
      const signIn = await admin.post('/admin/sign-in?next=https://evil.example/', {
        ...breakGlassAdmin,
        next: 'https://evil.example/',
      });
      expect(signIn.headers.get('location')).toBe('/admin');
    },
  );

  it.skipIf(!dir)(
    "one user's session, pointed at another user's recovery, is refused and changes nothing",
    async () => {
      const a = await enrolling();
      const b = await enrolling();
      // A's cookie names A's recovery and holds A's secret: the attacker swaps in B's recovery.
      const [, secretOfA] = (a.browser.cookies.get('sspr_session') as string).split('.');
      const forged = `${Buffer.from(recoveryWorkflowId(b.uid)).toString('base64url')}.${secretOfA}`;
      const attacker: Browser = browser(stack.app, { language: 'en' });
      await attacker.get('/');
      attacker.cookies.set('sspr_session', forged);
      expect((await attacker.get('/recovery')).headers.get('location')).toBe(
        '/?notice=session-ended',
      );
      const questions = (await stack.db.selectFrom('questions').select('id').execute()).map((q) =>
        String(q.id),
      );
      const posted = await attacker.post('/recovery/enroll', {
        alternateMail: 'attacker@evil.example',
        alternateMailConfirm: 'attacker@evil.example',
        questionId: questions.slice(0, 2),
        answer: ['Firulais', 'Valparaíso'],
      });
      expect(posted.headers.get('location')).toBe('/?notice=session-ended');
      // B's recovery still waits for B's enrollment, and B's own session still works.
      expect(await user.stateOf(b.uid)).toMatchObject({ status: 'enrolling', step: 'enroll' });
      expect((await b.browser.get('/recovery')).body).toContain('Set up your security questions');
    },
  );

  it.skipIf(!dir)(
    'one link redeemed from two browsers at once opens one session, and the other is refused',
    async () => {
      const { uid, mail } = await user.newUser();
      await user.requestLink(uid, 'en');
      const { path } = await user.linkFor(mail);
      const first = browser(stack.app, { language: 'en' });
      const second = browser(stack.app, { language: 'en' });
      await Promise.all([first.get(path), second.get(path)]);
      const answers = await Promise.all([first.post(path, {}), second.post(path, {})]);
      const locations = answers.map((a) => a.headers.get('location')).sort();
      expect(locations).toEqual(['/?notice=link-used', '/recovery']);
      // Only the winner's browser reaches the step; the other holds no session.
      const pages = await Promise.all([first.get('/recovery'), second.get('/recovery')]);
      const reached = pages.filter((p) => p.body.includes('Set up your security questions'));
      expect(reached).toHaveLength(1);
    },
  );

  it.skipIf(!dir)(
    'the answers or a new password posted before the enrollment are refused, and nothing is reset',
    async () => {
      const { uid, browser: b } = await enrolling();
      const questions = (await stack.db.selectFrom('questions').select('id').execute()).map(
        (q) => q.id,
      );
      const early = await b.post(
        '/recovery/answers',
        Object.fromEntries(questions.map((id) => [`answer-${id}`, 'Firulais'])),
      );
      // Refused as out of step: back to the steps' page, which shows the enrollment again.
      expect(early.headers.get('location')).toBe('/recovery');
      const password = await b.post('/recovery/password', {
        password: 'Chosen-By-Attacker-1',
        passwordConfirm: 'Chosen-By-Attacker-1',
      });
      expect(password.headers.get('location')).toBe('/recovery');
      expect(await user.stateOf(uid)).toMatchObject({ status: 'enrolling', step: 'enroll' });
      expect((await b.get('/recovery')).body).toContain('Set up your security questions');
      const resets = await stack.db
        .selectFrom('audit_events')
        .select('event')
        .where('event', 'like', '%reset%')
        .where('username', '=', uid)
        .execute();
      expect(resets).toEqual([]);
    },
  );
});
