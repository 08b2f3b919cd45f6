import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findEnrollment } from '../../db/enrollments';
import { changePolicy } from '../../db/policy';
import { browser } from '../../dev/form-browser';
import { messagesFor } from '../../i18n';
import {
  type SessionProof,
  submitAddedQuestions,
  submitAnswers,
  submitEnrollment,
} from '../../workflows/messages';
import { decodeHistory } from '../support/history-payloads';
import { historyText } from '../support/history-text';
import { journeys } from '../support/journey';
import { breakGlassAdmin, type Stack, startStackOn } from '../support/stack';
import type { TestDirectory } from '../support/test-directory';

/**
 * R7: the questions are set up once. An admin raising the policy's minimum does not make an
 * enrolled user enrol again (which the e-mailed link alone would allow: whoever reads the
 * mailbox would choose new answers and a new alternate address, then reset the password); the
 * user answers the questions they have, then adds only the missing ones. Every change of the
 * questions is announced to both addresses, with no secret in it. On OpenLDAP and Samba AD.
 */
const t = messagesFor('es');
const changedSubject = 'Cambió la configuración';
const firstAnswer = 'Firulais';
const secondAnswer = 'Valparaíso';

const directories: Array<[string, TestDirectory | undefined]> = [
  ['OpenLDAP', inject('servers').directory],
  ['Samba AD (skipped when not root)', inject('servers').activeDirectory],
];

