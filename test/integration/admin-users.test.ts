import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../common/domain/answers';
import { adminResetWorkflowId } from '../../common/domain/workflow-ids';
import { lockRecoveries } from '../../db/lockouts';
import { changePolicy } from '../../db/policy';
import { type Browser, browser } from '../../dev/form-browser';
import { changeOwnPassword } from '../../dev/ldap-users';
import { createLdapDirectory } from '../../directory/ldap-directory';
import { messagesFor } from '../../i18n';
import type { adminReset } from '../../workflows/admin-reset';
import {
  type RecoveryResult,
  type SessionProof,
  submitAnswers,
  submitEnrollment,
} from '../../workflows/messages';
import { decodeHistory } from '../support/history-payloads';
import { historyText } from '../support/history-text';
import { initialPassword, journeys } from '../support/journey';
import { ldapConfigFor } from '../support/ldap-config';
import { breakGlassAdmin, patienceMs, type Stack, startStack } from '../support/stack';

/**
 * The user catalog (R1, R5, R7, R15, S3) through the console's pages, each action's
 * effect shown on a real recovery: real Temporal, worker, slapd and mail catcher.
 */
let stack: Stack;
let app: Stack['app'];
let user: ReturnType<typeof journeys>;
let answers: AnswerInput[];
const temporalUi = 'https://temporal-ui.example.test';
const en = messagesFor('en').admin.users;
const es = messagesFor('es').admin.users;

beforeAll(async () => {
  stack = await startStack({ temporalUiUrl: temporalUi });
  app = stack.app;
  user = journeys(stack);
  // Two questions keep recoveries short; keys live long enough to be used by the test.
  await changePolicy(stack.db, { min_questions: 2, temporary_key_ttl_seconds: 600 }, 'test');
  const ids = (await stack.db.selectFrom('questions').select('id').execute()).map((q) => q.id);
  answers = ids.slice(0, 2).map((questionId, i) => ({ questionId, answer: known[i] as string }));
});
afterAll(async () => {
  await stack?.stop();
});

/** What the test's users answer to the policy's first two questions. */
const known = ['Firulais', 'Valparaíso'];
const directory = () => createLdapDirectory(ldapConfigFor(stack.directory));

const admins = new Map<string, Browser>();

/** The break-glass admin's browser, signed in to the console once per language (sign-ins are rate limited). */
async function signedIn(language: 'en' | 'es' = 'en') {
  const known = admins.get(language);
  if (known) return known;
  const b = browser(app, { language });
  await b.get('/admin/sign-in');
  expect((await b.post('/admin/sign-in', breakGlassAdmin)).status).toBe(303);
  admins.set(language, b);
  return b;
}

/**
 * The action's confirmation page, then its form: back at the user's page, saying it was done.
 * Returns every page the admin saw on the way.
 */
async function confirmAndDo(b: Browser, uid: string, action: string, done: string) {
  const confirm = await b.get(`/admin/users/${uid}/${action}`);
  expect(confirm.status).toBe(200);
  expect(confirm.body).toContain(`action="/admin/users/${uid}/${action}"`);
  const posted = await b.post(`/admin/users/${uid}/${action}`, {});
  expect(posted.status).toBe(303);
  expect(posted.headers.get('location')).toBe(`/admin/users/${uid}?done=${action}`);
  const after = await b.get(posted.headers.get('location') as string);
  expect(after.status).toBe(200);
  expect(after.body).toContain(done);
  return [confirm.body, posted.body, after.body];
}

/**
 * A user who enrolled (alternate address confirmed from its e-mail) in a recovery that now
 * waits for the answering link to be opened (R17).
 */
async function enrolledUser() {
  const u = await user.newUser();
  const alternate = `${u.uid}.alt@example.net`;
  await user.requestLink(u.uid);
  const { path } = await user.linkFor(u.mail, { subjectIncludes: 'Configure' });
  const { proof } = await user.openLink(path);
  expect(
    await stack.recoveries.submit(u.workflowId, submitEnrollment, {
      ...(proof as SessionProof),
      alternateMail: alternate,
      alternateMailConfirm: alternate,
      answers,
    }),
  ).toEqual({ ok: true, result: { ok: true } });
  const verification = await user.linkFor(alternate, { subjectIncludes: 'alternativa' });
  const b = browser(stack.app);
  await b.get(verification.path);
  expect((await b.post(verification.path, {})).body).toContain('Dirección confirmada');
  const answering = await user.linkFor(u.mail, { subjectIncludes: 'Continúe' });
  return { ...u, alternate, answering };
}

