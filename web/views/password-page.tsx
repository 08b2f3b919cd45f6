import type { PasswordRules } from '../../common/domain/passwords';
import { recoveryForms } from '../paths';
import { Field } from './field';
import { Layout, type PageContext } from './layout';

/** Step 7, stricter mode: the directory's rules first, the password twice, refusals at the field. */
export function PasswordPage(props: {
  page: PageContext;
  csrfToken: string;
  rules: PasswordRules;
  error?: string;
}) {
  const { t } = props.page;
  const s = t.steps;
  const rules = [
    props.rules.minLength ? s.ruleMinLength(props.rules.minLength) : '',
    props.rules.history ? s.ruleHistory(props.rules.history) : '',
    props.rules.complexity ? s.ruleComplexity : '',
  ].filter(Boolean);
  return (
    <Layout page={props.page} title={s.passwordTitle}>
      <p class="progress">{s.progress(2, 2)}</p>
      {rules.length > 0 ? (
        <div id="password-rules">
          <p>{s.passwordIntro}</p>
          <ul>
            {rules.map((rule) => (
              <li>{rule}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={recoveryForms.password} class="card" novalidate>
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <Field
          id="password"
          label={s.passwordLabel}
          error={props.error}
          control={(aria) => (
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="new-password"
              required
              minlength={props.rules.minLength ?? 1}
              maxlength={256}
              aria-describedby={
                [rules.length > 0 ? 'password-rules' : '', aria['aria-describedby'] ?? '']
                  .join(' ')
                  .trim() || undefined
              }
              aria-invalid={aria['aria-invalid']}
            />
          )}
        />
        <Field
          id="passwordConfirm"
          label={s.passwordConfirmLabel}
          control={(aria) => (
            <input
              id="passwordConfirm"
              name="passwordConfirm"
              type="password"
              autocomplete="new-password"
              required
              maxlength={256}
              {...aria}
            />
          )}
        />
        <button type="submit">{s.setPassword}</button>
      </form>
    </Layout>
  );
}
