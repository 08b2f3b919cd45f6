import { describe, expect, it } from 'vitest';
import { changePolicy } from '../../db/policy';
import { initialPassword } from '../support/journey';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import {
  enrolledUser,
  goodAnswers,
  markDocument,
  newDirectoryUser,
  pages,
  questionCount,
  questionIds,
  stillSameDocument,
  waitForAnnouncement,
  waitForFocus,
} from './support/steps';

/**
 * The user's pages in real Chromium, with JavaScript (htmx swaps <main> in place), in English:
 * every page checked with axe-core, and the first user's journey saved as the README's tour.
 */
let bs: BrowserStack;

useBrowserStack((started) => {
  bs = started;
});

describe('a new user, in Chromium with JavaScript (R5, R8, R9, R14, R16, R17, S2)', () => {
  it('asks for a link, enrols (one mistake first), answers (one wrong try first) and gets a key that must be changed', async () => {
    const { uid, mail, dn } = await newDirectoryUser(bs, 'ana.garcia');
    const count = await questionCount(bs);
    const ids = await questionIds(bs);
    const u = await bs.open({ language: 'en' });
    const p = pages(bs, u, 'en');
    const { t } = p;

    // The start page, on a phone and on a desktop.
    // R8: the username field has focus as the page opens.
    await p.openStart();
    await waitForFocus(u, '#username');
    await u.tour('en-start');
    const desktop = await bs.open({ language: 'en', viewport: 'desktop' });
    await pages(bs, desktop, 'en').openStart();
    await waitForFocus(desktop, '#username');
    await desktop.tour('en-start-desktop');
    await desktop.close();

    // The user types and presses Enter.
    await markDocument(u);
    const requestedAt = new Date();
    await u.page.keyboard.type(uid);
    await u.page.keyboard.press('Enter');
    const sent = await p.notice(t.start.sent(15));
    // R9: the message is at the bottom of the page, below the form, and read out.
    const form = (await u.page.locator('#main form').boundingBox()) as {
      y: number;
      height: number;
    };
    expect((await sent.boundingBox())?.y).toBeGreaterThan(form.y + form.height);
    await waitForAnnouncement(u, t.start.sent(15));
    await waitForFocus(u, 'h1');
    expect(await stillSameDocument(u)).toBe(true);
    await u.tour('en-start-sent');

    // R10, R11: the e-mail's link opens the landing page; pressing Continue uses it up.
    await p.openMailedLink(mail, { after: requestedAt, subjectIncludes: 'Set up' });
    await u.heading(t.link.title);
    await u.tour('en-link');
    await markDocument(u);
    await u.submit();
    await u.heading(t.steps.enrollTitle);
    await waitForFocus(u, 'h1');
    await waitForAnnouncement(u, t.steps.enrollTitle);
    expect(await stillSameDocument(u)).toBe(true);
    expect(await u.page.locator('select[name="questionId"]').count()).toBe(count);
    // What lies outside <main> follows the swap too: the window's title, the address, and the
    // language switch (which reloads this page, not the link's).
    expect(await u.page.title()).toBe(`${t.steps.enrollTitle} · Test recovery`);
    expect(new URL(u.page.url()).pathname).toBe('/recovery');
    const switchTo = await u.page
      .locator('#language-switch')
      .evaluate((a) => (a as { href: string }).href);
    expect(new URL(switchTo).pathname + new URL(switchTo).search).toBe('/recovery?lang=es');
    await u.tour('en-enroll');

    // R16: a question picked in one list is disabled in the others, and free again once changed.
    const [first, second] = ids.map(String) as [string, string];
    const option = (picker: number, id: string) =>
      u.page.locator(`#question${picker} option[value="${id}"]`);
    await u.page.locator('#question1').selectOption(first);
    for (let picker = 2; picker <= count; picker++) {
      await expect.poll(() => option(picker, first).isDisabled()).toBe(true);
    }
    expect(await option(1, first).isDisabled()).toBe(false);
    await u.page.locator('#question1').selectOption(second);
    await expect.poll(() => option(2, first).isDisabled()).toBe(false);
    await expect.poll(() => option(2, second).isDisabled()).toBe(true);

    // R14: a first try with mistakes: the errors at their fields, focus on the first one.
    const chosen = ids.slice(0, count);
    const alternate = `${uid}.personal@example.net`;
    await p.fillEnrollment({
      alternateMail: alternate,
      alternateMailConfirm: 'someone.else@example.net',
      questionIds: chosen,
      answers: [uid, 'no', ...goodAnswers.slice(2, count)],
    });
    await markDocument(u);
    await u.submit();
    await p.notice(t.fields.summary);
    await waitForFocus(u, '#alternateMail');
    await waitForAnnouncement(u, t.fields.summary);
    expect(await stillSameDocument(u)).toBe(true);
    const errorOf = (id: string) => u.text(`#${id}-error`);
    expect(await errorOf('alternateMail')).toBe(t.fields.alternateMail.mismatch);
    expect(await errorOf('answer1')).toBe(t.fields.answers['like-identity']);
    expect(await errorOf('answer2')).toBe(t.fields.answers['too-short']);
    expect(await u.page.locator('#alternateMail').getAttribute('aria-invalid')).toBe('true');
    // What was typed and picked stays, and the pickers still keep each other's choices out.
    expect(await u.page.locator('#alternateMail').inputValue()).toBe(alternate);
    expect(await u.page.locator('#question1').inputValue()).toBe(String(chosen[0]));
    await expect.poll(() => option(2, String(chosen[0])).isDisabled()).toBe(true);
    await u.tour('en-enroll-errors');

    // R17: saved; the page says so and a new e-mail with the answering link goes out.
    await p.fillEnrollment({
      alternateMail: alternate,
      questionIds: chosen,
      answers: goodAnswers.slice(0, count),
    });
    const savedAt = new Date();
    await u.submit();
    await u.heading(t.steps.savedTitle);
    await waitForAnnouncement(u, t.steps.saved);
    expect(await stillSameDocument(u)).toBe(true);
    await u.tour('en-saved');

    // R14: the alternate address is confirmed from its own e-mail.
    await p.openMailedLink(alternate, { after: savedAt, subjectIncludes: 'alternate' });
    await u.heading(t.verify.title);
    await u.tour('en-verify');
    await u.submit();
    await u.heading(t.verify.verifiedTitle);
    await u.tour('en-verified');

    // R17, R18: the answering link leads to the questions the user chose.
    await p.openMailedLink(mail, { after: savedAt, subjectIncludes: 'Continue recovering' });
    await u.heading(t.link.title);
    await u.check('en-link (answering)');
    await u.submit();
    await u.heading(t.steps.answerTitle);
    await u.tour('en-answers');
    const answerIds = await u.page
      .locator('#main input[name^="answer-"]')
      .evaluateAll((inputs) => inputs.map((i) => Number(i.id.slice('answer-'.length))));
    expect(answerIds).toEqual(chosen);

    // R6: a wrong try says how many are left, never which answer was wrong.
    await p.fillAnswers(new Map(chosen.map((id) => [id, 'nope'])));
    await markDocument(u);
    await u.submit();
    await p.notice(t.steps.wrongAnswers(4));
    await waitForAnnouncement(u, t.steps.wrongAnswers(4));
    await waitForFocus(u, 'h1');
    expect(await stillSameDocument(u)).toBe(true);
    expect(await u.page.locator('#main input[value="nope"]').count()).toBe(0);
    await u.tour('en-answers-wrong');

    // Right answers, typed with other capitals and spaces.
    await p.fillAnswers(
      new Map(chosen.map((id, i) => [id, ` ${(goodAnswers[i] as string).toUpperCase()} `])),
    );
    const resetAt = new Date();
    await u.submit();
    await u.heading(t.steps.doneTitle);
    await p.notice(t.steps.doneKey('24 hours'));
    await u.tour('en-done');

    // R5, S2: the temporary key is in the mailbox, and the directory wants it changed.
    const key = await p.temporaryKey(mail, resetAt);
    expect(await bs.directory().checkSignIn(dn, key)).toBe('must-change');
    expect(u.problems).toEqual([]);
  });
});

