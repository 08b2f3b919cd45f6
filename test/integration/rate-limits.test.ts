import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { closeLimitStore, openLimitStore } from '../../db/database';
import { browser } from '../../dev/form-browser';
import { createApp } from '../../web/app';
import type { RateLimitSettings } from '../../web/rate-limit';
import { journeys } from '../support/journey';
import { breakGlassAdmin, type Stack, startStack, uniqueUid } from '../support/stack';

/** Small numbers, so the tests reach them; this file's own database holds the counters. */
const limits: RateLimitSettings = {
  perClient: { points: 3, durationSeconds: 60 },
  perUsername: { points: 2, durationSeconds: 3600 },
  perSession: { points: 20, durationSeconds: 600 },
  perAdminName: { points: 2, durationSeconds: 900 },
};

let stack: Stack;
let user: ReturnType<typeof journeys>;
let next = 0;

beforeAll(async () => {
  stack = await startStack({ rateLimits: limits });
  user = journeys(stack);
});
afterAll(async () => {
  await stack?.stop();
});

/** A client of its own: the app as reached from one socket address (TEST-NET-2, unique). */
function client(app: Pick<Hono, 'request'> = stack.app, address = `198.51.100.${++next}`) {
  return {
    address,
    request: (input: string | Request | URL, init?: RequestInit) =>
      app.request(input, init, { incoming: { socket: { remoteAddress: address } } }),
  };
}

/** Opens the start page and sends a username, as someone at `address` would. */
async function requestLink(
  username: string,
  options: { language?: string; from?: ReturnType<typeof client> } = {},
) {
  const b = browser(options.from ?? client(), { language: options.language ?? 'es' });
  await b.get('/');
  const response = await b.post('/', { username });
  return { ...response, page: response.body.replace(/value="[^"]*"/g, 'value=""') };
}

describe('rate limits on the forms (ASVS 2.2.1)', () => {
  it('the N+1th start request from one client gets a 429 page in its language, with Retry-After', async () => {
    const from = client();
    for (let i = 0; i < limits.perClient.points; i++) {
      expect((await requestLink(uniqueUid('nobody'), { from })).status).toBe(200);
    }

    const es = await requestLink(uniqueUid('nobody'), { from });
    expect(es.status).toBe(429);
    const retryAfter = Number(es.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(limits.perClient.durationSeconds);
    expect(es.body).toContain('lang="es"');
    expect(es.body).toContain('Demasiados intentos');
    expect(es.body).toContain('No se perdió nada: espere un minuto');
    expect(es.body).toContain('href="/"');

    const en = await requestLink(uniqueUid('nobody'), { from, language: 'en' });
    expect(en.status).toBe(429);
    expect(en.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(en.body).toContain('lang="en"');
    expect(en.body).toContain('Too many attempts');
    expect(en.body).toContain('Nothing was lost: wait a minute');
    expect(en.body).not.toContain('Demasiados');
  });

  it('S4: over the per-username limit, the page is the one below it, for a known name as for an unknown', async () => {
    const known = await user.newUser();
    const unknown = uniqueUid('nobody');
    const pages = [];
    for (const username of [known.uid, unknown]) {
      // Each time from another client: it is the username that is counted.
      const allowed = [];
      for (let i = 0; i < limits.perUsername.points; i++) allowed.push(await requestLink(username));
      expect(allowed.map((p) => p.status)).toEqual([200, 200]);
      // Another spelling of the same name is the same name: over the limit, and it never shows.
      const over = await requestLink(username.toUpperCase());
      expect(over.page).toBe(allowed[0]?.page);
      pages.push({ status: over.status, page: over.page });
    }
    const [forKnown, forUnknown] = pages;
    expect(forKnown?.status).toBe(200);
    expect(forUnknown).toEqual(forKnown);
    expect(forKnown?.page).not.toContain('Demasiados intentos');
  });

  it("the admin sign-in, per name typed: the break-glass admin's and an unknown one alike, from any client", async () => {
    const pages = [];
    for (const user of [breakGlassAdmin.user, uniqueUid('nobody')]) {
      const tries = [];
      for (let i = 0; i <= limits.perAdminName.points; i++) {
        const b = browser(client(), { language: 'en' });
        await b.get('/admin/sign-in');
        tries.push(await b.post('/admin/sign-in', { user, password: 'not it' }));
      }
      expect(tries.map((t) => t.status)).toEqual([401, 401, 429]);
      pages.push((tries.at(-1)?.body ?? '').replace(/value="[^"]*"/g, 'value=""'));
    }
    expect(pages[0]).toContain('Too many attempts');
    expect(pages[1]).toBe(pages[0]);
    // Guessing shows in the audit log: once per name and window, never the name typed.
    const limited = await stack.db
      .selectFrom('audit_events')
      .select(['actor', 'outcome', 'details'])
      .where('event', '=', 'rate-limited')
      .where('outcome', '=', 'perAdminName')
      .execute();
    expect(limited).toEqual([
      { actor: 'anonymous', outcome: 'perAdminName', details: '{"path":"/admin/sign-in"}' },
      { actor: 'anonymous', outcome: 'perAdminName', details: '{"path":"/admin/sign-in"}' },
    ]);
  });

  it('two web processes on one database share the counts', async () => {
    // Its own connection to the file, as another process on the machine would have.
    const otherStore = openLimitStore(stack.database);
    onTestFinished(() => closeLimitStore(otherStore));
    const other = createApp({ ...stack.webDeps, rateLimits: { store: otherStore, limits } });
    const address = `198.51.100.${++next}`;
    const here = client(stack.app, address);
    const there = client(other, address);
    expect((await requestLink(uniqueUid('nobody'), { from: here })).status).toBe(200);
    expect((await requestLink(uniqueUid('nobody'), { from: there })).status).toBe(200);
    expect((await requestLink(uniqueUid('nobody'), { from: here })).status).toBe(200);
    expect((await requestLink(uniqueUid('nobody'), { from: there })).status).toBe(429);
  });

  it('a GET is never limited, and the form is still there once the wait is over', async () => {
    const from = client();
    for (let i = 0; i <= limits.perClient.points; i++)
      await requestLink(uniqueUid('nobody'), { from });
    expect((await requestLink(uniqueUid('nobody'), { from })).status).toBe(429);
    const b = browser(from);
    for (let i = 0; i < 2 * limits.perClient.points; i++) {
      const page = await b.get('/');
      expect(page.status).toBe(200);
      expect(page.body).toContain('name="username"');
    }
    expect((await b.get('/link/not-a-token')).status).toBe(303);
    expect((await b.get('/healthz')).status).toBe(200);
  });

  it('the link and verify forms count toward the per-client limit', async () => {
    const b = browser(client());
    await b.get('/');
    const answers = [];
    for (let i = 0; i <= limits.perClient.points; i++) {
      const path = i % 2 === 0 ? '/link/not-a-token' : '/verify/not-a-token';
      answers.push((await b.post(path, {})).status);
    }
    expect(answers).toEqual([303, 410, 303, 429]);
  });
});
