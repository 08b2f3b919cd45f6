import { Hono } from 'hono';
import { recordAudit } from '../../../db/audit';
import type { WebEnv } from '../../env';
import type { adminAuth } from '../auth';
import type { AdminDeps } from '../deps';
import { SignInPage } from '../views/sign-in-page';

/** Sign-in and sign-out: the only admin pages open without a session. */
export function signInRoutes(deps: AdminDeps, auth: ReturnType<typeof adminAuth>) {
  const app = new Hono<WebEnv>();

  app.get('/admin/sign-in', (c) =>
    c.html(
      <SignInPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        {...(c.req.query('ended') ? { problem: 'ended' as const } : {})}
      />,
    ),
  );

  app.post('/admin/sign-in', async (c) => {
    const body = await c.req.parseBody();
    const user = typeof body.user === 'string' ? body.user.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const admin = await auth.signIn(c, user, password);
    await recordAudit(deps.db, {
      actor: admin ? `admin:${admin}` : 'anonymous',
      event: 'admin-sign-in',
      outcome: admin ? 'ok' : 'refused',
      clientAddress: c.var.clientAddress,
      ...(admin ? {} : { details: { user } }),
    });
    if (admin) return c.redirect('/admin/policy', 303);
    c.status(401);
    return c.html(
      <SignInPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        user={user}
        problem="wrong"
      />,
    );
  });

  app.post('/admin/sign-out', async (c) => {
    await auth.signOut(c);
    return c.redirect('/admin/sign-in', 303);
  });

  return app;
}
