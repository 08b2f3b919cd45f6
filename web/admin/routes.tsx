import type { Context } from 'hono';
import { Hono } from 'hono';
import { recordAudit } from '../../db/audit';
import type { Db } from '../../db/database';
import { changePolicy, currentPolicy, policyHistory } from '../../db/policy';
import { activeQuestions } from '../../db/questions';
import type { WebEnv } from '../env';
import type { PageContextOf } from '../page-context';
import { type AdminAuthOptions, adminAuth } from './auth';
import { policyFields, readPolicyForm } from './policy-form';
import { PolicyPage } from './views/policy-page';
import { SignInPage } from './views/sign-in-page';

export interface AdminDeps extends AdminAuthOptions {
  db: Db;
  pageContext: PageContextOf;
}

/** The admin console (R2-R7, R12, R15, S3), under /admin. */
export function adminRoutes(deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const auth = adminAuth(deps);

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

  app.use('/admin', auth.requireAdmin);
  app.use('/admin/*', auth.requireAdmin);
  app.get('/admin', (c) => c.redirect('/admin/policy', 303));

  app.get('/admin/policy', async (c) => policyPage(c, { saved: c.req.query('saved') === '1' }));

  app.post('/admin/policy', async (c) => {
    const active = (await activeQuestions(deps.db, c.var.locale)).length;
    const form = readPolicyForm(await c.req.parseBody(), active);
    if (!form.ok) {
      c.status(422);
      return policyPage(c, { fields: form.fields, problems: form.problems });
    }
    await changePolicy(deps.db, form.change, `admin:${adminOf(c)}`);
    await recordAudit(deps.db, {
      actor: `admin:${adminOf(c)}`,
      event: 'policy-changed',
      outcome: 'ok',
      clientAddress: c.var.clientAddress,
    });
    return c.redirect('/admin/policy?saved=1', 303);
  });

  async function policyPage(c: Context<WebEnv>, extra: Partial<Parameters<typeof PolicyPage>[0]>) {
    return c.html(
      <PolicyPage
        page={deps.pageContext(c)}
        csrfToken={c.var.csrfToken}
        admin={adminOf(c)}
        fields={policyFields(await currentPolicy(deps.db))}
        history={await policyHistory(deps.db)}
        {...extra}
      />,
    );
  }

  return app;
}

/** The admin that requireAdmin let through. */
function adminOf(c: Context<WebEnv>): string {
  if (!c.var.admin) throw new Error('an admin page was reached without a signed-in admin');
  return c.var.admin;
}
