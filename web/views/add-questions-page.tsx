import type { EnrollmentErrors } from '../../common/domain/enrollment';
import type { LocalQuestion } from '../../db/questions';
import { recoveryForms } from '../paths';
import { Layout, Notice, type PageContext } from './layout';
import { QuestionPicks, type QuestionValues } from './question-picks';

/**
 * After right answers, when the policy now asks for more questions than the user has: only
 * the missing ones, picked from the questions the user does not have yet. Nothing else of the
 * enrollment (the alternate address, the answers given) can change here.
 */
export function AddQuestionsPage(props: {
  page: PageContext;
  csrfToken: string;
  /** The catalog without the user's own questions. */
  catalog: LocalQuestion[];
  count: number;
  minAnswerLength: number;
  values?: QuestionValues | undefined;
  errors?: EnrollmentErrors | undefined;
}) {
  const { t } = props.page;
  const s = t.steps;
  const errors = props.errors ?? {};
  return (
    <Layout page={props.page} title={s.addQuestionsTitle}>
      <p>{s.addQuestionsIntro(props.count)}</p>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t.fields.summary}</Notice> : null}
      <form method="post" action={recoveryForms.addQuestions} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <QuestionPicks
          page={props.page}
          catalog={props.catalog}
          count={props.count}
          minAnswerLength={props.minAnswerLength}
          values={props.values}
          errors={errors}
        />
        <button type="submit">{s.addQuestionsSave}</button>
      </form>
    </Layout>
  );
}
