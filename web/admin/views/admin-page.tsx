import type { Child } from 'hono/jsx';
import { Layout, type PageContext } from '../../views/layout';
import { adminPaths } from '../paths';

/** The console's pages, in the navigation's order. */
const adminPages = ['dashboard', 'users', 'policy', 'questions', 'smtp', 'audit'] as const;

/** An admin page: the console's navigation and the signed-in admin above the content. */
export function AdminPage(props: {
  page: PageContext;
  title: string;
  admin: string;
  csrfToken: string;
  children: Child;
}) {
  const t = props.page.t.admin;
  return (
    <Layout page={props.page} title={props.title}>
      <nav class="admin-nav" aria-label={t.console}>
        {adminPages.map((name) => (
          <a href={adminPaths[name]} aria-current={current(props.page.path, adminPaths[name])}>
            {t.nav[name]}
          </a>
        ))}
        <form method="post" action={adminPaths.signOut} class="sign-out">
          <input type="hidden" name="csrf" value={props.csrfToken} />
          <span class="hint">{t.signedInAs(props.admin)}</span>
          <button type="submit" class="secondary">
            {t.signOut}
          </button>
        </form>
      </nav>
      {props.children}
    </Layout>
  );
}

/** The page itself, or a page under it (a user of the catalog): the navigation marks both. */
function current(at: string, path: string): 'page' | 'true' | undefined {
  if (at === path) return 'page';
  return path !== adminPaths.dashboard && at.startsWith(`${path}/`) ? 'true' : undefined;
}
