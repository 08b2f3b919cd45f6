import { describe, expect, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { changePolicy } from '../../db/policy';
import { listCatalog } from '../../db/question-catalog';
import { breakGlassAdmin } from '../support/stack';
import { adminTexts, signedInAdmin } from './support/admin-console';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import { enrolledUser, pages, questionCount } from './support/steps';
import type { UserPage } from './support/user-page';

/** The admin console's question catalog (R16) and the policy's minimum it protects (R6). */
let bs: BrowserStack;

useBrowserStack((started) => {
  bs = started;
});

/** What one admin window does on the catalog's pages. */
function catalogPages(u: UserPage, language: Locale) {
  const t = adminTexts(language).questions;
  const page = u.page;
  const row = (id: number) => page.locator(`#question-${id}`);
  return {
    t,
    row,
    async open() {
      await page.goto('/admin/questions');
      await u.heading(t.title);
    },
    async add(texts: { textEs: string; textEn: string }) {
      await page.locator('#textEs').fill(texts.textEs);
      await page.locator('#textEn').fill(texts.textEn);
      await page.getByRole('button', { name: t.add }).click();
    },
    /** Presses the row's Disable or Enable button. */
    async toggle(id: number, to: 'disable' | 'enable') {
      const label = to === 'disable' ? t.disableLabel(id) : t.enableLabel(id);
      await row(id).getByRole('button', { name: label }).click();
    },
    async notice(text: string) {
      await page.locator('#main .notice', { hasText: text }).waitFor();
    },
    async fieldError(id: string) {
      return u.text(`#${id}-error`);
    },
  };
}

/** The audit events an admin's catalog changes left, oldest first. */
async function catalogAudit(event: string) {
  return bs.stack.db
    .selectFrom('audit_events')
    .select(['actor', 'outcome', 'details'])
    .where('event', '=', event)
    .orderBy('id')
    .execute();
}

describe('the question catalog (R16)', () => {
  it('en: lists both texts; adds (mistakes first, at their fields), edits, disables, enables and deletes', async () => {
    const u = await signedInAdmin(bs, 'en');
    const q = catalogPages(u, 'en');
    const { t } = q;
    await q.open();
    const catalog = await listCatalog(bs.stack.db);
    // Each text in its own language, for screen readers.
    for (const question of catalog) {
      const texts = (lang: string) => q.row(question.id).locator(`span[lang="${lang}"]`);
      expect(await texts('es').textContent()).toBe(question.textEs);
      expect(await texts('en').textContent()).toBe(question.textEn);
    }
    await u.tour('admin-en-questions');

    // Nothing in Spanish, and an English text another question has (case, spaces, "?" aside).
    const firstJob = catalog.find((c) => c.textEn === 'What was your first job?');
    await q.add({ textEs: '  ', textEn: '  what was your   FIRST job ' });
    await u.page.locator('#textEs-error').waitFor();
    expect(await q.fieldError('textEs')).toBe(t.problems.required);
    expect(await q.fieldError('textEn')).toBe(t.problems.duplicate(firstJob?.id ?? 0));
    expect(await u.page.locator('#textEn').inputValue()).toBe('  what was your   FIRST job ');
    expect(await u.page.locator('#textEn').getAttribute('aria-invalid')).toBe('true');
    await u.tour('admin-en-questions-errors');

    await q.add({
      textEs: '¿Cuál era tu comida favorita de niño?',
      textEn: 'What was your favourite food as a child?',
    });
    await q.notice(t.done.added);
    const added = (await listCatalog(bs.stack.db)).at(-1);
    if (!added) throw new Error('no question was added');
    expect(added).toMatchObject({
      textEn: 'What was your favourite food as a child?',
      active: true,
    });
    expect(await u.text(`#question-${added.id} td:nth-child(3)`)).toBe('0');

    // Nobody enrolled with it: edited freely, without a warning.
    await q
      .row(added.id)
      .getByRole('link', { name: t.editLabel(added.id) })
      .click();
    await u.heading(t.editTitle(added.id));
    expect(await u.page.locator('#sameMeaning').count()).toBe(0);
    await u.page.locator('#textEn').fill('What was your favourite meal as a child?');
    await u.page.getByRole('button', { name: t.save }).click();
    await q.notice(t.done.changed);

    await q.toggle(added.id, 'disable');
    await q.notice(t.done.disabled);
    expect(await u.text(`#question-${added.id} td:nth-child(4)`)).toBe(t.disabled);
    await q.toggle(added.id, 'enable');
    await q.notice(t.done.enabled);
    expect(await u.text(`#question-${added.id} td:nth-child(4)`)).toBe(t.active);

    // Never used: it may be deleted, after a confirmation.
    await q
      .row(added.id)
      .getByRole('link', { name: t.editLabel(added.id) })
      .click();
    await u.page.getByRole('link', { name: t.delete }).click();
    await u.heading(t.confirmDeleteTitle(added.id));
    await u.tour('admin-en-questions-delete');
    await u.page.getByRole('button', { name: t.confirmDeleteButton }).click();
    await q.notice(t.done.deleted);
    expect(await q.row(added.id).count()).toBe(0);

    const actor = `admin:${breakGlassAdmin.user}`;
    for (const event of [
      'question-added',
      'question-changed',
      'question-disabled',
      'question-enabled',
      'question-deleted',
    ]) {
      expect((await catalogAudit(event)).at(-1), event).toMatchObject({ actor, outcome: 'ok' });
    }
    expect(JSON.parse((await catalogAudit('question-changed')).at(-1)?.details ?? '{}')).toEqual({
      question: added.id,
      textEsBefore: '¿Cuál era tu comida favorita de niño?',
      textEnBefore: 'What was your favourite food as a child?',
      textEs: '¿Cuál era tu comida favorita de niño?',
      textEn: 'What was your favourite meal as a child?',
      enrolled: 0,
    });
    expect(u.problems).toEqual([]);
  });

  it('es: a question users enrolled with warns, asks that only the wording changed, and cannot be deleted', async () => {
    const { enrollment } = await enrolledUser(bs);
    const id = enrollment.questionIds[0] as number;
    const before = (await listCatalog(bs.stack.db)).find((c) => c.id === id);
    const u = await signedInAdmin(bs, 'es');
    const q = catalogPages(u, 'es');
    const { t } = q;
    await q.open();
    expect(Number(await u.text(`#question-${id} td:nth-child(3)`))).toBeGreaterThanOrEqual(1);
    await q
      .row(id)
      .getByRole('link', { name: t.editLabel(id) })
      .click();
    await u.heading(t.editTitle(id));
    const enrolled = (await listCatalog(bs.stack.db)).find((c) => c.id === id)?.enrolled ?? 0;
    await q.notice(t.enrolledWarning(enrolled));
    expect(await u.page.getByRole('link', { name: t.delete }).count()).toBe(0);

    const fixed = `${before?.textEs.replace('primera', 'primer')}`;
    await u.page.locator('#textEs').fill(fixed);
    await u.page.getByRole('button', { name: t.save }).click();
    expect(await q.fieldError('sameMeaning')).toBe(t.problems.sameMeaning);
    expect(await u.page.locator('#textEs').inputValue()).toBe(fixed);
    await u.tour('admin-es-question-enrolled');

    await u.page.getByLabel(t.sameMeaning).check();
    await u.page.getByRole('button', { name: t.save }).click();
    await q.notice(t.done.changed);
    expect((await listCatalog(bs.stack.db)).find((c) => c.id === id)?.textEs).toBe(fixed);
    expect(u.problems).toEqual([]);
  });
});

describe('the catalog keeps what the policy asks for (R6), and enrollment offers only active questions (R16)', () => {
  it('es: disabling is refused when fewer active questions than the policy asks would be left', async () => {
    const active = (await listCatalog(bs.stack.db)).filter((c) => c.active);
    const minimum = await questionCount(bs);
    await changePolicy(bs.stack.db, { min_questions: active.length }, 'test');
    try {
      const u = await signedInAdmin(bs, 'es');
      const q = catalogPages(u, 'es');
      await q.open();
      const id = active[0]?.id as number;
      await q.toggle(id, 'disable');
      await q.notice(q.t.problems.belowMinimum(active.length, active.length));
      expect(await u.text(`#question-${id} td:nth-child(4)`)).toBe(q.t.active);
      await u.tour('admin-es-questions-minimum');
      expect((await catalogAudit('question-disabled')).at(-1)).toMatchObject({
        outcome: 'refused',
      });
      expect(u.problems).toEqual([]);
    } finally {
      await changePolicy(bs.stack.db, { min_questions: minimum }, 'test');
    }
  });

  it('en: a disabled question is no longer offered at enrollment', async () => {
    const admin = await signedInAdmin(bs, 'en');
    const q = catalogPages(admin, 'en');
    await q.open();
    const retired = (await listCatalog(bs.stack.db)).filter((c) => c.active).at(-1);
    if (!retired) throw new Error('no active question');
    await q.toggle(retired.id, 'disable');
    await q.notice(q.t.done.disabled);
    try {
      const { uid, mail } = await bs.user.newUser();
      const u = await bs.open({ language: 'en' });
      const p = pages(bs, u, 'en');
      await p.openStart();
      const requestedAt = new Date();
      await p.requestLink(uid);
      await p.openMailedLink(mail, { after: requestedAt, subjectIncludes: 'Set up' });
      await u.heading(p.t.link.title);
      await u.submit();
      await u.heading(p.t.steps.enrollTitle);
      const offered = await u.page
        .locator('#question1 option[value]:not([value=""])')
        .evaluateAll((options) => options.map((o) => Number(o.getAttribute('value'))));
      const active = (await listCatalog(bs.stack.db)).filter((c) => c.active).map((c) => c.id);
      expect(offered).toEqual(active);
      expect(offered).not.toContain(retired.id);
    } finally {
      await q.toggle(retired.id, 'enable');
      await q.notice(q.t.done.enabled);
    }
  });
});
