import { describe, expect, it } from 'vitest';
import { changePolicy } from '../../db/policy';
import { uniqueUid } from '../support/stack';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import {
  enrolledUser,
  markDocument,
  pages,
  stillSameDocument,
  waitForAnnouncement,
  waitForFocus,
} from './support/steps';

/** Links that no longer work, the start page's one answer for everyone, and the lockout. */
let bs: BrowserStack;

useBrowserStack((started) => {
  bs = started;
});

describe('a request that never reaches the server', () => {
  it('says so in the page language, and keeps what was typed', async () => {
    const u = await bs.open({ language: 'es' });
    const p = pages(bs, u, 'es');
    await p.openStart();
    // The connection drops: the form's POST fails before any answer.
    await u.page.route('**/', (route) =>
      route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue(),
    );
    await u.page.locator('#username').fill('ana.garcia');
    await u.page.locator('#username').press('Enter');
    await p.notice(p.t.errors.offline);
    expect(await u.page.locator('#username').inputValue()).toBe('ana.garcia');
    await waitForAnnouncement(u, p.t.errors.offline);
    // The aborted request is the test's own doing; nothing else went wrong on the page.
    expect(u.problems.filter((problem) => !problem.includes('internetdisconnected'))).toEqual([]);
  });
});

describe('links that no longer work land on the start page, which says why (R12, R13)', () => {
  it('R12: a link opened after it expired', async () => {
    await changePolicy(bs.stack.db, { link_ttl_seconds: 2 }, 'test');
    try {
      const { uid, mail } = await bs.user.newUser();
      const u = await bs.open({ language: 'en' });
      const p = pages(bs, u, 'en');
      await p.openStart();
      const requestedAt = new Date();
      await p.requestLink(uid);
      await p.notice(p.t.start.sent(1));
      const { url } = await bs.user.linkFor(mail, { after: requestedAt });
      // The recovery gives up when the link expires: from then on the link is expired for sure.
      expect(await bs.user.outcomeOf(uid)).toBe('link-expired');

      await u.page.goto(url);
      await u.heading(p.t.start.title);
      await p.notice(p.t.notices['link-expired']);
      expect(new URL(u.page.url()).search).toBe('?notice=link-expired');
      await waitForFocus(u, '#username'); // the screenshot has the field's focus ring, always
      await u.tour('en-start-link-expired');
      expect(u.problems).toEqual([]);
    } finally {
      await changePolicy(bs.stack.db, { link_ttl_seconds: 15 * 60 }, 'test');
    }
  });

  it('R13: a link opened again after it was used, in the same browser or another', async () => {
    const { uid, mail } = await bs.user.newUser();
    const u = await bs.open({ language: 'en' });
    const p = pages(bs, u, 'en');
    await p.openStart();
    const requestedAt = new Date();
    await p.requestLink(uid);
    const { url } = await bs.user.linkFor(mail, { after: requestedAt });
    await u.page.goto(url);
    await u.heading(p.t.link.title);
    await u.submit();
    await u.heading(p.t.steps.enrollTitle);

    await u.page.goto(url);
    await u.heading(p.t.start.title);
    await p.notice(p.t.notices['link-used']);
    await waitForFocus(u, '#username'); // the screenshot has the field's focus ring, always
    await u.tour('en-start-link-used');

    const other = await bs.open({ language: 'en' });
    await other.page.goto(url);
    await other.heading(p.t.start.title);
    await pages(bs, other, 'en').notice(p.t.notices['link-used']);
    await other.check('en-start-link-used (other browser)');
    expect([...u.problems, ...other.problems]).toEqual([]);
  });
});

describe('the start page (R8, R9, S4)', () => {
  it('an unknown username gets the same page as a known one; an empty one is refused at the field', async () => {
    const known = await bs.user.newUser();
    const u = await bs.open({ language: 'en' });
    const p = pages(bs, u, 'en');

    const answerTo = async (uid: string) => {
      await p.openStart();
      const response = u.page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/',
      );
      await p.requestLink(uid);
      return { status: (await response).status(), text: await u.text('#main') };
    };
    const forKnown = await answerTo(known.uid);
    await u.check('en-start-sent (known user)');
    const forUnknown = await answerTo(uniqueUid('nobody'));
    await u.check('en-start-sent (unknown user)');
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown.text).toContain(p.t.start.sent(15));

    // Nothing typed: the field says so, and with JavaScript focus goes to it.
    await p.openStart();
    await markDocument(u);
    await u.submit();
    await u.page.locator('#username-error', { hasText: p.t.errors.usernameRequired }).waitFor();
    await waitForFocus(u, '#username');
    expect(await u.page.locator('#username').getAttribute('aria-invalid')).toBe('true');
    expect(await u.page.locator('#username').getAttribute('aria-describedby')).toContain(
      'username-error',
    );
    expect(await stillSameDocument(u)).toBe(true);
    await u.tour('en-start-error');
    expect(u.problems).toEqual([]);
  });
});

describe('wrong answers until the lockout (R6; standards: lockout)', () => {
  it('each wrong try says how many are left; the last one shows the locked page', async () => {
    await changePolicy(bs.stack.db, { max_wrong_answers: 2 }, 'test');
    try {
      const { uid, mail, enrollment } = await enrolledUser(bs);
      const u = await bs.open({ language: 'en' });
      const p = pages(bs, u, 'en');
      const { t } = p;
      await p.openStart();
      const requestedAt = new Date();
      await p.requestLink(uid);
      await p.openMailedLink(mail, { after: requestedAt });
      await u.heading(t.link.title);
      await u.submit();
      await u.heading(t.steps.answerTitle);
      expect(await u.text('#main .hint')).toBe(t.steps.attemptsLeft(2));
      await u.check('en-answers (2 tries)');

      const wrong = new Map(enrollment.questionIds.map((id) => [id, 'wrong answer']));
      await p.fillAnswers(wrong);
      await u.submit();
      await p.notice(t.steps.wrongAnswers(1));
      await waitForAnnouncement(u, t.steps.wrongAnswers(1));
      await u.check('en-answers-wrong (1 try left)');

      const lockedAt = new Date();
      await p.fillAnswers(wrong);
      await u.submit();
      await u.heading(t.steps.lockedTitle);
      await p.notice(t.steps.locked);
      await waitForAnnouncement(u, t.steps.locked);
      await u.tour('en-locked');
      // The user is told by e-mail too, in the language of the page they last asked from.
      await bs.user.waitForMail(mail, { after: lockedAt, subjectIncludes: 'recovery locked' });
      expect(await bs.user.outcomeOf(uid)).toBe('answers-locked');
      expect(u.problems).toEqual([]);
    } finally {
      await changePolicy(bs.stack.db, { max_wrong_answers: 5 }, 'test');
    }
  });
});

describe('the accessibility check itself', () => {
  it('fails on a serious problem, with and without JavaScript, and says where', async () => {
    for (const javaScript of [true, false]) {
      const u = await bs.open({ language: 'en', javaScript });
      const url = `${bs.baseUrl}/__broken__`;
      await u.page.route(url, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><html lang="en"><title>Broken</title><main><h1>Broken</h1><img src="/nothing.png"></main></html>',
        }),
      );
      await u.page.goto(url);
      await expect(u.check('broken')).rejects.toThrow(/\[critical\] image-alt: .*\n +at img/);
      await u.close();
    }
  });
});
