import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { recoveryWorkflowId } from '../../common/domain/workflow-ids';
import { openSqlite } from '../../db/database';
import { clientAddress, trustedProxies } from '../../web/client-address';
import type { WebEnv } from '../../web/env';
import { type RateLimitSettings, rateLimiting, rateLimitTable } from '../../web/rate-limit';

const key = randomBytes(32);
const limits: RateLimitSettings = {
  perClient: { points: 3, durationSeconds: 60 },
  perUsername: { points: 2, durationSeconds: 3600 },
  perSession: { points: 2, durationSeconds: 600 },
  perAdminName: { points: 2, durationSeconds: 900 },
};
const opened: SQLite.Database[] = [];

afterEach(() => {
  for (const store of opened.splice(0)) if (store.open) store.close();
});

function databaseFile() {
  return join(mkdtempSync(join(tmpdir(), 'sspr-limits-')), 'sspr.sqlite');
}

function store(file: string) {
  const connection = openSqlite(file);
  opened.push(connection);
  return connection;
}

function logLines() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  return { log, lines };
}

/** The middleware alone, in front of routes that always succeed and say how they were asked. */
function web(connection: SQLite.Database, log = logLines().log) {
  const app = new Hono<WebEnv>();
  app.use(clientAddress({ trustedProxies: trustedProxies([]) }));
  app.use(
    rateLimiting({
      store: connection,
      limits,
      key,
      log,
      onLimited: (c, seconds) => c.text(`wait ${seconds}`, 429),
    }),
  );
  // What the start route does with the mark: asks a running recovery quietly.
  app.all('*', (c) => c.text(c.var.usernameOverLimit ? 'quietly' : 'ok'));
  return app;
}

async function post(
  app: Hono<WebEnv>,
  from: string,
  fields: Record<string, string> = {},
  options: { path?: string; cookie?: string } = {},
) {
  return app.request(
    options.path ?? '/',
    {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
    },
    { incoming: { socket: { remoteAddress: from } } },
  );
}

/** The status and, when it is 200, how the route was asked. */
async function answers(requests: Array<() => Promise<Response> | Response>) {
  const result: string[] = [];
  for (const request of requests) {
    const response = await request();
    result.push(response.status === 200 ? await response.text() : String(response.status));
  }
  return result;
}

async function statuses(requests: Array<() => Promise<Response> | Response>) {
  const result: number[] = [];
  for (const request of requests) result.push((await request()).status);
  return result;
}

