import { Hono } from 'hono';
import { recordAudit } from '../../../db/audit';
import type { WebEnv } from '../../env';
import type { adminAuth } from '../auth';
import type { AdminDeps } from '../deps';
import { adminPaths } from '../paths';
import { SignInPage } from '../views/sign-in-page';

type Auth = ReturnType<typeof adminAuth>;

/** The sign-in page, at adminPaths.signIn: with sign-out, the only admin pages open to all. */
export function signInRoutes(deps: AdminDeps, auth: Auth) {
  const app = new Hono<WebEnv>();

  app.get('/', (c) =>
    c.html(
      <SignInPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        directoryAdmins={deps.adminGroupDn !== undefined}
        problem={c.req.query('ended') ? 'ended' : undefined}
      />,
    ),
  );

  app.post('/', async (c) => {
    const arrived = performance.now();
    const body = await c.req.parseBody();
    const user = typeof body.user === 'string' ? body.user.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const result = await auth.signIn(c, user, password);
    await recordAudit(deps.db, {
      actor: result.ok ? `admin:${result.admin}` : 'anonymous',
      event: 'admin-sign-in',
      outcome: result.ok
        ? 'ok'
        : result.reason === 'directory-unavailable'
          ? 'unavailable'
          : 'refused',
      clientAddress: c.var.clientAddress,
      // Which admin, and how; or why not, for whom (never the password).
      details: result.ok ? { via: result.via } : { user, reason: result.reason },
    });
    // Every answer, right or wrong, at the same moment after the request (web/admin/auth.ts).
    await auth.floor(arrived);
    if (result.ok) return c.redirect(adminPaths.dashboard, 303);
    const unavailable = result.reason === 'directory-unavailable';
    if (unavailable)
      deps.log.warn({ err: result.error }, 'admin sign-in: the directory did not answer');
    c.status(unavailable ? 503 : 401);
    return c.html(
      <SignInPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        user={user}
        directoryAdmins={deps.adminGroupDn !== undefined}
        problem={unavailable ? 'directory-down' : 'wrong'}
      />,
    );
  });

  return app;
}

/** Sign-out, at adminPaths.signOut: ends the browser's session, if it is still on. */
export function signOutRoutes(deps: AdminDeps, auth: Auth) {
  const app = new Hono<WebEnv>();

  app.post('/', async (c) => {
    const admin = await auth.signOut(c);
    if (admin) {
      await recordAudit(deps.db, {
        actor: `admin:${admin}`,
        event: 'admin-sign-out',
        outcome: 'ok',
        clientAddress: c.var.clientAddress,
      });
    }
    return c.redirect(adminPaths.signIn, 303);
  });

  return app;
}
