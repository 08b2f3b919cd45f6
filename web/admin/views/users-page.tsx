import type { UserSearchResult } from '../../../directory/directory';
import { Field } from '../../views/field';
import { Notice, type PageContext } from '../../views/layout';
import { adminPaths } from '../paths';
import { userPath } from '../user-account';
import { AdminPage } from './admin-page';

/** The user catalog's search: a plain GET form, the directory's answer below it. */
export function UsersPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  /** What was typed; absent before the first search. */
  query?: string;
  result?: UserSearchResult;
  directoryDown?: boolean;
}) {
  const t = props.page.t.admin.users;
  const users = props.result?.users ?? [];
  return (
    <AdminPage page={props.page} title={t.title} admin={props.admin} csrfToken={props.csrfToken}>
      <p>{t.intro}</p>
      <search>
        <form method="get" action={adminPaths.users} class="card user-search">
          <Field
            id="q"
            label={t.searchLabel}
            hint={t.searchHint}
            control={(aria) => (
              <input
                id="q"
                name="q"
                type="search"
                value={props.query ?? ''}
                autocomplete="off"
                spellcheck={false}
                {...aria}
              />
            )}
          />
          <button type="submit">{t.search}</button>
        </form>
      </search>
      {props.directoryDown ? <Notice kind="error">{t.directoryDown}</Notice> : null}
      {props.result ? (
        <section aria-labelledby="results-summary">
          <p id="results-summary" role="status">
            {users.length === 0 ? t.none : t.found(users.length)}{' '}
            {props.result.more ? t.more(users.length) : null}
          </p>
          {users.length > 0 ? (
            <div class="user-scroll">
              <table class="history user-results">
                <thead>
                  <tr>
                    <th scope="col">{t.headers.username}</th>
                    <th scope="col">{t.headers.name}</th>
                    <th scope="col">{t.headers.mail}</th>
                    <th scope="col">{t.headers.state}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <tr>
                      <td>
                        <a href={userPath(user.username)}>{user.username}</a>
                      </td>
                      <td>{user.displayName}</td>
                      <td>{user.mail ?? <span class="no-mail">{t.noMail}</span>}</td>
                      <td>{user.disabled ? t.disabled : t.active}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </AdminPage>
  );
}