for (const [name, directory] of directories) {
  describe.skipIf(!directory)(`a raised minimum of questions on ${name} (R7, S5)`, () => {
    let stack: Stack<TestDirectory>;
    let user: ReturnType<typeof journeys>;
    let questions: number[];

    beforeAll(async () => {
      stack = await startStackOn(directory as TestDirectory);
      user = journeys(stack);
      await changePolicy(stack.db, { min_questions: 1 }, 'test');
      questions = (await stack.db.selectFrom('questions').select('id').execute()).map((q) => q.id);
    });
    afterAll(async () => {
      await stack?.stop();
    });

    /** The announcements of changes that reached `to`, in order: with no secret in them. */
    async function announcements(to: string, since: Date) {
      await user.waitForMail(to, { after: since, subjectIncludes: changedSubject });
      const texts = (await stack.mail.list(to))
        .filter((m) => m.subject.includes(changedSubject))
        .map((m) => m.text);
      for (const secret of [firstAnswer, secondAnswer, '/link/', '/verify/']) {
        for (const text of texts) expect(text).not.toContain(secret);
      }
      return texts;
    }

    /** A user who enrolled with one question while the policy asked for one; now it asks two. */
    async function enrolledBeforeTheRaise() {
      const [own] = questions as [number];
      const { uid, mail, workflowId } = await user.newUser();
      const alternateMail = `${uid}.alt@example.net`;
      await changePolicy(stack.db, { min_questions: 1 }, 'test');
      const enrolledAt = new Date();
      await user.requestLink(uid);
      const enrolling = await user.linkFor(mail, { subjectIncludes: 'Configure' });
      const { proof } = await user.openLink(enrolling.path);
      expect(
        await stack.recoveries.submit(workflowId, submitEnrollment, {
          ...(proof as SessionProof),
          alternateMail,
          alternateMailConfirm: alternateMail,
          answers: [{ questionId: own, answer: firstAnswer }],
        }),
      ).toEqual({ ok: true, result: { ok: true } });
      await user.linkFor(mail, { after: enrolledAt, subjectIncludes: 'Continúe' });
      await stack.client.workflow.getHandle(workflowId).terminate('the test starts a new one');
      await changePolicy(stack.db, { min_questions: 2 }, 'test');
      return { uid, mail, workflowId, alternateMail };
    }

    /** The break-glass admin deletes the user's questions from the console. */
    async function adminDeletesQuestions(uid: string) {
      const admin = browser(stack.app, { language: 'es' });
      await admin.get('/admin/sign-in');
      expect((await admin.post('/admin/sign-in', breakGlassAdmin)).status).toBe(303);
      await admin.get(`/admin/users/${uid}/delete-questions`);
      expect((await admin.post(`/admin/users/${uid}/delete-questions`, {})).status).toBe(303);
    }

    it('a stranger with the link is asked the old questions; the user adds only the missing ones', async () => {
      const [own, other] = questions as [number, number];
      const { uid, mail, workflowId, alternateMail } = await enrolledBeforeTheRaise();

      // The next link still leads to the user's own question.
      const requestedAt = new Date();
      await user.requestLink(uid);
      const link = await user.linkFor(mail, { after: requestedAt });
      expect(link.message.subject).toContain('Continúe');
      const opened = await user.openLink(link.path);
      const page = opened.browser;
      const asked = await page.get('/recovery');
      expect(asked.body).toContain('action="/recovery/answers"');
      expect(asked.body).toContain(`name="answer-${own}"`);
      expect(asked.body).not.toContain('name="alternateMail"');

      // The enrollment form is refused at the answering step, from the page and the client.
      const session = opened.proof as SessionProof;
      const strangerMail = `${uid}.stranger@example.net`;
      const overwrite = {
        alternateMail: strangerMail,
        alternateMailConfirm: strangerMail,
        questionId: [String(own), String(other)],
        answer: ['stranger-one', 'stranger-two'],
      };
      expect((await page.post('/recovery/enroll', overwrite)).status).toBe(303);
      const forged = {
        ...session,
        alternateMail: strangerMail,
        alternateMailConfirm: strangerMail,
        answers: overwrite.questionId.map((id, i) => ({
          questionId: Number(id),
          answer: overwrite.answer[i] as string,
        })),
      };
      expect(await stack.recoveries.submit(workflowId, submitEnrollment, forged)).toEqual({
        ok: false,
        reason: 'step',
      });

      // Right answers: then only the missing question, from those the user has not.
      await page.get('/recovery');
      expect(
        (await page.post('/recovery/answers', { [`answer-${own}`]: firstAnswer })).status,
      ).toBe(303);
      const adding = await page.get('/recovery');
      expect(adding.body).toContain('action="/recovery/add-questions"');
      expect(adding.body).toContain(t.steps.addQuestionsIntro(1));
      expect(adding.body.match(/name="questionId"/g)).toHaveLength(1);
      expect(adding.body).not.toContain(`<option value="${own}"`);
      expect(adding.body).toContain(`<option value="${other}"`);
      expect(adding.body).not.toContain('name="alternateMail"');
      expect(await stack.recoveries.submit(workflowId, submitEnrollment, forged)).toEqual({
        ok: false,
        reason: 'step',
      });

      // The question the user has, or the answer they gave, is refused at its field.
      const again = await page.post('/recovery/add-questions', {
        questionId: String(own),
        answer: secondAnswer,
      });
      expect(again.status).toBe(422);
      expect(again.body).toContain(t.fields.questions.duplicate);
      const repeated = await page.post('/recovery/add-questions', {
        questionId: String(other),
        answer: firstAnswer.toUpperCase(),
      });
      expect(repeated.status).toBe(422);
      expect(repeated.body).toContain(t.fields.answers.repeated);

      const addedAt = new Date();
      const added = await page.post('/recovery/add-questions', {
        questionId: String(other),
        answer: secondAnswer,
      });
      expect(added.status).toBe(303);
      expect(await user.outcomeOf(uid)).toBe('password-reset');
      // The added answer entered history sealed, even for an operator who decodes it.
      const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
      const decoded = historyText(await decodeHistory(history, stack.codec));
      expect(decoded).toContain('submitAddedQuestions');
      expect(decoded).not.toContain(secondAnswer);
      expect(historyText(history)).not.toContain(secondAnswer);
      await user.waitForMail(mail, { after: addedAt, subjectIncludes: 'contraseña temporal' });
      // Both addresses heard of the enrollment, then of the added question.
      const changes = ['se configuraron preguntas', 'se agregaron preguntas'];
      for (const address of [mail, alternateMail]) {
        const texts = (await announcements(address, addedAt)).join('\n');
        for (const says of changes) expect(texts).toContain(says);
      }

      // The alternate address and the first answer are the user's own, as before.
      expect(await findEnrollment(stack.db, uid)).toMatchObject({
        alternateMail,
        questionIds: [own, other].sort((a, b) => a - b),
      });
      expect((await stack.mail.list(strangerMail)).length).toBe(0);

      // An admin deletes the questions: both addresses hear of that too.
      const deletedAt = new Date();
      await adminDeletesQuestions(uid);
      for (const address of [mail, alternateMail]) {
        const texts = await announcements(address, deletedAt);
        expect(texts).toHaveLength(3);
        for (const says of [...changes, 'eliminó las preguntas']) {
          expect(texts.join('\n')).toContain(says);
        }
      }
    });

    it('questions deleted while the user adds the missing ones end the recovery', async () => {
      const [own, other] = questions as [number, number];
      const { uid, mail, workflowId } = await enrolledBeforeTheRaise();
      const requestedAt = new Date();
      await user.requestLink(uid);
      const link = await user.linkFor(mail, { after: requestedAt, subjectIncludes: 'Continúe' });
      const session = (await user.openLink(link.path)).proof as SessionProof;
      expect(
        await stack.recoveries.submit(workflowId, submitAnswers, {
          ...session,
          answers: [{ questionId: own, answer: firstAnswer }],
        }),
      ).toEqual({ ok: true, result: { ok: true } });
      expect(await user.stateOf(uid)).toMatchObject({ step: 'add-questions', missingQuestions: 1 });

      await adminDeletesQuestions(uid);
      expect(await user.outcomeOf(uid)).toBe('questions-deleted');
      const late = await stack.recoveries.submit(workflowId, submitAddedQuestions, {
        ...session,
        answers: [{ questionId: other, answer: secondAnswer }],
      });
      expect(late).toMatchObject({ ok: false });
      expect(await findEnrollment(stack.db, uid)).toBeUndefined();
    });
  });
}