describe('an enrolled user, in Chromium with JavaScript (R18, R6)', () => {
  it('asks for a link and goes straight to the questions, then to the done page', async () => {
    const { uid, mail, enrollment } = await enrolledUser(bs);
    const u = await bs.open({ language: 'en' });
    const p = pages(bs, u, 'en');
    const { t } = p;
    await p.openStart();
    await u.check('en-start');
    const requestedAt = new Date();
    await p.requestLink(uid);
    await u.check('en-start-sent');

    await p.openMailedLink(mail, { after: requestedAt });
    await u.heading(t.link.title);
    await u.check('en-link');
    await u.submit();
    await u.heading(t.steps.answerTitle);
    await u.check('en-answers');
    await p.fillAnswers(
      new Map(enrollment.questionIds.map((id, i) => [id, enrollment.answers[i] as string])),
    );
    const resetAt = new Date();
    await u.submit();
    await u.heading(t.steps.doneTitle);
    await u.check('en-done');
    await p.temporaryKey(mail, resetAt);
    expect(u.problems).toEqual([]);
  });
});

describe('the user chooses the new password (S2, stricter mode)', () => {
  it('a password the directory refuses is explained at the field; the next one is set', async () => {
    await changePolicy(bs.stack.db, { reset_mode: 'user-chooses' }, 'test');
    try {
      const { uid, mail, dn, enrollment } = await enrolledUser(bs);
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
      expect(await u.text('#main .progress')).toBe(t.steps.progress(1, 2));
      await u.check('en-answers (step 1 of 2)');
      await p.fillAnswers(
        new Map(enrollment.questionIds.map((id, i) => [id, enrollment.answers[i] as string])),
      );
      await u.submit();

      // The directory's rules come first; a password it refuses is explained at the field.
      await u.heading(t.steps.passwordTitle);
      expect(await u.text('#password-rules')).toContain(t.steps.ruleMinLength(8));
      await u.tour('en-password');
      await u.page.locator('#password').fill('Short-1');
      await u.page.locator('#passwordConfirm').fill('Short-1');
      await markDocument(u);
      await u.page.locator('#passwordConfirm').press('Enter');
      await u.page
        .locator('#password-error', { hasText: t.fields.password['too-short'] })
        .waitFor();
      await waitForFocus(u, '#password');
      expect(await stillSameDocument(u)).toBe(true);
      await u.tour('en-password-refused');

      await u.page.locator('#password').fill('A-Much-Better-One-7');
      await u.page.locator('#passwordConfirm').fill('A-Much-Better-One-7');
      await u.submit();
      await u.heading(t.steps.doneTitle);
      await p.notice(t.steps.doneChosen);
      await u.tour('en-done-chosen');
      expect(await bs.directory().checkSignIn(dn, 'A-Much-Better-One-7')).toBe('ok');
      expect(await bs.directory().checkSignIn(dn, initialPassword)).toBe('invalid');
      expect(u.problems).toEqual([]);
    } finally {
      await changePolicy(bs.stack.db, { reset_mode: 'temporary-key' }, 'test');
    }
  });
});
