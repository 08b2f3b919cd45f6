import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { logTail, type ServerProcess, spawnServer, waitFor } from '../../dev/child-process';
import { browser } from '../../dev/form-browser';
import { freePort } from '../../dev/ports';
import { breakGlassAdmin, patienceMs, type Stack, startStack } from '../support/stack';
import { serviceEnv } from '../support/worker-process';

/**
 * SSPR_ADMIN_LISTEN: the production web entry point (web/main.ts), as a process of its own,
 * serves the admin console only at the address of its own, and the public address answers
 * 404 under /admin, so the console need not be reachable from where users are.
 */
const webMain = fileURLToPath(new URL('../../web/main.ts', import.meta.url));

let stack: Stack;
let web: ServerProcess;
let publicBase: string;
let consoleBase: string;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  const [webPort, consolePort] = [await freePort(), await freePort()];
  publicBase = `http://127.0.0.1:${webPort}`;
  consoleBase = `http://127.0.0.1:${consolePort}`;
  const logFile = join(stack.dataDir, 'web.log');
  web = spawnServer(process.execPath, ['--import', 'tsx', webMain], {
    logFile,
    env: {
      ...serviceEnv(stack, inject('servers')),
      SSPR_WEB_HOST: '127.0.0.1',
      SSPR_WEB_PORT: String(webPort),
      SSPR_ADMIN_LISTEN: `127.0.0.1:${consolePort}`,
      SSPR_ADMIN_USER: breakGlassAdmin.user,
      SSPR_ADMIN_PASSWORD_HASH: stack.webDeps.breakGlassAdmin?.passwordHash,
    },
  });
  await waitFor(async () => (await logTail(logFile, 200)).includes('admin console ready'), {
    timeoutMs: patienceMs,
    intervalMs: 200,
    what: `the web process (${logFile})`,
    child: web,
  });
}, 2 * patienceMs);
afterAll(async () => {
  await web?.stop();
  await stack?.stop();
});

/** The browser of test/support/browser.ts, over HTTP to one of the process's listeners. */
function over(base: string) {
  const http = {
    request: (path: string, init?: RequestInit) =>
      fetch(`${base}${path}`, { ...init, redirect: 'manual' }),
  };
  return browser(http as unknown as Pick<Hono, 'request'>, { language: 'en' });
}

describe('the admin console on a listener of its own (SSPR_ADMIN_LISTEN)', () => {
  it('the public address answers 404 under /admin, to a sign-in too, and still serves the user pages', async () => {
    const b = over(publicBase);
    for (const path of ['/admin', '/admin/sign-in', '/admin/users', '/admin/audit.csv']) {
      expect((await b.get(path)).status).toBe(404);
    }
    await b.get('/');
    const signIn = await b.post('/admin/sign-in', breakGlassAdmin);
    expect(signIn.status).toBe(404);
    expect(b.cookies.has('sspr_admin')).toBe(false);
    const start = await b.get('/');
    expect(start.status).toBe(200);
    expect(start.body).toContain('name="username"');
  });

  it('the console answers at its own address, and nothing else does', async () => {
    const b = over(consoleBase);
    expect((await b.get('/')).headers.get('location')).toBe('/admin');
    expect((await b.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
    expect((await b.get('/admin/sign-in')).status).toBe(200);
    const signIn = await b.post('/admin/sign-in', breakGlassAdmin);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/admin');
    const dashboard = await b.get('/admin');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body).toContain(`Signed in as ${breakGlassAdmin.user}`);
    expect((await b.get('/recovery')).status).toBe(404);
  });
});
