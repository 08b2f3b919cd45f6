import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { csrfProtection } from '../../web/csrf';
import type { WebEnv } from '../../web/env';

const origin = 'https://sspr.example.test';

function app() {
  const app = new Hono<WebEnv>();
  app.use(
    csrfProtection({
      key: randomBytes(32),
      publicOrigin: origin,
      secureCookies: true,
      onRefused: (c) => c.text('refused', 403),
    }),
  );
  app.get('/', (c) => c.text(c.var.csrfToken));
  app.post('/', (c) => c.text('taken'));
  return app;
}

/** A form's POST with the cookie and token a GET gave, and the headers a browser adds. */
async function post(headers: Record<string, string>) {
  const a = app();
  const page = await a.request('/');
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const body = new URLSearchParams({ csrf: await page.text() });
  const response = await a.request('/', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers },
  });
  return response.status;
}

describe('CSRF: where a form comes from', () => {
  it('takes a form from this origin, or with no Origin at all', async () => {
    expect(await post({ origin })).toBe(200);
    expect(await post({})).toBe(200);
  });

  it('takes a plain form sent from a page with Referrer-Policy: no-referrer (Origin: null)', async () => {
    // What Chromium sends for a form on these pages without JavaScript (test/browser).
    expect(await post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).toBe(200);
  });

  it('refuses another origin, and an opaque one the browser says came from another site', async () => {
    expect(await post({ origin: 'https://evil.example' })).toBe(403);
    expect(await post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await post({ origin: 'null', 'sec-fetch-site': 'same-site' })).toBe(403);
  });
});
