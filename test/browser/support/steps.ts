import { expect } from 'vitest';
import type { Locale } from '../../../common/domain/locale';
import { recoveryWorkflowId } from '../../../common/domain/workflow-ids';
import { createUser } from '../../../dev/ldap-users';
import { messagesFor } from '../../../i18n';
import { submitEnrollment } from '../../../workflows/messages';
import { initialPassword } from '../../support/journey';
import { patienceMs } from '../../support/stack';
import type { BrowserStack } from './browser-stack';
import type { PageGlobals } from './page-globals';
import type { UserPage } from './user-page';

/** What an enrolled user answered: question ids (in the catalog's order) and the answers. */
export interface Enrollment {
  alternateMail: string;
  questionIds: number[];
  answers: string[];
}

/** Answers that pass the default rules (3 characters or more, all different, not the name). */
export const goodAnswers = ['Firulais', 'Valparaíso', 'Escuela 21', 'Panadero', 'Pedro'];

/**
 * A user in the directory with a main address. `uid` gives a readable name for the tour's
 * screenshots; if a directory kept from an earlier run already has it, a unique one is used.
 */
export async function newDirectoryUser(bs: BrowserStack, uid?: string) {
  if (uid) {
    const mail = `${uid}@example.org`;
    try {
      const dn = await createUser(bs.stack.directory, {
        uid,
        givenName: 'Ana',
        sn: 'García',
        mail,
        password: initialPassword,
      });
      return { uid, mail, dn, workflowId: recoveryWorkflowId(uid) };
    } catch {
      // Taken: fall through to a unique name.
    }
  }
  return bs.user.newUser();
}

/** The active questions' ids, in the catalog's order (the order of the pickers' options). */
export async function questionIds(bs: BrowserStack): Promise<number[]> {
  const rows = await bs.stack.db
    .selectFrom('questions')
    .select('id')
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** How many questions the policy in force asks for. */
export async function questionCount(bs: BrowserStack): Promise<number> {
  const policy = await bs.stack.db
    .selectFrom('policy_versions')
    .select('min_questions')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return policy.min_questions;
}

/**
 * A user who enrolled in an earlier recovery, through the same client calls the pages make
 * (test/integration/journeys.test.ts does the same): the browser tests then start a new one.
 */
export async function enrolledUser(bs: BrowserStack) {
  const user = await bs.user.newUser();
  const ids = (await questionIds(bs)).slice(0, await questionCount(bs));
  const enrollment: Enrollment = {
    alternateMail: `${user.uid}.alt@example.net`,
    questionIds: ids,
    answers: goodAnswers.slice(0, ids.length),
  };
  const after = new Date();
  await bs.user.requestLink(user.uid);
  const { path } = await bs.user.linkFor(user.mail, { after, subjectIncludes: 'Configure' });
  const { proof } = await bs.user.openLink(path);
  if (!proof) throw new Error('the enrollment link gave no session');
  const saved = await bs.stack.recoveries.submit(user.workflowId, submitEnrollment, {
    ...proof,
    alternateMail: enrollment.alternateMail,
    alternateMailConfirm: enrollment.alternateMail,
    answers: ids.map((questionId, i) => ({ questionId, answer: enrollment.answers[i] ?? '' })),
  });
  expect(saved).toEqual({ ok: true, result: { ok: true } });
  // The answering link of that recovery (R17) has gone out; the tests ask for a new one.
  await bs.user.waitForMail(user.mail, { after, subjectIncludes: 'Continúe' });
  return { ...user, enrollment };
}

/** Steps through the pages, as the user does them, in one window and language. */
export function pages(bs: BrowserStack, u: UserPage, locale: Locale) {
  const t = messagesFor(locale);
  const page = u.page;

  return {
    t,

    /** The start page, fresh. */
    async openStart() {
      await page.goto('/');
      await u.heading(t.start.title);
    },

    /**
     * Types the username into the start form (the field has focus when the page opens) and
     * presses Enter; waits for the message at the bottom of the page (R9).
     */
    async requestLink(uid: string) {
      const field = page.locator('#username');
      await field.fill('');
      await field.pressSequentially(uid);
      await field.press('Enter');
      await page.locator('#main .notice-success').waitFor();
    },

    /** The newest mail to `to` (after `after`) with a link, opened in this window. */
    async openMailedLink(to: string, options: { after: Date; subjectIncludes?: string }) {
      const link = await bs.user.linkFor(to, options);
      // The link in the e-mail is this server's address (startBrowserStack's publicUrl).
      expect(link.url.startsWith(bs.baseUrl)).toBe(true);
      await page.goto(link.url);
      return link;
    },

    /** Fills the enrollment form: the alternate address twice, then each question and answer. */
    async fillEnrollment(values: {
      alternateMail: string;
      alternateMailConfirm?: string;
      questionIds: number[];
      answers: string[];
    }) {
      await page.locator('#alternateMail').fill(values.alternateMail);
      await page
        .locator('#alternateMailConfirm')
        .fill(values.alternateMailConfirm ?? values.alternateMail);
      for (const [i, id] of values.questionIds.entries()) {
        await page.locator(`#question${i + 1}`).selectOption(String(id));
        await page.locator(`#answer${i + 1}`).fill(values.answers[i] ?? '');
      }
    },

    /** Fills the answer form: question id → answer. */
    async fillAnswers(answers: Map<number, string>) {
      for (const [id, answer] of answers) await page.locator(`#answer-${id}`).fill(answer);
    },

    /** The page's text once it has the one message (a notice) that says `text`. */
    async notice(text: string) {
      const notice = page.locator('#main .notice', { hasText: text });
      await notice.waitFor();
      return notice;
    },

    /** The temporary key from its e-mail (R5, S2). */
    async temporaryKey(to: string, after: Date) {
      const message = await bs.user.waitForMail(to, { after, subjectIncludes: 'tempora' });
      const key = /(?:temporary password is|contraseña temporal es): (\S+)/.exec(message.text)?.[1];
      if (!key) throw new Error(`no temporary key in the e-mail to ${to}:\n${message.text}`);
      return key;
    },
  };
}

/** With JavaScript: what has focus, waited for (focus moves once htmx has swapped). */
export async function waitForFocus(u: UserPage, selector: string) {
  await u.page.waitForFunction(
    (selector) =>
      (globalThis as unknown as PageGlobals).document.activeElement?.matches(selector) === true,
    selector,
    { timeout: patienceMs },
  );
}

/** With JavaScript: the live region (#announcer) says `text`. */
export async function waitForAnnouncement(u: UserPage, text: string) {
  await u.page.waitForFunction(
    (text) =>
      (globalThis as unknown as PageGlobals).document
        .getElementById('announcer')
        ?.textContent?.trim() === text,
    text,
    { timeout: patienceMs },
  );
}

/**
 * With JavaScript: marks the window, so that a later `stillSameDocument` can tell a swap in
 * place from a full page load.
 */
export async function markDocument(u: UserPage) {
  await u.page.evaluate(() => {
    (globalThis as unknown as PageGlobals).ssprMarker = true;
  });
}

export async function stillSameDocument(u: UserPage): Promise<boolean> {
  return u.page.evaluate(() => (globalThis as unknown as PageGlobals).ssprMarker === true);
}
