import { describe, expect, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { currentPolicy } from '../../db/policy';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import { pages } from './support/steps';
import type { UserPage } from './support/user-page';

/** The policy page (R6, R12) in a real browser: each field's check, the history, the snapshot. */
let bs: BrowserStack;

useBrowserStack((started) => {
  bs = started;
});

/** The policy form's button (the navigation's sign-out is a form too). */
function save(u: UserPage) {
  return u.page.locator('form.card button[type="submit"]').click();
}

/** Each number field with a value out of its range, and the range its message names. */
const outOfRange = {
  minQuestions: { typed: '16', min: 1, max: 15 },
  linkTtlMinutes: { typed: '0', min: 1, max: 1440 },
  resendLimitPerHour: { typed: '21', min: 0, max: 20 },
  linkMailsPerHour: { typed: '101', min: 1, max: 100 },
  maxWrongAnswers: { typed: 'five', min: 1, max: 20 },
  lockoutMinutes: { typed: '10081', min: 1, max: 10_080 },
  temporaryKeyHours: { typed: '-1', min: 1, max: 168 },
  minAnswerLength: { typed: '2.5', min: 1, max: 50 },
} as const;

describe.each(['es', 'en'] as const)('the policy page in %s (R6, R12)', (language: Locale) => {
  const t = adminTexts(language);

  it('says what is wrong with each field, beside it, and keeps everything typed', async () => {
    const u = await signedInAdmin(bs, language);
    await u.page.goto('/admin/policy');
    await u.heading(t.policyTitle);
    for (const [name, field] of Object.entries(outOfRange)) {
      await u.page.locator(`#${name}`).fill(field.typed);
    }
    await u.page.locator('#senderAddress').fill('not an address');
    // A value no option offers, as a tampered form would send it.
    await u.page.locator('#resetMode').evaluate((select) => {
      const html = select as unknown as { innerHTML: string };
      html.innerHTML += '<option value="admin-chooses" selected>?</option>';
    });
    await save(u);
    await u.heading(t.policyTitle);
    for (const [name, field] of Object.entries(outOfRange)) {
      expect(await u.text(`#${name}-error`), name).toBe(t.problems.range(field.min, field.max));
      expect(await u.page.locator(`#${name}`).getAttribute('aria-invalid')).toBe('true');
      expect(await u.page.locator(`#${name}`).inputValue()).toBe(field.typed);
    }
    expect(await u.text('#senderAddress-error')).toBe(t.problems.email);
    expect(await u.page.locator('#senderAddress').inputValue()).toBe('not an address');
    expect(await u.text('#resetMode-error')).toBe(t.problems.mode);
    await u.tour(`admin-policy-errors-${language}`);
    expect(await currentPolicy(bs.stack.db)).toMatchObject({ min_questions: 3 });

    // Within 1-15, but more than the catalog's active questions (R6).
    const active = await bs.stack.db
      .selectFrom('questions')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow();
    await u.page.goto('/admin/policy');
    await u.page.locator('#minQuestions').fill(String(Number(active.n) + 1));
    await save(u);
    expect(await u.text('#minQuestions-error')).toBe(t.problems.moreThanCatalog(Number(active.n)));
    expect(u.problems).toEqual([]);
  });
});

describe('a saved policy (R6, R12)', () => {
  it('is a new version in the history, and a recovery already running keeps the one it started with', async () => {
    const before = await currentPolicy(bs.stack.db);
    const user = await bs.user.newUser();
    const requested = new Date();
    await bs.user.requestLink(user.uid);
    // The recovery has snapshot the policy once its link is out.
    await bs.user.waitForMail(user.mail, { after: requested });

    const admin = await signedInAdmin(bs, 'en');
    const t = adminTexts('en');
    await admin.page.goto('/admin/policy');
    await admin.page.locator('#minQuestions').fill(String(before.min_questions + 1));
    await admin.page.locator('#linkTtlMinutes').fill('45');
    await admin.page.locator('#resetMode').selectOption('user-chooses');
    await save(admin);
    await admin.page.locator('#main .notice-success', { hasText: t.policySaved }).waitFor();
    const history = await admin.text('table.history tbody tr:first-child');
    expect(history).toContain(`admin:${'root-admin'}`);
    expect(history).toContain(
      `${t.fields.minQuestions}: ${before.min_questions} → ${before.min_questions + 1}`,
    );
    expect(history).toContain(`${t.fields.linkTtlMinutes}: 15 → 45`);
    expect(history).toContain(`${t.fields.resetMode}: temporary password → the user chooses`);
    await admin.tour('admin-policy-saved-en');

    // The user's link, from before the change: the enrollment asks the old number of questions.
    const u = await bs.open({ language: 'es' });
    const p = pages(bs, u, 'es');
    await p.openMailedLink(user.mail, { after: requested });
    await u.submit();
    await u.page.locator('#alternateMail').waitFor();
    expect(await u.page.locator('select[id^="question"]').count()).toBe(before.min_questions);
    expect([...admin.problems, ...u.problems]).toEqual([]);
  });
});
