import { Field } from '../../views/field';
import { Layout, Notice, type PageContext } from '../../views/layout';
import { adminPaths } from '../paths';

export function SignInPage(props: {
  page: PageContext;
  csrfToken: string;
  user?: string;
  problem?: 'wrong' | 'ended' | 'directory-down';
  /** Directory users of the admin group may sign in (SSPR_ADMIN_GROUP_DN is set). */
  directoryAdmins?: boolean;
}) {
  const t = props.page.t.admin;
  const problems = {
    wrong: t.wrongCredentials,
    ended: t.signInAgain,
    'directory-down': t.directorySignIn.directoryDown,
  };
  return (
    <Layout page={props.page} title={t.signInTitle}>
      {props.problem ? <Notice kind="error">{problems[props.problem]}</Notice> : null}
      <form method="post" action={adminPaths.signIn} class="card" hx-boost="false">
        <input type="hidden" name="csrf" value={props.csrfToken} />
        <Field
          id="user"
          label={t.userLabel}
          hint={props.directoryAdmins ? t.directorySignIn.hint : undefined}
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
