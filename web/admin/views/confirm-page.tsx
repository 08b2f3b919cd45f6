import type { Child } from 'hono/jsx';
import type { PageContext } from '../../views/layout';
import { AdminPage } from './admin-page';

/**
 * "Are you sure?" before an action that cannot be undone: what it does, a button that does it
 * (a POST to `action`), and a way back that does nothing.
 */
export function ConfirmPage(props: {
  page: PageContext;
  csrfToken: string;
  admin: string;
  title: string;
  action: string;
  confirmLabel: string;
  cancelHref: string;
  cancelLabel: string;
  children: Child;
}) {
  return (
    <AdminPage
      page={props.page}
      title={props.title}
      admin={props.admin}
      csrfToken={props.csrfToken}
    >
      <form method="post" action={props.action} class="card">
        <input type="hidden" name="csrf" value={props.csrfToken} />
        {props.children}
        <div class="admin-buttons">
          <button type="submit" class="danger">
            {props.confirmLabel}
          </button>
          <a href={props.cancelHref}>{props.cancelLabel}</a>
        </div>
      </form>
    </AdminPage>
  );
}
