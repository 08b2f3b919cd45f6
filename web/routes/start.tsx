import { Hono } from 'hono';
import { canonicalUsername, isWellFormedUsername } from '../../common/domain/username';
import type { Db } from '../../db/database';
import { currentPolicy } from '../../db/policy';
import { isNotice } from '../../i18n';
import type { WebEnv } from '../env';
import type { PageContextOf } from '../page-context';
import type { RecoveryClient } from '../recoveries';
import { unavailableResponse } from '../responses';
import { StartPage } from '../views/start-page';

export interface StartDeps {
  recoveries: RecoveryClient;
  db: Db;
  pageContext: PageContextOf;
}

/**
 * The start page, at paths.start: who are you, and the same answer for everyone, whether or
 * not the account exists.
 */
export function startRoutes(deps: StartDeps) {
  const app = new Hono<WebEnv>();

  // `?username=` lets other applications' "forgot my password" links pre-fill the field.
  app.get('/', (c) => {
    const notice = c.req.query('notice');
    const username = c.req.query('username');
    return c.html(
      <StartPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        username={username?.slice(0, 64)}
        notice={isNotice(notice) ? c.var.t.notices[notice] : undefined}
      />,
    );
  });

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const typed = typeof body.username === 'string' ? body.username : '';
    const username = canonicalUsername(typed);
    const page = deps.pageContext(c);
    if (!isWellFormedUsername(username)) {
      const fieldError =
        username === '' ? c.var.t.errors.usernameRequired : c.var.t.errors.usernameInvalid;
      c.status(400);
      return c.html(
        <StartPage
          page={page}
          csrfToken={c.var.csrfToken}
          username={typed.slice(0, 64)}
          fieldError={fieldError}
        />,
      );
    }
    const started = await deps.recoveries.request(
      { username, locale: c.var.locale, clientAddress: c.var.clientAddress },
      c.var.usernameOverLimit,
    );
    if (!started.ok) return unavailableResponse(c, page);
    // The link's lifetime comes from the policy in force, the one the new recovery snapshots.
    const { link_ttl_seconds } = await currentPolicy(deps.db);
    return c.html(
      <StartPage
        page={page}
        csrfToken={c.var.csrfToken}
        username={typed.slice(0, 64)}
        sentMinutes={Math.max(1, Math.round(link_ttl_seconds / 60))}
      />,
    );
  });

  return app;
}
