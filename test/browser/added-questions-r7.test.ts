import { describe, expect, it } from 'vitest';
import type { Locale } from '../../common/domain/locale';
import { changePolicy } from '../../db/policy';
import { type BrowserStack, useBrowserStack } from './support/browser-stack';
import { enrolledUser, goodAnswers, pages, questionCount, questionIds } from './support/steps';

/**
 * R7: after the admin raised the minimum, an enrolled user answers the questions they have,
 * then adds only the missing one, on a page checked with axe-core, in both languages, with
 * and without JavaScript.
 */
let bs: BrowserStack;

useBrowserStack((started) => {
  bs = started;
});

describe('a raised minimum of questions, in Chromium (R7)', () => {
  const runs: Array<[Locale, boolean]> = [
    ['es', false],
    ['en', true],
  ];
  it.each(runs)(
    'in %s (JavaScript: %s) the user adds only the missing question',
    async (language, javaScript) => {
      const enrolled = await enrolledUser(bs);
      const count = await questionCount(bs);
      // A recovery keeps the policy it started with: the raised minimum is for the next one.
      await bs.stack.client.workflow
        .getHandle(enrolled.workflowId)
        .terminate('the test starts anew');
      await changePolicy(bs.stack.db, { min_questions: count + 1 }, 'test');
      try {
        const u = await bs.open({ language, javaScript });
        const p = pages(bs, u, language);
        const { t } = p;
        await p.openStart();
        const requestedAt = new Date();
        await p.requestLink(enrolled.uid);
        await p.openMailedLink(enrolled.mail, { after: requestedAt });
        await u.heading(t.link.title);
        await u.submit();

        // The questions the user has, right: then the page that asks for one more, and only that.
        await u.heading(t.steps.answerTitle);
        const own = enrolled.enrollment.questionIds;
        await p.fillAnswers(new Map(own.map((id, i) => [id, goodAnswers[i] as string])));
        await u.submit();
        await u.heading(t.steps.addQuestionsTitle);
        await u.tour(`${language}-add-questions`);
        expect(await u.page.locator('#main select').count()).toBe(1);
        expect(await u.page.locator('#alternateMail').count()).toBe(0);
        const offered = await u.page
          .locator('#question1 option')
          .evaluateAll((options) =>
            options.map((o) => Number((o as unknown as { value: string }).value)),
          );
        expect(offered.filter((id) => own.includes(id))).toEqual([]);

        const added = (await questionIds(bs)).find((id) => !own.includes(id)) as number;
        await u.page.locator('#question1').selectOption(String(added));
        await u.page.locator('#answer1').fill(goodAnswers[count] as string);
        await u.submit();
        await u.heading(t.steps.doneTitle);
        expect(u.problems).toEqual([]);
      } finally {
        await changePolicy(bs.stack.db, { min_questions: count }, 'test');
      }
    },
  );
});
