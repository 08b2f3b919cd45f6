import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AuditEvent } from '../../../db/audit';
import { currentPolicy } from '../../../db/policy';
import {
  chooseSmtpConfig,
  createSmtpConfig,
  deleteSmtpConfig,
  getSmtpConfig,
  listSmtpConfigs,
  recordSmtpTest,
  SmtpConfigInvalid,
  type SmtpConfigView,
  smtpConfigProblems,
  updateSmtpConfig,
} from '../../../db/smtp-configs';
import { sendTestMessage } from '../../../mail/smtp-configs';
import type { WebEnv } from '../../env';
import { auditAdmin } from '../admin-audit';
import { adminOf } from '../auth';
import type { AdminDeps } from '../deps';
import { adminPaths, smtpPath } from '../paths';
import { emptySmtpFields, readSmtpForm, smtpFieldsOf } from '../smtp-form';
import { ConfirmPage } from '../views/confirm-page';
import { SmtpConfigPage } from '../views/smtp-config-page';
import { type MailRouteView, type SmtpDone, SmtpPage } from '../views/smtp-page';

/**
 * The SMTP configurations, under adminPaths.smtp. List (and which one the sender chooses),
 * add, change, delete after a confirmation, and send a test message that says precisely what
 * failed. The password is never shown again. Every change and every test is audited, never
 * with a password.
 */
