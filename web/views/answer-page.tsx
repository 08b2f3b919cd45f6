import type { LocalQuestion } from '../../db/questions';
import { recoveryForms } from '../paths';
import { Field } from './field';
import { Layout, Notice, type PageContext } from './layout';

/** Step 6: the user's questions; a wrong try says how many are left, never which answer. */
export function AnswerPage(props: {
  page: PageContext;
  csrfToken: string;
  questions: LocalQuestion[];
  attemptsLeft: number;
  wrong?: boolean;
  step: number;
  steps: number;
}) {
  const s = props.page.t.steps;
  return (
    <Layout page={props.page} title={s.answerTitle}>
      {props.steps > 1 ? <p class="progress">{s.progress(props.step, props.steps)}</p> : null}
      {props.wrong ? (
        <Notice kind="error">{s.wrongAnswers(props.attemptsLeft)}</Notice>
      ) : (
        <p>{s.answerIntro}</p>
      )}
      <form method="post" action={recoveryForms.answers} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        {props.questions.map((q) => (
          <Field
            id={`answer-${q.id}`}
            label={q.text}
            control={(aria) => (
              <input
                id={`answer-${q.id}`}
                name={`answer-${q.id}`}
                type="text"
                autocomplete="off"
                spellcheck={false}
                required
                maxlength={200}
                {...aria}
              />
            )}
          />
        ))}
        <p class="hint">{s.attemptsLeft(props.attemptsLeft)}</p>
        <button type="submit">{s.submitAnswers}</button>
      </form>
    </Layout>
  );
}