/** The page once it shows `text`: Temporal's visibility lags a moment behind the workflows. */
async function pageShowing(b: Browser, path: string, text: string): Promise<string> {
  const until = Date.now() + patienceMs;
  for (;;) {
    const { body } = await b.get(path);
    if (body.includes(text)) return body;
    if (Date.now() > until) throw new Error(`${path} never showed "${text}":\n${body}`);
    await setTimeout(200);
  }
}

/** The audit's record of one admin action on a user. */
function adminAudit(uid: string, event: string) {
  return stack.db
    .selectFrom('audit_events')
    .select(['actor', 'outcome', 'details'])
    .where('username', '=', uid)
    .where('event', '=', event)
    .execute();
}

describe('search and the user page (R1)', () => {
  it('finds users by the start of their name; a user without mail is marked; GET keeps the text', async () => {
    const b = await signedIn();
    const withMail = await user.newUser();
    const noMail = await user.newUser({ mail: false });
    expect((await b.get('/admin/users')).body).not.toContain(en.found(1));

    const found = await b.get(`/admin/users?q=${withMail.uid.toUpperCase()}`);
    expect(found.status).toBe(200);
    expect(found.body).toContain(`href="/admin/users/${withMail.uid}"`);
    expect(found.body).toContain(withMail.mail);
    expect(found.body).toContain(en.found(1));
    expect(found.body).toContain(`value="${withMail.uid.toUpperCase()}"`);

    const lacking = await b.get(`/admin/users?q=${noMail.uid}`);
    expect(lacking.body).toContain(en.noMail);
    const page = await b.get(`/admin/users/${noMail.uid}`);
    expect(page.body).toContain(en.noMail);
    expect(page.body).toContain(en.notEnrolled);
    expect(page.body).toContain(`${en.actions.reset.button}</span>: ${en.refusals['no-mail']}`);

    const none = await b.get('/admin/users?q=nobody-by-this-name-at-all');
    expect(none.body).toContain(en.none);
    const filter = await b.get(`/admin/users?q=${encodeURIComponent('*)(uid=*')}`);
    expect(filter.body).toContain(en.none);
  });

  it('shows the set-up (never an answer), and the runs with their outcome and a link into Temporal', async () => {
    const u = await enrolledUser();
    const b = await signedIn('es');
    // A spelling of the name other than the directory's goes to the one address per user.
    const upper = await b.get(`/admin/users/${u.uid.toUpperCase()}`);
    expect(upper.status).toBe(303);
    expect(upper.headers.get('location')).toBe(`/admin/users/${u.uid}`);

    const page = await b.get(`/admin/users/${u.uid}`);
    expect(page.body).toContain(u.mail);
    expect(page.body).toContain(u.alternate);
    expect(page.body).toMatch(/Configuradas el \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\): 2 preguntas/);
    expect(page.body).toMatch(/confirmado el \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)/);
    expect(page.body).not.toContain('Firulais');
    expect(page.body).not.toContain('$argon2');
    const { runId } = await stack.client.workflow.getHandle(u.workflowId).describe();
    const link = `${temporalUi}/namespaces/${stack.client.options.namespace}/workflows/${u.workflowId}/${runId}`;
    const runs = await pageShowing(b, `/admin/users/${u.uid}`, es.steps['waiting-for-click']);
    expect(runs).toContain(`href="${link}"`);
    expect(page.body).toContain(`href="/admin/audit?user=${u.uid}"`);
  });

  it('is behind the sign-in, and every action form needs its CSRF token', async () => {
    const u = await user.newUser();
    const anonymous = await app.request(`/admin/users/${u.uid}`);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/admin/sign-in');
    const b = await signedIn();
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const forged = await app.request(`/admin/users/${u.uid}/reset`, {
      method: 'POST',
      body: new URLSearchParams({}),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forged.status).toBe(403);
    expect((await b.get('/admin/users/not%20a%20name')).status).toBe(404);
    expect((await b.get(`/admin/users/${u.uid}/something-else`)).status).toBe(404);
  });
});

