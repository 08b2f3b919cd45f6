import {
  type CatalogQuestion,
  type CatalogRefusal,
  type QuestionProblems,
  type QuestionTextProblem,
  type QuestionTexts,
  questionTextLength,
} from '../../../db/question-catalog';
import type { Messages } from '../../../i18n';
import { Field } from '../../views/field';
import { Notice, type PageContext } from '../../views/layout';
import { adminPaths, questionPath } from '../paths';
import { AdminPage } from './admin-page';

type QuestionsTexts = Messages['admin']['questions'];

export type QuestionDone = keyof QuestionsTexts['done'];

/** The catalog in both languages, with how many users enrolled with each question. */
export function QuestionsPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  catalog: CatalogQuestion[];
  minimum: number;
  /** The add form as typed (empty at first) and what is wrong with it. */
  fields?: QuestionTexts;
  problems?: QuestionProblems;
  done?: QuestionDone | undefined;
  refusal?: CatalogRefusal | undefined;
}) {
  const t = props.page.t.admin.questions;
  const problems = props.problems ?? {};
  const active = props.catalog.filter((q) => q.active).length;
  return (
    <AdminPage page={props.page} title={t.title} admin={props.admin} csrfToken={props.csrfToken}>
      {props.done ? <Notice kind="success">{t.done[props.done]}</Notice> : null}
      {props.refusal ? <Notice kind="error">{refusalText(t, props.refusal)}</Notice> : null}
      {Object.keys(problems).length > 0 ? (
        <Notice kind="error">{props.page.t.fields.summary}</Notice>
      ) : null}
      <p>{t.intro}</p>
      <p class="hint">{t.minimum(active, props.minimum)}</p>
      <table class="history admin-catalog">
        <thead>
          <tr>
            <th scope="col">{t.columns.id}</th>
            <th scope="col">{t.columns.texts}</th>
            <th scope="col">{t.columns.enrolled}</th>
            <th scope="col">{t.columns.state}</th>
            <th scope="col">{t.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.catalog.map((q) => (
            <tr id={`question-${q.id}`} class={q.active ? undefined : 'retired'}>
              <td>{q.id}</td>
              <td>
                <span lang="es">{q.textEs}</span>
                <br />
                <span lang="en">{q.textEn}</span>
              </td>
              <td>{q.enrolled}</td>
              <td>{q.active ? t.active : t.disabled}</td>
              <td>
                <div class="row-actions">
                  <a href={questionPath(q.id)} aria-label={t.editLabel(q.id)}>
                    {t.edit}
                  </a>
                  <form method="post" action={questionPath(q.id, 'active')}>
                    <input type="hidden" name="csrf" value={props.csrfToken} />
                    <input type="hidden" name="active" value={q.active ? '0' : '1'} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={q.active ? t.disableLabel(q.id) : t.enableLabel(q.id)}
                    >
                      {q.active ? t.disable : t.enable}
                    </button>
                  </form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t.addTitle}</h2>
      <form method="post" action={adminPaths.questions} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <QuestionTextFields
          t={t}
          fields={props.fields ?? { textEs: '', textEn: '' }}
          problems={problems}
        />
        <button type="submit">{t.add}</button>
      </form>
    </AdminPage>
  );
}

/** The Spanish and English texts, each with its limits and its problem. */
export function QuestionTextFields(props: {
  t: QuestionsTexts;
  fields: QuestionTexts;
  problems: QuestionProblems;
}) {
  const { t } = props;
  const hint = t.textHint(questionTextLength.min, questionTextLength.max);
  return (
    <>
      {(['textEs', 'textEn'] as const).map((name) => (
        <Field
          id={name}
          label={t[name]}
          hint={hint}
          error={problemText(t, props.problems[name])}
          control={(aria) => (
            <input
              id={name}
              name={name}
              type="text"
              lang={name === 'textEs' ? 'es' : 'en'}
              required
              value={props.fields[name]}
              {...aria}
            />
          )}
        />
      ))}
    </>
  );
}

function problemText(t: QuestionsTexts, problem: QuestionTextProblem | undefined) {
  if (!problem) return undefined;
  switch (problem.code) {
    case 'required':
      return t.problems.required;
    case 'too-short':
      return t.problems['too-short'](questionTextLength.min);
    case 'too-long':
      return t.problems['too-long'](questionTextLength.max);
    case 'duplicate':
      return problem.otherActive
        ? t.problems.duplicate(problem.other)
        : t.problems.duplicateDisabled(problem.other);
  }
}

export function refusalText(t: QuestionsTexts, refusal: CatalogRefusal): string {
  return refusal.refused === 'in-use'
    ? t.problems.inUse(refusal.enrolled)
    : t.problems.belowMinimum(refusal.active, refusal.minimum);
}
