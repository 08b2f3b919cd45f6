import type { EnrollmentErrors } from '../../common/domain/enrollment';
import type { LocalQuestion } from '../../db/questions';
import { recoveryForms } from '../paths';
import { Field } from './field';
import { Layout, Notice, type PageContext } from './layout';

export interface EnrollValues {
  alternateMail: string;
  alternateMailConfirm: string;
  questionIds: string[];
  answers: string[];
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
        <fieldset>
          <legend>{s.questionsLegend}</legend>
          <p class="hint">{s.questionsHint(props.count, props.minAnswerLength)}</p>
          {errors.questions ? (
            <p class="field-error" role="alert">
              {t.fields.questions[errors.questions]}
            </p>
          ) : null}
          {Array.from({ length: props.count }, (_, i) => {
            const n = i + 1;
            const problem = errors.answers?.[i];
            return (
              <div class="question-pair">
                <Field
                  id={`question${n}`}
                  label={s.questionLabel(n)}
                  control={(aria) => (
                    <select id={`question${n}`} name="questionId" required data-unique {...aria}>
                      <option value="">{s.choose}</option>
                      {props.catalog.map((q) => (
                        <option
                          value={String(q.id)}
                          selected={values?.questionIds[i] === String(q.id)}
                        >
                          {q.text}
                        </option>
                      ))}
                    </select>
                  )}
                />
                <Field
                  id={`answer${n}`}
                  label={s.answerLabel(n)}
                  error={problem ? t.fields.answers[problem] : undefined}
                  control={(aria) => (
                    <input
                      id={`answer${n}`}
                      name="answer"
                      type="text"
                      autocomplete="off"
                      spellcheck={false}
                      required
                      minlength={props.minAnswerLength}
                      maxlength={200}
                      value={values?.answers[i] ?? ''}
                      {...aria}
                    />
                  )}
                />
              </div>
            );
          })}
        </fieldset>
        <button type="submit">{s.save}</button>
      </form>
    </Layout>
  );
}
