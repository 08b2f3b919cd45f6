import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenDigest } from '../../common/tokens';
import { changePolicy } from '../../db/policy';
import { createUser } from '../../dev/ldap-users';
import type { Slapd } from '../../dev/slapd';
import { openRecoveryLink, recoveryWorkflowId } from '../../web/recoveries';
import type { RecoveryOutcome } from '../../workflows/messages';
import { browser } from '../support/browser';
import { historyText } from '../support/history-text';
import { publicUrl, type Stack, startStack, uniqueUid } from '../support/stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const linkPattern = new RegExp(`${publicUrl.replace(/\./g, '\\.')}/link/([A-Za-z0-9_-]{43})`);

async function newUser(options: { mail?: boolean } = {}) {
  const uid = uniqueUid('user');
  const mail = `${uid}@example.org`;
  await createUser(stack.directory as Slapd, {
    uid,
    givenName: 'Ana',
    sn: 'García',
    ...(options.mail === false ? {} : { mail }),
    password: 'Initial-Secret-1',
  });
  return { uid, mail };
}

/** The start page as a requester sees it, without what differs per browser (the CSRF token). */
async function requestLink(uid: string, language = 'es') {
  const b = browser(stack.app, { language });
  await b.get('/');
  const response = await b.post('/', { username: uid });
  return { ...response, page: response.body.replace(/value="[^"]*"/g, 'value=""') };
}

function outcomeOf(uid: string): Promise<RecoveryOutcome> {
  return stack.client.workflow.getHandle(recoveryWorkflowId(uid)).result();
}

async function linkFor(mail: string, after?: Date) {
  const message = await stack.mail.waitFor(mail, after ? { after } : {});
  const match = linkPattern.exec(message.text);
  if (!match) throw new Error(`no link in the e-mail to ${mail}:\n${message.text}`);
  return { message, path: `/link/${match[1]}`, token: match[1] as string };
}

describe('start page (R8, R9, S4)', () => {
  it('R9: a known user with mail gets the bottom message and an e-mail with a one-time link (R10)', async () => {
    const { uid, mail } = await newUser();
    const response = await requestLink(uid);
    expect(response.status).toBe(200);
    expect(response.body).toContain('le hemos enviado');
    // The message sits below the form, at the bottom of the page (R9).
    expect(response.body.indexOf('le hemos enviado')).toBeGreaterThan(
      response.body.indexOf('</form>'),
    );

    const { message, token } = await linkFor(mail);
    expect(message.subject).toBe('Configure su recuperación de contraseña');
    expect(message.html).toContain(`${publicUrl}/link/${token}`);
    expect(message.text).toContain('caduca en 15 minutos');
  });

  it('S4, R1, R11: an unknown user and a user without mail get the same page and no e-mail', async () => {
    const known = await newUser();
    const noMail = await newUser({ mail: false });
    const unknown = uniqueUid('nobody');

    const pages = await Promise.all([known.uid, noMail.uid, unknown].map((u) => requestLink(u)));
    const normalised = pages.map((p) => ({
      status: p.status,
      page: p.page.replace(/value="user\.[^"]*"|value="nobody\.[^"]*"/g, ''),
    }));
    expect(normalised[1]).toEqual(normalised[0]);
    expect(normalised[2]).toEqual(normalised[0]);

    expect(await outcomeOf(noMail.uid)).toBe('no-mail');
    expect(await outcomeOf(unknown)).toBe('no-account');
    await stack.mail.waitFor(known.mail);
    expect(await stack.mail.list(noMail.mail)).toEqual([]);
  });

  it('R8: a malformed username gets a clear field message in the page language, and no recovery', async () => {
    const es = browser(stack.app, { language: 'es' });
    await es.get('/');
    const empty = await es.post('/', { username: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Escriba su usuario del dominio.');

    const en = browser(stack.app, { language: 'en' });
    await en.get('/');
    const bad = await en.post('/', { username: 'a b<script>' });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('A username has 1 to 64 characters');
    expect(bad.body).not.toContain('<script>');
    // What the user typed is kept in the field (escaped), nothing is lost.
    expect(bad.body).toContain('value="a b&lt;script&gt;"');
  });

  it("a form without its CSRF token is refused, in the user's language", async () => {
    const response = await stack.app.request('/', {
      method: 'POST',
      body: new URLSearchParams({ username: 'someone' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': 'en',
      },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('This form has expired');
  });

  it('links are built from the configured public URL, never from the Host header', async () => {
    const { uid, mail } = await newUser();
    const b = browser(stack.app);
    await b.get('/', { host: 'evil.example' });
    await b.post('/', { username: uid }, { host: 'evil.example' });
    const { message } = await linkFor(mail);
    expect(message.text).not.toContain('evil.example');
    expect(message.text).toContain(`${publicUrl}/link/`);
  });
});

describe('one-time link (R12, R13, R19)', () => {
  it('R13: the link opens once; opening it again sends the user back to the start page', async () => {
    const { uid, mail } = await newUser();
    await requestLink(uid);
    const { path } = await linkFor(mail);

    const b = browser(stack.app);
    const landing = await b.get(path);
    expect(landing.status).toBe(200);
    expect(landing.headers.get('referrer-policy')).toBe('no-referrer');
    expect(landing.headers.get('cache-control')).toBe('no-store');

    const accepted = await b.post(path, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toContain('Enlace confirmado');
    expect(b.cookies.get('sspr_session')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await outcomeOf(uid)).toBe('link-opened');

    const again = await browser(stack.app).get(path);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/?notice=link-used');
    const reposted = await b.post(path, {});
    expect(reposted.status).toBe(303);
    expect(reposted.headers.get('location')).toBe('/?notice=link-used');

    const start = await browser(stack.app).get('/?notice=link-used');
    expect(start.body).toContain('Ese enlace ya se usó');
  });

  it('R12: a link opened after its time to live is refused and the recovery ends', async () => {
    await changePolicy(stack.db, { link_ttl_seconds: 2 }, 'test');
    try {
      const { uid, mail } = await newUser();
      await requestLink(uid);
      const { path } = await linkFor(mail);
      expect(await outcomeOf(uid)).toBe('link-expired');

      const b = browser(stack.app, { language: 'en' });
      const landing = await b.get(path);
      expect(landing.status).toBe(303);
      expect(landing.headers.get('location')).toBe('/?notice=link-expired');
      const start = await b.get('/?notice=link-expired');
      expect(start.body).toContain('That link has expired');
    } finally {
      await changePolicy(stack.db, { link_ttl_seconds: 15 * 60 }, 'test');
    }
  });

  it('R12, R13: the workflow itself refuses a forged, expired or reused link', async () => {
    await changePolicy(stack.db, { link_ttl_seconds: 3 }, 'test');
    try {
      const { uid, mail } = await newUser();
      await requestLink(uid);
      const { token } = await linkFor(mail);
      const workflowId = recoveryWorkflowId(uid);
      const open = (linkDigest: string) =>
        openRecoveryLink(stack.client, workflowId, { linkDigest, sessionDigest: 'x' });

      expect(await open(tokenDigest(stack.linkKey, 'link', 'B'.repeat(43)))).toEqual({
        ok: false,
        reason: 'unknown',
      });
      await sleep(3500);
      expect(await open(tokenDigest(stack.linkKey, 'link', token))).toEqual({
        ok: false,
        reason: 'expired',
      });
    } finally {
      await changePolicy(stack.db, { link_ttl_seconds: 15 * 60 }, 'test');
    }
    const { uid, mail } = await newUser();
    await requestLink(uid);
    const digest = tokenDigest(stack.linkKey, 'link', (await linkFor(mail)).token);
    const open = () =>
      openRecoveryLink(stack.client, recoveryWorkflowId(uid), {
        linkDigest: digest,
        sessionDigest: 'x',
      });
    expect(await open()).toEqual({ ok: true, result: { next: 'enroll' } });
    expect(await open()).toEqual({ ok: false, reason: 'expired' });
  });

  it('a repeated request sends a fresh link; the older one is refused as superseded', async () => {
    const { uid, mail } = await newUser();
    await requestLink(uid);
    const first = await linkFor(mail);
    const secondRequestAt = new Date();
    await requestLink(uid);
    const second = await linkFor(mail, secondRequestAt);
    expect(second.token).not.toBe(first.token);

    const b = browser(stack.app);
    await b.get(first.path);
    const refused = await b.post(first.path, {});
    expect(refused.headers.get('location')).toBe('/?notice=link-superseded');

    await b.get(second.path);
    const accepted = await b.post(second.path, {});
    expect(accepted.status).toBe(200);
    expect(await outcomeOf(uid)).toBe('link-opened');
  });

  it('an unknown or malformed token is refused without asking the workflow', async () => {
    const b = browser(stack.app);
    const malformed = await b.get('/link/not-a-token');
    expect(malformed.headers.get('location')).toBe('/?notice=link-unknown');
    const unknown = await b.get(`/link/${'A'.repeat(43)}`);
    expect(unknown.headers.get('location')).toBe('/?notice=link-unknown');
  });

  it('the token never enters Temporal history: only its HMAC does', async () => {
    const { uid, mail } = await newUser();
    await requestLink(uid);
    const { path, token } = await linkFor(mail);
    const b = browser(stack.app);
    await b.get(path);
    await b.post(path, {});
    await outcomeOf(uid);
    const history = await stack.client.workflow.getHandle(recoveryWorkflowId(uid)).fetchHistory();
    const raw = historyText(history);
    // The scan reads payloads: the username and the link's HMAC are there in clear.
    expect(raw).toContain(uid);
    expect(raw).toContain(tokenDigest(stack.linkKey, 'link', token));
    expect(raw).not.toContain(token);
    const session = b.cookies.get('sspr_session')?.split('.')[1] as string;
    expect(raw).not.toContain(session);
  });
});
