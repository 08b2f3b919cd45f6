import type { Context } from 'hono';
import { Hono } from 'hono';
import { changePolicy, currentPolicy, policyHistory } from '../../../db/policy';
import { activeQuestions } from '../../../db/questions';
import type { WebEnv } from '../../env';
import { auditAdmin } from '../admin-audit';
import { adminOf } from '../auth';
import type { AdminDeps } from '../deps';
import { adminPaths } from '../paths';
import { policyFields, readPolicyForm } from '../policy-form';
import { PolicyPage } from '../views/policy-page';

/** The policy page, at adminPaths.policy; every change is versioned and audited. */
export function policyRoutes(deps: AdminDeps) {
  const app = new Hono<WebEnv>();

  app.get('/', async (c) => policyPage(c, { saved: c.req.query('saved') === '1' }));

  app.post('/', async (c) => {
    const active = (await activeQuestions(deps.db, c.var.locale)).length;
    const form = readPolicyForm(await c.req.parseBody(), active);
    if (!form.ok) {
      c.status(422);
      return policyPage(c, { fields: form.fields, problems: form.problems });
    }
    const version = await changePolicy(deps.db, form.change, `admin:${adminOf(c)}`);
    // The version's row holds the before and after (the page's history shows them).
    await auditAdmin(deps.db, c, {
      event: 'policy-changed',
      outcome: 'ok',
      details: { version: version.id },
    });
    return c.redirect(`${adminPaths.policy}?saved=1`, 303);
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
