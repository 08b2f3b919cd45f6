import type { Context } from 'hono';
import { Hono } from 'hono';
import { canonicalUsername, isWellFormedUsername } from '../../../common/domain/username';
import type { UserSearchResult } from '../../../directory/directory';
import type { WebEnv } from '../../env';
import { messageResponse } from '../../responses';
import { adminOf } from '../auth';
import type { AdminDeps } from '../deps';
import {
  isUserAction,
  loadUserAccount,
  type Refusal,
  refusalOf,
  type UserAccount,
  type UserAction,
  userPath,
} from '../user-account';
import { createUserActions } from '../user-actions';
import { type RecentRun, recentRuns } from '../user-recoveries';
import { ConfirmPage } from '../views/confirm-page';
import { UserPage, utc } from '../views/user-page';
import { UsersPage } from '../views/users-page';

type C = Context<WebEnv>;

/** How many users one search shows; more: the admin types more of the name. */
const searchLimit = 50;
/** How many of a user's runs the page lists. */
const runsShown = 10;

/**
 * The user catalog, under adminPaths.users: search the directory, one user's page, and the
 * actions, each a confirmation page (GET) whose form does it (POST, CSRF-checked), then back
 * to the user's page saying what happened (post/redirect/get). No JavaScript needed.
 */
export function userRoutes(deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const act = createUserActions(deps);

  app.get('/', async (c) => {
    // A query string, not a secret: a search can be bookmarked and reloaded.
    const query = c.req.query('q');
    let result: UserSearchResult | undefined;
    let directoryDown = false;
    if (query !== undefined) {
      try {
        result = await deps.directory.searchUsers(query, searchLimit);
      } catch (error) {
        deps.log.warn({ err: error }, 'user catalog: the directory did not answer a search');
        directoryDown = true;
        c.status(503);
      }
    }
    return c.html(
      <UsersPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        query={query}
        result={result}
        directoryDown={directoryDown}
      />,
    );
  });

  app.get('/:username', async (c) => {
    const account = await accountOf(c);
    if (!account) return notFound(c);
    const done = c.req.query('done') ?? '';
    const action = isUserAction(done) ? done : undefined;
    // One address per user: the directory's own name for the account, canonical.
    if (userPath(account.username) !== c.req.path) {
      return c.redirect(`${userPath(account.username)}${action ? `?done=${action}` : ''}`, 303);
    }
    const t = c.var.t.admin.users;
    return userPage(c, account, action && { kind: 'success', text: t.actions[action].done });
  });

  app.get('/:username/:action', async (c) => {
    const action = c.req.param('action');
    const account = await accountOf(c);
    if (!account || !isUserAction(action)) return notFound(c);
    const refusal = refusalOf(action, account);
    if (refusal) return refused(c, account, refusal);
    const t = c.var.t.admin.users;
    return c.html(
      <ConfirmPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        title={t.actions[action].title(account.username)}
        action={userPath(account.username, action)}
        confirmLabel={t.actions[action].confirm}
        cancelHref={userPath(account.username)}
        cancelLabel={t.cancel}
      >
        <p>{explanation(c, action, account)}</p>
      </ConfirmPage>,
    );
  });

  app.post('/:username/:action', async (c) => {
    const action = c.req.param('action');
    const account = await accountOf(c);
    if (!account || !isUserAction(action)) return notFound(c);
    const refusal = await act(c, action, account);
    if (refusal) return refused(c, account, refusal);
    return c.redirect(`${userPath(account.username)}?done=${action}`, 303);
  });

  /** The account the path names; undefined for a path that is no username. */
  async function accountOf(c: C): Promise<UserAccount | undefined> {
    const typed = c.req.param('username') ?? '';
    if (!isWellFormedUsername(canonicalUsername(typed))) return undefined;
    return loadUserAccount(deps, typed);
  }

  /** The user's page with its newest runs from Temporal (or a word that it did not answer). */
  async function userPage(
    c: C,
    account: UserAccount,
    notice?: { kind: 'success' | 'error'; text: string },
  ) {
    let runs: RecentRun[] | 'unavailable' = [];
    // The name goes into a visibility query: only a well-formed one (no quote can be in it).
    if (isWellFormedUsername(account.username)) {
      try {
        runs = await recentRuns(deps.client, account.username, {
          limit: runsShown,
          deadlineMs: deps.temporalDeadlineMs ?? 8000,
          temporalUiUrl: deps.temporalUiUrl,
        });
      } catch (error) {
        deps.log.warn({ err: error }, 'user catalog: Temporal did not list the runs');
        runs = 'unavailable';
      }
    }
    return c.html(
      <UserPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        account={account}
        runs={runs}
        notice={notice}
      />,
    );
  }

  /** The action cannot be done: the user's page says why (nothing was changed). */
  function refused(c: C, account: UserAccount, refusal: Refusal) {
    c.status(refusal === 'unavailable' || refusal === 'directory-down' ? 503 : 409);
    return userPage(c, account, { kind: 'error', text: c.var.t.admin.users.refusals[refusal] });
  }

  function notFound(c: C) {
    return messageResponse(c, deps.pageContext(c), 404, {
      title: c.var.t.errors.notFoundTitle,
      message: c.var.t.admin.users.notFound,
      kind: 'info',
    });
  }

  return app;
}

/** What the confirmation page says the action will do, with the address or time it concerns. */
function explanation(c: C, action: UserAction, account: UserAccount): string {
  const t = c.var.t.admin.users.actions;
  switch (action) {
    case 'delete-questions':
      return t[action].explain;
    case 'alternate-link':
      return t[action].explain(account.enrollment?.alternateMail ?? '');
    case 'reset':
      return t[action].explain(account.user?.mail ?? '');
    case 'lift-lockout':
      return t[action].explain(utc(account.lockedUntil ?? ''));
  }
}
