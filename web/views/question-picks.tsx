import type { EnrollmentErrors } from '../../common/domain/enrollment';
import type { LocalQuestion } from '../../db/questions';
import { Field } from './field';
import type { PageContext } from './layout';

/** What the user typed into the question lines, sent back with the form's problems. */
export interface QuestionValues {
  questionIds: string[];
  answers: string[];
}

/** N lines of a question picked from the catalog and its answer, with their problems. */
export function QuestionPicks(props: {
  page: PageContext;
  catalog: LocalQuestion[];
  count: number;
  minAnswerLength: number;
  values?: QuestionValues | undefined;
  errors: EnrollmentErrors;
}) {
  const { t } = props.page;
  const s = t.steps;
  const { errors, values } = props;
  return (
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
                    <option value={String(q.id)} selected={values?.questionIds[i] === String(q.id)}>
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
  );
}