describe('delete the questions (R7)', () => {
  it('stops the recovery waiting to ask them; the next recovery is an enrollment', async () => {
    const u = await enrolledUser();
    const b = await signedIn();
    await confirmAndDo(b, u.uid, 'delete-questions', en.actions['delete-questions'].done);

    // The running recovery ends without asking; its answering link no longer opens.
    expect(await user.outcomeOf(u.uid)).toBe('questions-deleted');
    await pageShowing(b, `/admin/users/${u.uid}`, en.outcomes['questions-deleted']);
    const stale = await user.openLink(u.answering.path);
    expect(stale.response.headers.get('location')).toMatch(/^\/\?notice=link-/);
    expect(
      await stack.db.selectFrom('enrollments').where('username', '=', u.uid).selectAll().execute(),
    ).toEqual([]);
    expect(
      await stack.db
        .selectFrom('enrollment_answers')
        .where('username', '=', u.uid)
        .selectAll()
        .execute(),
    ).toEqual([]);

    // R7: the user enrols again.
    const again = new Date();
    await user.requestLink(u.uid);
    await user.linkFor(u.mail, { after: again, subjectIncludes: 'Configure' });
    expect(await user.stateOf(u.uid)).toMatchObject({ status: 'waiting-for-click' });
    expect(await adminAudit(u.uid, 'questions-deleted')).toEqual([
      { actor: `admin:${breakGlassAdmin.user}`, outcome: 'ok', details: null },
    ]);

    // Nothing left to delete: refused, said, and audited.
    const refused = await b.post(`/admin/users/${u.uid}/delete-questions`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(en.refusals['not-enrolled']);
    expect((await adminAudit(u.uid, 'questions-deleted')).at(-1)).toMatchObject({
      outcome: 'refused',
      details: JSON.stringify({ reason: 'not-enrolled' }),
    });
  });

  it('ends a recovery at its answering step: no answer is checked, nothing locks', async () => {
    const u = await enrolledUser();
    const { proof } = await user.openLink(u.answering.path);
    expect(await user.stateOf(u.uid)).toMatchObject({ status: 'answering' });
    const b = await signedIn('es');
    await confirmAndDo(b, u.uid, 'delete-questions', es.actions['delete-questions'].done);
    expect(await user.outcomeOf(u.uid)).toBe('questions-deleted');
    const late = await stack.recoveries.submit(u.workflowId, submitAnswers, {
      ...(proof as SessionProof),
      answers,
    });
    expect(late).toMatchObject({ ok: false });
    expect(
      await stack.db
        .selectFrom('recovery_lockouts')
        .where('username', '=', u.uid)
        .selectAll()
        .execute(),
    ).toEqual([]);
    expect(await directory().checkSignIn(u.dn, initialPassword)).toBe('ok');
  });
});

describe('a recovery link to the confirmed alternate address (R15)', () => {
  it('joins the running recovery: the link and the temporary key go to the alternate address', async () => {
    const u = await enrolledUser();
    const b = await signedIn();
    const sentAt = new Date();
    await confirmAndDo(b, u.uid, 'alternate-link', en.actions['alternate-link'].done);

    // The user, locked out of the main mailbox, opens the link at the alternate address.
    const link = await user.linkFor(u.alternate, { after: sentAt, subjectIncludes: 'Continúe' });
    const { proof } = await user.openLink(link.path);
    const resetAt = new Date();
    expect(
      await stack.recoveries.submit(u.workflowId, submitAnswers, {
        ...(proof as SessionProof),
        answers,
      }),
    ).toEqual({ ok: true, result: { ok: true } });
    const keyMail = await user.waitForMail(u.alternate, {
      after: resetAt,
      subjectIncludes: 'contraseña temporal',
    });
    const key = /contraseña temporal es: (\S+)/.exec(keyMail.text)?.[1] as string;
    expect(await directory().checkSignIn(u.dn, key)).toBe('must-change');
    // S5: the main address hears of it too, and where the key went; no key in it.
    const notice = await user.waitForMail(u.mail, {
      after: resetAt,
      subjectIncludes: 'restablecida',
    });
    expect(notice.text).toContain('alternativa');
    expect(notice.text).not.toContain(key);
    const messagesToMain = await stack.mail.list(u.mail);
    expect(messagesToMain.some((m) => m.text.includes(key))).toBe(false);
    expect(await user.outcomeOf(u.uid)).toBe('password-reset');

    const audit = await stack.db
      .selectFrom('audit_events')
      .select(['actor', 'event', 'outcome', 'details'])
      .where('username', '=', u.uid)
      .where('event', 'in', ['alternate-link-sent', 'link-sent'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          actor: `admin:${breakGlassAdmin.user}`,
          event: 'alternate-link-sent',
          outcome: 'ok',
          details: null,
        },
        {
          actor: 'user',
          event: 'link-sent',
          outcome: 'answer',
          details: JSON.stringify({ to: 'alternate' }),
        },
      ]),
    );
  });

  it('starts a recovery when none runs; refused without a confirmed alternate address', async () => {
    const u = await enrolledUser();
    await stack.client.workflow.getHandle(u.workflowId).terminate('the test starts anew');
    const b = await signedIn('es');
    const sentAt = new Date();
    await confirmAndDo(b, u.uid, 'alternate-link', es.actions['alternate-link'].done);
    await user.linkFor(u.alternate, { after: sentAt, subjectIncludes: 'Continúe' });
    const started = await stack.db
      .selectFrom('audit_events')
      .select('actor')
      .where('username', '=', u.uid)
      .where('event', '=', 'recovery-requested')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(started.actor).toBe(`admin:${breakGlassAdmin.user}`);

    // Another user enrolled, the alternate address never confirmed: nothing is sent.
    const other = await user.newUser();
    await user.requestLink(other.uid);
    const { path } = await user.linkFor(other.mail, { subjectIncludes: 'Configure' });
    const { proof } = await user.openLink(path);
    await stack.recoveries.submit(other.workflowId, submitEnrollment, {
      ...(proof as SessionProof),
      alternateMail: `${other.uid}.alt@example.net`,
      alternateMailConfirm: `${other.uid}.alt@example.net`,
      answers,
    });
    const confirm = await b.get(`/admin/users/${other.uid}/alternate-link`);
    expect(confirm.status).toBe(409);
    expect(confirm.body).toContain(es.refusals['alternate-unverified']);
  });

  it('is refused while the user is in the middle of a step: that recovery goes on where its link was opened', async () => {
    const u = await enrolledUser();
    await user.openLink(u.answering.path);
    expect(await user.stateOf(u.uid)).toMatchObject({ status: 'answering' });
    const b = await signedIn();
    await b.get(`/admin/users/${u.uid}/alternate-link`);
    const refused = await b.post(`/admin/users/${u.uid}/alternate-link`, {});
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(en.refusals['in-session']);
    expect(await user.stateOf(u.uid)).toMatchObject({ status: 'answering' });
    expect((await adminAudit(u.uid, 'alternate-link-sent')).at(-1)).toMatchObject({
      outcome: 'refused',
      details: JSON.stringify({ reason: 'in-session' }),
    });
  });
});