export function smtpRoutes(deps: AdminDeps) {
  const app = new Hono<WebEnv>();
  const common = (c: Context<WebEnv>) => ({
    page: deps.pageContext(c),
    csrfToken: c.var.csrfToken,
    admin: adminOf(c),
  });
  // Only a notice's own name: never an inherited property such as toString.
  const doneOf = (c: Context<WebEnv>): SmtpDone | undefined => {
    const done = c.req.query('done') ?? '';
    return Object.hasOwn(c.var.t.admin.smtp.done, done) ? (done as SmtpDone) : undefined;
  };

  /** The sender the mail goes from now, and the configuration it chooses (as the mailer does). */
  async function mailRoute(configs: SmtpConfigView[]): Promise<MailRouteView> {
    const fromPolicy = (await currentPolicy(deps.db)).sender_address;
    const sender = fromPolicy ?? deps.mailFrom;
    return { sender, fromPolicy: fromPolicy !== null, chosen: chooseSmtpConfig(configs, sender) };
  }

  app.get('/', async (c) => {
    const configs = await listSmtpConfigs(deps.db);
    return c.html(
      <SmtpPage
        {...common(c)}
        configs={configs}
        route={await mailRoute(configs)}
        done={doneOf(c)}
      />,
    );
  });

  app.get('/new', (c) => c.html(<SmtpConfigPage {...common(c)} fields={emptySmtpFields} />));

  app.post('/new', async (c) => {
    const { fields, change } = readSmtpForm(await c.req.parseBody());
    try {
      const created = await createSmtpConfig(deps.db, deps.secretBox, change);
      await auditAdmin(deps.db, c, {
        event: 'smtp-config-created',
        outcome: 'ok',
        details: { config: created.id, ...described(created) },
      });
      return c.redirect(`${smtpPath(created.id)}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof SmtpConfigInvalid)) throw error;
      c.status(422);
      return c.html(
        <SmtpConfigPage
          {...common(c)}
          fields={fields}
          problems={error.problems}
          passwordDropped={change.password !== ''}
        />,
      );
    }
  });

  app.get('/:id{[0-9]+}', async (c) => {
    const config = await getSmtpConfig(deps.db, Number(c.req.param('id')));
    if (!config) return c.notFound();
    return configPage(c, config, {
      done: doneOf(c),
      tested: c.req.query('tested') === '1',
    });
  });

  app.post('/:id{[0-9]+}', async (c) => {
    const before = await getSmtpConfig(deps.db, Number(c.req.param('id')));
    if (!before) return c.notFound();
    const { fields, change, passwordConflict } = readSmtpForm(await c.req.parseBody());
    const refuse = (problems: ReturnType<typeof smtpConfigProblems>) => {
      c.status(422);
      return configPage(c, before, {
        fields,
        problems,
        passwordConflict,
        passwordDropped: change.password !== '',
        clearPassword: change.clearPassword === true,
      });
    };
    if (passwordConflict) return refuse(smtpConfigProblems(change));
    let after: SmtpConfigView | undefined;
    try {
      after = await updateSmtpConfig(deps.db, deps.secretBox, before.id, change);
    } catch (error) {
      if (!(error instanceof SmtpConfigInvalid)) throw error;
      return refuse(error.problems);
    }
    if (!after) return c.notFound();
    await auditAdmin(deps.db, c, {
      event: 'smtp-config-changed',
      outcome: 'ok',
      details: {
        config: after.id,
        ...described(after),
        changed: changedFields(before, after, change.password !== '').join(' '),
      },
    });
    return c.redirect(`${smtpPath(after.id)}?done=changed`, 303);
  });

  app.post('/:id{[0-9]+}/test', async (c) => {
    const config = await getSmtpConfig(deps.db, Number(c.req.param('id')));
    if (!config) return c.notFound();
    const body = await c.req.parseBody();
    const to = typeof body.to === 'string' ? body.to.trim() : '';
    if (!z.email().safeParse(to).success) {
      c.status(422);
      return configPage(c, config, { testTo: to, testToInvalid: true });
    }
    const result = await sendTestMessage({ db: deps.db, box: deps.secretBox }, config.id, to);
    if (result.code === 'not-found') return c.notFound();
    await recordSmtpTest(deps.db, config.id, {
      code: result.code,
      detail: result.response ?? result.detail ?? null,
    });
    await auditAdmin(deps.db, c, {
      event: 'smtp-test-message',
      outcome: result.code,
      details: {
        config: config.id,
        name: config.name,
        to,
        ...(result.responseCode && { responseCode: result.responseCode }),
      },
    });
    return c.redirect(`${smtpPath(config.id)}?tested=1`, 303);
  });

  app.get('/:id{[0-9]+}/delete', async (c) => {
    const config = await getSmtpConfig(deps.db, Number(c.req.param('id')));
    if (!config) return c.notFound();
    const t = c.var.t.admin.smtp;
    const route = await mailRoute(await listSmtpConfigs(deps.db));
    return c.html(
      <ConfirmPage
        {...common(c)}
        title={t.confirmDeleteTitle(config.name)}
        action={smtpPath(config.id, 'delete')}
        confirmLabel={t.confirmDeleteButton}
        cancelHref={smtpPath(config.id)}
        cancelLabel={t.cancel}
      >
        <p>{`${config.host}:${config.port}, ${config.senderAddress}`}</p>
        <p>{t.confirmDelete}</p>
        {route.chosen?.id === config.id ? <p>{t.confirmDeleteInUse}</p> : null}
      </ConfirmPage>,
    );
  });

  app.post('/:id{[0-9]+}/delete', async (c) => {
    const config = await getSmtpConfig(deps.db, Number(c.req.param('id')));
    if (!config || !(await deleteSmtpConfig(deps.db, config.id))) return c.notFound();
    await auditAdmin(deps.db, c, {
      event: 'smtp-config-deleted',
      outcome: 'ok',
      details: { config: config.id, ...described(config) },
    });
    return c.redirect(`${adminPaths.smtp}?done=deleted`, 303);
  });

  async function configPage(
    c: Context<WebEnv>,
    config: SmtpConfigView,
    extra: Partial<Parameters<typeof SmtpConfigPage>[0]>,
  ) {
    const route = await mailRoute(await listSmtpConfigs(deps.db));
    return c.html(
      <SmtpConfigPage
        {...common(c)}
        config={config}
        fields={smtpFieldsOf(config)}
        inUse={route.chosen?.id === config.id}
        {...extra}
      />,
    );
  }

  return app;
}

/** A configuration as the audit keeps it: whether a password is set, never the password. */
function described(config: SmtpConfigView): NonNullable<AuditEvent['details']> {
  return {
    name: config.name,
    host: config.host,
    port: config.port,
    tlsMode: config.tlsMode,
    username: config.username ?? '',
    hasPassword: config.hasPassword,
    senderAddress: config.senderAddress,
  };
}

/** Which settings a change touched, by name ("password" when a new one was typed). */
function changedFields(
  before: SmtpConfigView,
  after: SmtpConfigView,
  newPassword: boolean,
): string[] {
  const fields = ['name', 'host', 'port', 'tlsMode', 'username', 'senderAddress'] as const;
  const changed: string[] = fields.filter((field) => before[field] !== after[field]);
  if (newPassword || before.hasPassword !== after.hasPassword) changed.push('password');
  return changed;
}
