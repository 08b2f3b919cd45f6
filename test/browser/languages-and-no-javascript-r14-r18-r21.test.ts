import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import {
  goodAnswers,
  newDirectoryUser,
  pages,
  questionCount,
  questionIds,
  waitForFocus,
} from './support/steps';

/** The pages in both languages through the visible switch, and a whole journey without scripts. */
let bs: BrowserStack;
const en = messagesFor('en');
const es = messagesFor('es');

useBrowserStack((started) => {
  bs = started;
});

describe('both languages (R21)', () => {
  it('the key pages in Spanish and English, switched with the visible link and remembered on the next page', async () => {
    const { uid, mail, dn } = await newDirectoryUser(bs, 'jose.perez');
    const count = await questionCount(bs);
    const chosen = (await questionIds(bs)).slice(0, count);
    // A browser that asks for Spanish, the service's own default.
    const u = await bs.open({ language: 'es' });
    const p = pages(bs, u, 'es');
    const lang = () => u.page.locator('html').getAttribute('lang');
    const switchTo = async (language: string) => {
      await u.page.getByRole('link', { name: language }).click();
    };

    await p.openStart();
    expect(await lang()).toBe('es');
    await waitForFocus(u, '#username');
    await u.tour('es-start');
    const requestedAt = new Date();
    await p.requestLink(uid);
    await p.notice(es.start.sent(15));
    await u.tour('es-start-sent');

    await p.openMailedLink(mail, { after: requestedAt, subjectIncludes: 'Configure' });
    await u.heading(es.link.title);
    await u.tour('es-link');
    await u.submit();
    await u.heading(es.steps.enrollTitle);
    await u.tour('es-enroll');

    // The switch reloads the step in English; the next page stays in English.
    await switchTo('English');
    await u.heading(en.steps.enrollTitle);
    expect(await lang()).toBe('en');
    await u.check('en-enroll (switched)');
    await p.fillEnrollment({
      alternateMail: `${uid}.personal@example.net`,
      questionIds: chosen,
      answers: goodAnswers.slice(0, count),
    });
    const savedAt = new Date();
    await u.submit();
    await u.heading(en.steps.savedTitle);
    expect(await lang()).toBe('en');
    await u.check('en-saved (remembered)');

    // The answering link opens in English (remembered); switched back to Spanish there.
    await p.openMailedLink(mail, { after: savedAt, subjectIncludes: 'Continúe' });
    await u.heading(en.link.title);
    await u.check('en-link (remembered)');
    await switchTo('Español');
    await u.heading(es.link.title);
    expect(await lang()).toBe('es');
    await u.submit();
    await u.heading(es.steps.answerTitle);
    await u.tour('es-answers');
    await p.fillAnswers(new Map(chosen.map((id) => [id, 'nada'])));
    await u.submit();
    await p.notice(es.steps.wrongAnswers(4));
    await u.tour('es-answers-wrong');
    await p.fillAnswers(new Map(chosen.map((id, i) => [id, goodAnswers[i] as string])));
    const resetAt = new Date();
    await u.submit();
    await u.heading(es.steps.doneTitle);
    expect(await lang()).toBe('es');
    await p.notice(es.steps.doneKey('24 horas'));
    await u.tour('es-done');
    const key = await p.temporaryKey(mail, resetAt);
    expect(await bs.directory().checkSignIn(dn, key)).toBe('must-change');
    expect(u.problems).toEqual([]);
  });
});

describe('without JavaScript (R8, R9, R14, R16, R17, R18)', () => {
  it('a whole journey with plain form posts and redirects', async () => {
    const { uid, mail, dn } = await bs.user.newUser();
    const count = await questionCount(bs);
    const chosen = (await questionIds(bs)).slice(0, count);
    const u = await bs.open({ language: 'es', javaScript: false });
    const p = pages(bs, u, 'es');
    const t = es;
    // Every page comes from a navigation (a link, a form post, a redirect): no script fetches.
    const navigations: string[] = [];
    const fetches: string[] = [];
    u.page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      const line = `${request.method()} ${pathname.replace(/[A-Za-z0-9_-]{43}$/, ':token')}`;
      if (request.isNavigationRequest()) navigations.push(line);
      else if (request.resourceType() === 'fetch' || request.resourceType() === 'xhr') {
        fetches.push(line);
      }
    });

    await p.openStart();
    await u.check('es-start (no script)');
    const requestedAt = new Date();
    await p.requestLink(uid);
    await p.notice(t.start.sent(15));
    await u.check('es-start-sent (no script)');

    await p.openMailedLink(mail, { after: requestedAt, subjectIncludes: 'Configure' });
    await u.heading(t.link.title);
    await u.check('es-link (no script)');
    await u.submit();
    await u.heading(t.steps.enrollTitle);
    expect(new URL(u.page.url()).pathname).toBe('/recovery');
    await u.check('es-enroll (no script)');

    // Without the script nothing stops one question being picked twice: the server says so.
    const twice = [chosen[0], ...chosen.slice(0, count - 1)] as number[];
    await p.fillEnrollment({
      alternateMail: `${uid}.personal@example.net`,
      questionIds: twice,
      answers: goodAnswers.slice(0, count),
    });
    await u.submit();
    await u.page.locator('#main .field-error', { hasText: t.fields.questions.duplicate }).waitFor();
    await p.notice(t.fields.summary);
    await u.check('es-enroll-errors (no script)');

    await p.fillEnrollment({
      alternateMail: `${uid}.personal@example.net`,
      questionIds: chosen,
      answers: goodAnswers.slice(0, count),
    });
    const savedAt = new Date();
    await u.submit();
    await u.heading(t.steps.savedTitle);
    await u.check('es-saved (no script)');

    await p.openMailedLink(mail, { after: savedAt, subjectIncludes: 'Continúe' });
    await u.heading(t.link.title);
    await u.submit();
    await u.heading(t.steps.answerTitle);
    await u.check('es-answers (no script)');
    await p.fillAnswers(new Map(chosen.map((id, i) => [id, goodAnswers[i] as string])));
    const resetAt = new Date();
    await u.submit();
    // Maybe through "one moment", which reloads itself (<meta http-equiv="refresh">).
    await u.heading(t.steps.doneTitle);
    await u.check('es-done (no script)');
    const key = await p.temporaryKey(mail, resetAt);
    expect(await bs.directory().checkSignIn(dn, key)).toBe('must-change');

    expect(fetches).toEqual([]);
    expect(navigations).toEqual(
      expect.arrayContaining([
        'GET /',
        'POST /',
        'GET /link/:token',
        'POST /link/:token',
        'GET /recovery',
        'POST /recovery/enroll',
        'POST /recovery/answers',
      ]),
    );
    expect(u.problems).toEqual([]);
  });
});
