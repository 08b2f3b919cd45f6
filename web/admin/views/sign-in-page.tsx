import { Field } from '../../views/field';
import { Layout, Notice, type PageContext } from '../../views/layout';

export function SignInPage(props: {
  page: PageContext;
  csrfToken: string;
  user?: string;
  problem?: 'wrong' | 'ended';
}) {
  const t = props.page.t.admin;
  return (
    <Layout page={props.page} title={t.signInTitle}>
      {props.problem ? (
        <Notice kind="error">
          {props.problem === 'wrong' ? t.wrongCredentials : t.signInAgain}
        </Notice>
      ) : null}
      <form method="post" action="/admin/sign-in" class="card" hx-boost="false">
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <Field
          id="user"
          label={t.userLabel}
          control={(aria) => (
            <input
              id="user"
              name="user"
              type="text"
              autocomplete="username"
              required
              maxlength={64}
              value={props.user ?? ''}
              {...aria}
            />
          )}
        />
        <Field
          id="password"
          label={t.passwordLabel}
          control={(aria) => (
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxlength={256}
              {...aria}
            />
          )}
        />
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>
  );
}
