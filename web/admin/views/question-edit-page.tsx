import type {
  CatalogQuestion,
  QuestionProblems,
  QuestionTexts,
} from '../../../db/question-catalog';
import { Notice, type PageContext } from '../../views/layout';
import { adminPaths, questionPath } from '../paths';
import { AdminPage } from './admin-page';
import { QuestionTextFields } from './questions-page';

/**
 * One question's texts. Users enrolled with it keep their answers, so the page says so and a
 * change must come with the admin's word that only the wording changed.
 */
export function QuestionEditPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  question: CatalogQuestion;
  fields: QuestionTexts;
  sameMeaning?: boolean;
  problems?: QuestionProblems;
  /** Why it was not deleted. */
  refusal?: string | undefined;
}) {
  const t = props.page.t.admin.questions;
  const { question } = props;
  const problems = props.problems ?? {};
  return (
    <AdminPage
      page={props.page}
      title={t.editTitle(question.id)}
      admin={props.admin}
      csrfToken={props.csrfToken}
    >
      {props.refusal ? <Notice kind="error">{props.refusal}</Notice> : null}
      {Object.keys(problems).length > 0 ? (
        <Notice kind="error">{props.page.t.fields.summary}</Notice>
      ) : null}
      <p>
        {t.columns.state}: {question.active ? t.active : t.disabled}. {t.columns.enrolled}:{' '}
        {question.enrolled}.
      </p>
      {question.enrolled > 0 ? (
        <Notice kind="info">{t.enrolledWarning(question.enrolled)}</Notice>
      ) : null}
      <form method="post" action={questionPath(question.id)} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <QuestionTextFields t={t} fields={props.fields} problems={problems} />
        {question.enrolled > 0 ? (
          <div class="field checkbox">
            <input
              type="checkbox"
              id="sameMeaning"
              name="sameMeaning"
              value="1"
              checked={props.sameMeaning === true}
              aria-invalid={problems.sameMeaning ? 'true' : undefined}
              aria-describedby={problems.sameMeaning ? 'sameMeaning-error' : undefined}
            />
            <label for="sameMeaning">{t.sameMeaning}</label>
            {problems.sameMeaning ? (
              <p class="field-error" id="sameMeaning-error">
                {t.problems.sameMeaning}
              </p>
            ) : null}
          </div>
        ) : null}
        <div class="admin-buttons">
          <button type="submit">{t.save}</button>
          <a href={adminPaths.questions}>{t.back}</a>
        </div>
      </form>
      {question.enrolled === 0 ? (
        <p>
          {t.deleteIntro} <a href={questionPath(question.id, 'delete')}>{t.delete}</a>
        </p>
      ) : null}
    </AdminPage>
  );
}
