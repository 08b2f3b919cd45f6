import { beforeAll, describe, expect, it } from 'vitest';
import { type SessionProof, submitAnswers } from '../../workflows/messages';
import { patienceMs } from '../support/stack';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import { enrolledUser } from './support/steps';
import type { UserPage } from './support/user-page';

/**
 * The admin dashboard in a real browser: the chart shows recoveries that really
 * ended (a password reset, a user without mail: R1), and the running panel the ones that wait
 * at a step, counted by Temporal's visibility (R21).
 */
let bs: BrowserStack;

useBrowserStack((started) => {
  bs = started;
});
beforeAll(async () => {
  // One recovery ends with a temporary key: a password reset (R5).
  const done = await enrolledUser(bs);
  const { path } = await bs.user.linkFor(done.mail, { subjectIncludes: 'Continúe' });
  const { proof } = await bs.user.openLink(path);
  const answered = await bs.stack.recoveries.submit(done.workflowId, submitAnswers, {
    ...(proof as SessionProof),
    answers: done.enrollment.questionIds.map((questionId, i) => ({
      questionId,
      answer: done.enrollment.answers[i] ?? '',
    })),
  });
  expect(answered).toEqual({ ok: true, result: { ok: true } });
  expect(await bs.user.outcomeOf(done.uid)).toBe('password-reset');
  // One ends quietly: no mail (R1).
  const noMail = await bs.user.newUser({ mail: false });
  await bs.user.requestLink(noMail.uid);
  expect(await bs.user.outcomeOf(noMail.uid)).toBe('no-mail');
  // One waits for the answering link's click; one is at its enrollment form.
  await enrolledUser(bs);
  const enrolling = await bs.user.newUser();
  await bs.user.requestLink(enrolling.uid);
  const enrollLink = await bs.user.linkFor(enrolling.mail, { subjectIncludes: 'Configure' });
  await bs.user.openLink(enrollLink.path);
});

/** The running panel's count for a step, once Temporal's visibility has caught up. */
async function runningCount(u: UserPage, status: string, expected: string) {
  const cell = u.page.locator(`tr[data-status="${status}"] td`);
  const until = Date.now() + patienceMs;
  while ((await cell.textContent()) !== expected && Date.now() < until) {
    await u.page.reload();
  }
  return cell.textContent();
}

describe.each(['es', 'en'] as const)('the dashboard in %s', (language) => {
  const t = adminTexts(language).dashboard;

  it('charts the recoveries that ended today by outcome, and counts the running ones by step', async () => {
    const u = await signedInAdmin(bs, language);
    await u.heading(t.title);
    expect(await runningCount(u, 'waiting-for-click', '1')).toBe('1');
    expect(await runningCount(u, 'enrolling', '1')).toBe('1');
    expect(await u.text('.running tfoot td')).toBe('2');

    // The chart: an image named by its title, with a stacked bar for today.
    const chart = u.page.getByRole('img', { name: t.chartTitle(14) });
    await chart.waitFor();
    expect(await u.page.locator('svg rect.o-reset').count()).toBe(1);
    expect(await u.page.locator('svg rect.o-quiet').count()).toBe(1);
    const legend = await u.text('.legend');
    expect(legend).toContain(`${t.groups.reset} (1)`);
    expect(legend).toContain(`${t.groups.quiet} (1)`);
    // Screen readers get the numbers from the table: today's row, the last one.
    const today = u.page.locator('.chart table tbody tr').last();
    expect(await today.locator('td').allTextContents()).toEqual([
      '1',
      '0',
      '0',
      '0',
      '0',
      '1',
      '2',
    ]);
    expect(await u.page.locator('.chart table tbody tr').count()).toBe(14);
    await u.tour(`admin-dashboard-${language}`);

    await u.page.getByRole('link', { name: t.lastDays(30) }).click();
    await u.page.getByRole('img', { name: t.chartTitle(30) }).waitFor();
    expect(await u.page.locator('.chart table tbody tr').count()).toBe(30);
    expect(u.problems).toEqual([]);
  });
});
