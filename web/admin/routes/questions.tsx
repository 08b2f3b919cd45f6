import type { Context } from 'hono';
import { Hono } from 'hono';
import { currentPolicy } from '../../../db/policy';
import {
  addQuestion,
  changeQuestionTexts,
  enableQuestion,
  getCatalogQuestion,
  listCatalog,
  QuestionInvalid,
  type QuestionTexts,
  retireQuestion,
} from '../../../db/question-catalog';
import type { WebEnv } from '../../env';
import { auditAdmin } from '../admin-audit';
import { adminOf } from '../auth';
import type { AdminDeps } from '../deps';
import { adminPaths, questionPath } from '../paths';
import { ConfirmPage } from '../views/confirm-page';
import { QuestionEditPage } from '../views/question-edit-page';
import { type QuestionDone, QuestionsPage, refusalText } from '../views/questions-page';

type Form = Record<string, unknown>;
const text = (form: Form, name: string) => (typeof form[name] === 'string' ? form[name] : '');
const textsOf = (form: Form): QuestionTexts => ({
  textEs: text(form, 'textEs'),
  textEn: text(form, 'textEn'),
});

/**
 * The question catalog, under adminPaths.questions. Add, edit, disable or enable; delete only
 * a question nobody enrolled with. No change leaves fewer active questions than the policy
 * asks each user for. Every change is audited.
 */
export function questionRoutes(deps: AdminDeps) {
  const app = new Hono<WebEnv>();

  app.get('/', (c) => {
    const done = c.req.query('done') ?? '';
    // Only a notice's own name: never an inherited property such as toString.
    return listPage(c, {
      done: Object.hasOwn(c.var.t.admin.questions.done, done) ? (done as QuestionDone) : undefined,
    });
  });

  app.post('/', async (c) => {
    const fields = textsOf(await c.req.parseBody());
    try {
      const added = await addQuestion(deps.db, fields);
      await auditAdmin(deps.db, c, {
        event: 'question-added',
        outcome: 'ok',
        details: {
          question: added.id,
          textEs: added.textEs,
          textEn: added.textEn,
        },
      });
    } catch (error) {
      if (!(error instanceof QuestionInvalid)) throw error;
      c.status(422);
      return listPage(c, { fields, problems: error.problems });
    }
    return c.redirect(`${adminPaths.questions}?done=added`, 303);
  });

  app.get('/:id{[0-9]+}', (c) => editPage(c, Number(c.req.param('id')), {}));

  app.post('/:id{[0-9]+}', async (c) => {
    const id = Number(c.req.param('id'));
    const form = await c.req.parseBody();
    const fields = textsOf(form);
    const sameMeaning = form.sameMeaning === '1';
    try {
      const changed = await changeQuestionTexts(deps.db, id, fields, sameMeaning);
      if (!changed) return c.notFound();
      const { before, after } = changed;
      if (before.textEs !== after.textEs || before.textEn !== after.textEn) {
        await auditAdmin(deps.db, c, {
          event: 'question-changed',
          outcome: 'ok',
          details: {
            question: id,
            textEsBefore: before.textEs,
            textEnBefore: before.textEn,
            textEs: after.textEs,
            textEn: after.textEn,
            enrolled: before.enrolled,
          },
        });
      }
    } catch (error) {
      if (!(error instanceof QuestionInvalid)) throw error;
      c.status(422);
      return editPage(c, id, { fields, sameMeaning, problems: error.problems });
    }
    return c.redirect(`${adminPaths.questions}?done=changed`, 303);
  });

  app.post('/:id{[0-9]+}/active', async (c) => {
    const id = Number(c.req.param('id'));
    if ((await c.req.parseBody()).active === '1') {
      if (!(await enableQuestion(deps.db, id))) return c.notFound();
      await auditAdmin(deps.db, c, {
        event: 'question-enabled',
        outcome: 'ok',
        details: { question: id },
      });
      return c.redirect(`${adminPaths.questions}?done=enabled`, 303);
    }
    const result = await retireQuestion(deps.db, id, 'disable');
    if (!result) return c.notFound();
    if (!('ok' in result)) {
      await auditAdmin(deps.db, c, {
        event: 'question-disabled',
        outcome: 'refused',
        details: { question: id, ...result },
      });
      c.status(409);
      return listPage(c, { refusal: result });
    }
    await auditAdmin(deps.db, c, {
      event: 'question-disabled',
      outcome: 'ok',
      details: { question: id },
    });
    return c.redirect(`${adminPaths.questions}?done=disabled`, 303);
  });

  app.get('/:id{[0-9]+}/delete', async (c) => {
    const question = await getCatalogQuestion(deps.db, Number(c.req.param('id')));
    if (!question) return c.notFound();
    const t = c.var.t.admin.questions;
    return c.html(
      <ConfirmPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        title={t.confirmDeleteTitle(question.id)}
        action={questionPath(question.id, 'delete')}
        confirmLabel={t.confirmDeleteButton}
        cancelHref={questionPath(question.id)}
        cancelLabel={t.cancel}
      >
        <p>
          <span lang="es">{question.textEs}</span>
          <br />
          <span lang="en">{question.textEn}</span>
        </p>
        <p>{t.confirmDelete}</p>
      </ConfirmPage>,
    );
  });

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const id = Number(c.req.param('id'));
    const result = await retireQuestion(deps.db, id, 'remove');
    if (!result) return c.notFound();
    if (!('ok' in result)) {
      await auditAdmin(deps.db, c, {
        event: 'question-deleted',
        outcome: 'refused',
        details: { question: id, ...result },
      });
      c.status(409);
      return editPage(c, id, { refusal: refusalText(c.var.t.admin.questions, result) });
    }
    await auditAdmin(deps.db, c, {
      event: 'question-deleted',
      outcome: 'ok',
      details: {
        question: id,
        textEs: result.question.textEs,
        textEn: result.question.textEn,
      },
    });
    return c.redirect(`${adminPaths.questions}?done=deleted`, 303);
  });

  async function listPage(c: Context<WebEnv>, extra: Partial<Parameters<typeof QuestionsPage>[0]>) {
    return c.html(
      <QuestionsPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        catalog={await listCatalog(deps.db)}
        minimum={(await currentPolicy(deps.db)).min_questions}
        {...extra}
      />,
    );
  }

  /** One question's page: the form as stored unless `extra` brings it as typed. */
  async function editPage(
    c: Context<WebEnv>,
    id: number,
    extra: Partial<Parameters<typeof QuestionEditPage>[0]>,
  ) {
    const question = await getCatalogQuestion(deps.db, id);
    if (!question) return c.notFound();
    return c.html(
      <QuestionEditPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        question={question}
        fields={question}
        {...extra}
      />,
    );
  }

  return app;
}
