import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { tokenDigest } from '../../common/tokens';
import { changePolicy } from '../../db/policy';
import { browser } from '../../dev/form-browser';
import { decodeHistory } from '../support/history-payloads';
import { historyText } from '../support/history-text';
import { journeys } from '../support/journey';
import { publicUrl, type Stack, startStack, uniqueUid } from '../support/stack';

let stack: Stack;
let user: ReturnType<typeof journeys>;

beforeAll(async () => {
  stack = await startStack();
  user = journeys(stack);
});
afterAll(async () => {
  await stack?.stop();
});

describe('start page (R8, R9, S4)', () => {
  it('R9: a known user with mail gets the bottom message and an e-mail with a one-time link (R10)', async () => {
    const { uid, mail } = await user.newUser();
    const response = await user.requestLink(uid);
    expect(response.status).toBe(200);
    expect(response.body).toContain('le hemos enviado');
    // The message sits below the form, at the bottom of the page (R9).
    expect(response.body.indexOf('le hemos enviado')).toBeGreaterThan(
      response.body.indexOf('</form>'),
    );

    const { message, token } = await user.linkFor(mail);
    expect(message.subject).toBe('Configure su recuperación de contraseña');
    expect(message.html).toContain(`${publicUrl}/link/${token}`);
    expect(message.text).toContain('caduca en 15 minutos');
  });

  it('S4, R1, R11: an unknown user and a user without mail get the same page and no e-mail', async () => {
    const known = await user.newUser();
    const noMail = await user.newUser({ mail: false });
    const unknown = uniqueUid('nobody');

    const pages = await Promise.all(
      [known.uid, noMail.uid, unknown].map((u) => user.requestLink(u)),
    );
    const normalised = pages.map((p) => ({
      status: p.status,
      page: p.page.replace(/value="user\.[^"]*"|value="nobody\.[^"]*"/g, ''),
    }));
    expect(normalised[1]).toEqual(normalised[0]);
    expect(normalised[2]).toEqual(normalised[0]);

    expect(await user.outcomeOf(noMail.uid)).toBe('no-mail');
    expect(await user.outcomeOf(unknown)).toBe('no-account');
    await user.waitForMail(known.mail);
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
    const { uid, mail } = await user.newUser();
    const b = browser(stack.app);
    await b.get('/', { host: 'evil.example' });
    await b.post('/', { username: uid }, { host: 'evil.example' });
    const { message } = await user.linkFor(mail);
    expect(message.text).not.toContain('evil.example');
    expect(message.text).toContain(`${publicUrl}/link/`);
  });
});

describe('one-time link (R12, R13, R19)', () => {
  it('R13: the link opens once; opening it again sends the user back to the start page', async () => {
    const { uid, mail } = await user.newUser();
    await user.requestLink(uid);
    const { path } = await user.linkFor(mail);

    const b = browser(stack.app);
    const landing = await b.get(path);
    expect(landing.status).toBe(200);
    expect(landing.headers.get('referrer-policy')).toBe('no-referrer');
    expect(landing.headers.get('cache-control')).toBe('no-store');

    const accepted = await b.post(path, {});
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toBe('/recovery');
    expect(b.cookies.get('sspr_session')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await user.stateOf(uid)).toMatchObject({ status: 'enrolling', step: 'enroll' });

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
      const { uid, mail } = await user.newUser();
      await user.requestLink(uid);
      const { path } = await user.linkFor(mail);
      expect(await user.outcomeOf(uid)).toBe('link-expired');

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
    const openWith = (uid: string, token: string) =>
      stack.recoveries.openLink(recoveryWorkflowId(uid), {
        linkDigest: tokenDigest(stack.linkKey, 'link', token),
        sessionDigest: 'x',
      });

    // Expired: waiting longer than the link lives can only leave it more expired.
    await changePolicy(stack.db, { link_ttl_seconds: 2 }, 'test');
    try {
      const { uid, mail } = await user.newUser();
      await user.requestLink(uid);
      const { token } = await user.linkFor(mail);
      await sleep(2500);
      expect(await openWith(uid, token)).toEqual({ ok: false, reason: 'expired' });
    } finally {
      await changePolicy(stack.db, { link_ttl_seconds: 15 * 60 }, 'test');
    }

    // Forged, then the real one once, then the real one again.
    const { uid, mail } = await user.newUser();
    await user.requestLink(uid);
    const { token } = await user.linkFor(mail);
    expect(await openWith(uid, 'B'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
    expect(await openWith(uid, token)).toEqual({ ok: true, result: { next: 'enroll' } });
    expect(await openWith(uid, token)).toEqual({ ok: false, reason: 'used' });
  });

  it('a repeated request sends another link; both open, and once one has, the other is superseded', async () => {
    const { uid, mail } = await user.newUser();
    await user.requestLink(uid);
    const first = await user.linkFor(mail);
    const secondRequestAt = new Date();
    // Asked again from an English page: the new e-mail speaks English.
    await user.requestLink(uid, 'en');
    const second = await user.linkFor(mail, { after: secondRequestAt });
    expect(second.token).not.toBe(first.token);
    expect(first.message.subject).toBe('Configure su recuperación de contraseña');
    expect(second.message.subject).toBe('Set up your password recovery');

    // The older link is not killed by the repeat: the user may be about to open it.
    const b = browser(stack.app);
    await b.get(first.path);
    const accepted = await b.post(first.path, {});
    expect(accepted.headers.get('location')).toBe('/recovery');
    expect(await user.stateOf(uid)).toMatchObject({ step: 'enroll' });

    await b.get(second.path);
    const refused = await b.post(second.path, {});
    expect(refused.headers.get('location')).toBe('/?notice=link-superseded');
  });

  it('an unknown or malformed token is refused without asking the workflow', async () => {
    const b = browser(stack.app);
    const malformed = await b.get('/link/not-a-token');
    expect(malformed.headers.get('location')).toBe('/?notice=link-unknown');
    const unknown = await b.get(`/link/${'A'.repeat(43)}`);
    expect(unknown.headers.get('location')).toBe('/?notice=link-unknown');
  });

  it('the token never enters Temporal history: only its HMAC does', async () => {
    const { uid, mail } = await user.newUser();
    await user.requestLink(uid);
    const { path, token } = await user.linkFor(mail);
    const b = browser(stack.app);
    await b.get(path);
    await b.post(path, {});
    const history = await stack.client.workflow.getHandle(recoveryWorkflowId(uid)).fetchHistory();
    // Payloads are encrypted (codec.test.ts): read history as an operator with the codec does,
    // so the scan sees the username and the link's HMAC, and would see the token if it were there.
    const raw = historyText(await decodeHistory(history, stack.codec));
    expect(raw).toContain(uid);
    expect(raw).toContain(tokenDigest(stack.linkKey, 'link', token));
    expect(raw).not.toContain(token);
    const session = b.cookies.get('sspr_session')?.split('.')[1] as string;
    expect(raw).not.toContain(session);
  });
});
