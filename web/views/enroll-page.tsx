import type { EnrollmentErrors } from '../../common/domain/enrollment';
import type { LocalQuestion } from '../../db/questions';
import { recoveryForms } from '../paths';
import { Field } from './field';
import { Layout, Notice, type PageContext } from './layout';
import { QuestionPicks, type QuestionValues } from './question-picks';

export interface EnrollValues extends QuestionValues {
  alternateMail: string;
  alternateMailConfirm: string;
}

/** Step 5: the alternate address twice, then N questions picked and answered. */
export function EnrollPage(props: {
  page: PageContext;
  csrfToken: string;
  catalog: LocalQuestion[];
  count: number;
  minAnswerLength: number;
  values?: EnrollValues;
  errors?: EnrollmentErrors;
}) {
  const { t } = props.page;
  const s = t.steps;
  const errors = props.errors ?? {};
  const values = props.values;
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout page={props.page} title={s.enrollTitle}>
      <p>{s.enrollIntro}</p>
      {hasErrors ? <Notice kind="error">{t.fields.summary}</Notice> : null}
      <form method="post" action={recoveryForms.enroll} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <fieldset>
          <legend>{s.alternateLegend}</legend>
          <p class="hint">{s.alternateHint}</p>
          <Field
            id="alternateMail"
            label={s.alternateLabel}
            error={errors.alternateMail ? t.fields.alternateMail[errors.alternateMail] : undefined}
            control={(aria) => (
              <input
                id="alternateMail"
                name="alternateMail"
                type="email"
                autocomplete="email"
                required
                maxlength={254}
                value={values?.alternateMail ?? ''}
                {...aria}
              />
            )}
          />
          <Field
            id="alternateMailConfirm"
            label={s.alternateConfirmLabel}
            control={(aria) => (
              <input
                id="alternateMailConfirm"
                name="alternateMailConfirm"
                type="email"
                autocomplete="off"
                required
                maxlength={254}
                value={values?.alternateMailConfirm ?? ''}
                {...aria}
              />
            )}
          />
        </fieldset>
        <QuestionPicks
          page={props.page}
          catalog={props.catalog}
          count={props.count}
          minAnswerLength={props.minAnswerLength}
          values={values}
          errors={errors}
        />
        <button type="submit">{s.save}</button>
      </form>
    </Layout>
  );
}