describe('rate limits', () => {
  it('per client: the N+1th POST gets 429 with Retry-After; other clients are not affected', async () => {
    const app = web(store(databaseFile()));
    expect(await statuses([1, 2, 3].map(() => () => post(app, '203.0.113.1')))).toEqual([
      200, 200, 200,
    ]);
    const refused = await post(app, '203.0.113.1');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect((await post(app, '203.0.113.2')).status).toBe(200);
  });

  it('GETs are never counted nor refused', async () => {
    const app = web(store(databaseFile()));
    for (let i = 0; i < 4; i++) await post(app, '203.0.113.1');
    for (let i = 0; i < 10; i++) {
      const response = await app.request(
        '/',
        {},
        { incoming: { socket: { remoteAddress: '203.0.113.1' } } },
      );
      expect(response.status).toBe(200);
    }
  });

  it('per username at the start, on its canonical spelling, from any client: never a 429', async () => {
    const app = web(store(databaseFile()));
    const result = await answers(
      ['ana.garcia', ' ANA.Garcia ', 'ana.garcia'].map(
        (username, i) => () => post(app, `198.51.100.${i + 1}`, { username }),
      ),
    );
    expect(result).toEqual(['ok', 'ok', 'quietly']);
    expect((await post(app, '198.51.100.9', { username: 'someone.else' })).status).toBe(200);
    // A malformed name is for the page to refuse; other paths do not count usernames.
    expect((await post(app, '198.51.100.10', { username: 'a b' })).status).toBe(200);
    expect(
      (await post(app, '198.51.100.11', { username: 'ana.garcia' }, { path: '/link/x' })).status,
    ).toBe(200);
  });

  it('per name typed at the admin sign-in, known or not, from any client (ASVS 2.2.1)', async () => {
    const app = web(store(databaseFile()));
    const signIn = (user: string, from: string) =>
      post(app, from, { user, password: 'not it' }, { path: '/admin/sign-in' });
    const result = await statuses(
      ['admin.sspr', ' Admin.SSPR ', 'admin.sspr'].map(
        (user, i) => () => signIn(user, `198.51.100.${i + 1}`),
      ),
    );
    expect(result).toEqual([200, 200, 429]);
    expect((await signIn('nobody.at.all', '198.51.100.9')).status).toBe(200);
    // The start form's username and the admin's name are counted apart.
    expect((await post(app, '198.51.100.10', { username: 'admin.sspr' })).status).toBe(200);
  });

  it('per recovery session on /recovery/*, by the whole session cookie', async () => {
    const app = web(store(databaseFile()));
    const id = Buffer.from(recoveryWorkflowId('ana')).toString('base64url');
    const cookie = `sspr_session=${id}.${'a'.repeat(43)}`;
    const forged = `sspr_session=${id}.${'b'.repeat(43)}`;
    const result = await statuses(
      [1, 2, 3].map(
        (i) => () => post(app, `198.51.100.${i}`, {}, { path: '/recovery/answers', cookie }),
      ),
    );
    expect(result).toEqual([200, 200, 429]);
    // Someone who only knows the username (so the workflow id) cannot use up the user's quota.
    expect(
      (await post(app, '198.51.100.9', {}, { path: '/recovery/answers', cookie: forged })).status,
    ).toBe(200);
  });

  it('are shared by web processes on one database file, and outlive a restart', async () => {
    const file = databaseFile();
    const first = web(store(file));
    const second = web(store(file));
    expect(
      await statuses([
        () => post(first, '203.0.113.1', { username: 'ana' }),
        () => post(second, '203.0.113.1', { username: 'ana' }),
        () => post(first, '203.0.113.1'),
        () => post(second, '203.0.113.1'),
      ]),
    ).toEqual([200, 200, 200, 429]);
    expect(await answers([() => post(first, '203.0.113.9', { username: 'ana' })])).toEqual([
      'quietly',
    ]);

    for (const connection of opened) connection.close();
    const restarted = web(store(file));
    expect((await post(restarted, '203.0.113.1')).status).toBe(429);
    expect(await answers([() => post(restarted, '203.0.113.8', { username: 'ana' })])).toEqual([
      'quietly',
    ]);
  });

  it('keep neither addresses nor usernames in the database, nor usernames in the log', async () => {
    const connection = store(databaseFile());
    const { log, lines } = logLines();
    const app = web(connection, log);
    for (let i = 0; i < 3; i++) await post(app, `198.51.100.${i}`, { username: 'ana.garcia' });
    const rows = connection.prepare(`SELECT key FROM ${rateLimitTable}`).all();
    const stored = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    expect(stored).not.toContain('ana');
    expect(stored).not.toContain('198.51.100');

    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('ana');
    const warned = lines.filter((l) => l.level === 40);
    expect(warned).toEqual([
      expect.objectContaining({ limit: 'perUsername', msg: 'rate limit reached' }),
    ]);
    expect(JSON.stringify(warned)).not.toContain('198.51.100');
    // The address only at debug.
    expect(lines.filter((l) => JSON.stringify(l).includes('198.51.100.2'))).toEqual([
      expect.objectContaining({ level: 20, clientAddress: '198.51.100.2' }),
    ]);
  });

  it('never log a token from a link path', async () => {
    const { log, lines } = logLines();
    const app = web(store(databaseFile()), log);
    const token = 'T'.repeat(43);
    for (let i = 0; i < 4; i++) await post(app, '203.0.113.1', {}, { path: `/link/${token}` });
    expect(JSON.stringify(lines)).not.toContain(token);
    expect(lines[0]).toMatchObject({ path: '/link/[secret]' });
  });

  it('go on counting in memory when the database fails', async () => {
    const connection = store(databaseFile());
    const app = web(connection);
    expect((await post(app, '203.0.113.1')).status).toBe(200);
    connection.close();
    expect(await statuses([1, 2, 3, 4].map(() => () => post(app, '203.0.113.1')))).toEqual([
      200, 200, 200, 429,
    ]);
  });
});