describe('a temporary-key reset started by an admin (R5, S3)', () => {
  it('the mailed key works and must be changed; the admin never sees it, nor does history in clear', async () => {
    const u = await user.newUser();
    const b = await signedIn();
    const startedAt = new Date();
    const seen = await confirmAndDo(b, u.uid, 'reset', en.actions.reset.done);

    const handle = stack.client.workflow.getHandle<typeof adminReset>(adminResetWorkflowId(u.uid));
    const result: RecoveryResult = await handle.result();
    expect(result.outcome).toBe('password-reset');
    // In the user's language (none enrolled: the admin's page's), saying an admin did it.
    const keyMail = await user.waitForMail(u.mail, {
      after: startedAt,
      subjectIncludes: 'temporary password',
    });
    expect(keyMail.text).toContain('an administrator reset your password');
    const key = /temporary password is: (\S+)/.exec(keyMail.text)?.[1] as string;
    expect(key).toMatch(/^\S{16}$/);
    expect(await directory().checkSignIn(u.dn, key)).toBe('must-change');
    await changeOwnPassword(stack.directory, u.dn, key, 'Own-Choice-2026');
    expect(await directory().checkSignIn(u.dn, 'Own-Choice-2026')).toBe('ok');
    const check = stack.client.workflow.getHandle(result.keyCheckWorkflowId as string);
    await check.terminate('the test does not wait for the key check');

    // S3: no page the admin saw, before or after, holds the key; nor the audit.
    seen.push((await b.get(`/admin/users/${u.uid}`)).body);
    for (const body of seen) expect(body).not.toContain(key);
    const audit = await stack.db
      .selectFrom('audit_events')
      .select(['actor', 'event', 'outcome'])
      .where('username', '=', u.uid)
      .orderBy('id')
      .execute();
    expect(JSON.stringify(audit)).not.toContain(key);
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor: `admin:${breakGlassAdmin.user}`, event: 'admin-reset-started', outcome: 'ok' },
        {
          actor: `admin:${breakGlassAdmin.user}`,
          event: 'password-reset',
          outcome: 'temporary-key',
        },
        { actor: `admin:${breakGlassAdmin.user}`, event: 'admin-reset', outcome: 'password-reset' },
      ]),
    );
    // No secret in history: raw bytes hold no key; decoded, only the workflow's own inputs.
    for (const workflowId of [adminResetWorkflowId(u.uid), result.keyCheckWorkflowId as string]) {
      const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
      expect(historyText(history)).not.toContain(key);
      expect(historyText(await decodeHistory(history, stack.codec))).not.toContain(key);
      expect(historyText(history)).not.toContain(u.mail);
    }
  });

  it('one at a time per user; refused for an account without mail', async () => {
    const u = await user.newUser();
    // A reset that no worker picks up stands for one still under way.
    const pending = await stack.client.workflow.start<typeof adminReset>('adminReset', {
      workflowId: adminResetWorkflowId(u.uid),
      taskQueue: `nobody-polls-${u.uid}`,
      args: [{ username: u.uid, locale: 'en', requestedBy: 'admin:someone-else' }],
    });
    try {
      const b = await signedIn();
      await b.get(`/admin/users/${u.uid}/reset`);
      const refused = await b.post(`/admin/users/${u.uid}/reset`, {});
      expect(refused.status).toBe(409);
      expect(refused.body).toContain(en.refusals['reset-running']);
    } finally {
      await pending.terminate('test over');
    }
    const noMail = await user.newUser({ mail: false });
    const b = await signedIn('es');
    const confirm = await b.get(`/admin/users/${noMail.uid}/reset`);
    expect(confirm.status).toBe(409);
    expect(confirm.body).toContain(es.refusals['no-mail']);
    const posted = await b.post(`/admin/users/${noMail.uid}/reset`, {});
    expect(posted.status).toBe(409);
    expect(await adminAudit(noMail.uid, 'admin-reset-started')).toEqual([
      {
        actor: `admin:${breakGlassAdmin.user}`,
        outcome: 'refused',
        details: JSON.stringify({ reason: 'no-mail' }),
      },
    ]);
  });
});

describe('lift a recovery lockout', () => {
  it('says what it lifts and what not; the user can start a recovery again', async () => {
    const u = await user.newUser();
    // As the answers-locked path leaves it (workflows/recovery.ts lockRecoveries).
    await lockRecoveries(stack.db, u.uid, new Date(Date.now() + 3600_000).toISOString());
    await user.requestLink(u.uid);
    expect(await user.outcomeOf(u.uid)).toBe('locked-out');

    const b = await signedIn();
    const [confirm] = await confirmAndDo(b, u.uid, 'lift-lockout', en.actions['lift-lockout'].done);
    expect(confirm).toContain('The directory account is not touched');
    const again = new Date();
    await user.requestLink(u.uid);
    await user.linkFor(u.mail, { after: again, subjectIncludes: 'Configure' });
    expect(await adminAudit(u.uid, 'lockout-lifted')).toEqual([
      { actor: `admin:${breakGlassAdmin.user}`, outcome: 'ok', details: null },
    ]);
    const none = await b.get(`/admin/users/${u.uid}/lift-lockout`);
    expect(none.status).toBe(409);
    expect(none.body).toContain(en.refusals['not-locked']);
  });
});
