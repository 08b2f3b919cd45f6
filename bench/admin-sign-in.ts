import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { hash } from '@node-rs/argon2';
import { Client, Connection } from '@temporalio/client';
import { argon2Options } from '../common/argon2';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { SecretBox } from '../common/secret-box';
import { closeLimitStore, migrateToLatest, openDatabase, openLimitStore } from '../db/database';
import { createUser } from '../dev/ldap-users';
import { freePort } from '../dev/ports';
import { startSlapd } from '../dev/slapd';
import { createDirectory } from '../directory/create-directory';
import { signInFloorMs } from '../web/admin/auth';
import { createApp } from '../web/app';
import type { Section } from './report';
import { percentile } from './stats';
import { formatTable } from './table';

/** The four refusals that must not be told apart by their time, and the name each types. */
const cases = ['break-glass name', 'directory admin', 'employee outside the group', 'unknown name'];

/**
 * Part 6: how long the admin sign-in takes to refuse a wrong password, measured from outside
 * over HTTP, for the break-glass name, a directory admin, an employee outside the admin group
 * and a name nobody has (web/admin/auth.ts evens them out). The web app runs in this process on
 * a slapd of its own, with the per-name limit lifted so every sample reaches the check; the
 * cases take turns, so the machine's noise falls on all of them alike.
 */
export async function benchAdminSignIn(root: string, samples: number): Promise<Section> {
  const slapd = await startSlapd({ dataDir: join(root, 'admin-slapd'), seed: 'empty' });
  const database = { dialect: 'sqlite', file: join(root, 'admin-sign-in.sqlite') } as const;
  const db = openDatabase(database);
  const limitStore = openLimitStore(database);
  // Never called by the sign-in: the console's other pages are not measured.
  const connection = Connection.lazy({ address: '127.0.0.1:7233' });
  const names = ['bench-admin', 'bench.admin', 'bench.employee', 'bench.nobody'];
  try {
    await migrateToLatest(db);
    const password = 'Bench-Admin-2026';
    await createUser(slapd, { uid: 'bench.admin', password, admin: true });
    await createUser(slapd, { uid: 'bench.employee', password });
    const config = loadConfig({
      SSPR_LDAP_URL: slapd.url,
      SSPR_LDAP_BIND_DN: slapd.serviceDn,
      SSPR_LDAP_BIND_PASSWORD: slapd.servicePassword,
      SSPR_LDAP_USER_BASE: slapd.usersDn,
    });
    const log = createLogger('web', 'silent');
    const lifted = { points: 1_000_000, durationSeconds: 60 };
    const app = createApp({
      client: new Client({ connection }),
      db,
      linkKey: randomBytes(32),
      taskQueue: 'bench',
      publicUrl: 'http://127.0.0.1',
      directory: createDirectory(config.ldap, log),
      adminGroupDn: slapd.adminGroupDn,
      breakGlassAdmin: { user: 'bench-admin', passwordHash: await hash(password, argon2Options) },
      secretBox: new SecretBox([{ id: 'bench', key: randomBytes(32) }]),
      mailFrom: 'no-reply@example.org',
      log,
      rateLimits: { store: limitStore, limits: { perClient: lifted, perAdminName: lifted } },
    });
    const port = await freePort();
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port });
    try {
      const times: number[][] = cases.map(() => []);
      for (let i = 0; i < samples; i++) {
        for (const [index, name] of names.entries()) {
          times[index]?.push(await refusalMs(`http://127.0.0.1:${port}`, name));
        }
      }
      return report(times, samples);
    } finally {
      await new Promise((done) => server.close(done));
    }
  } finally {
    await connection.close();
    await db.destroy();
    await closeLimitStore(limitStore);
    await slapd.stop();
  }
}

/** One wrong password for `name`, as a browser sends it: the form first, then the timed POST. */
async function refusalMs(base: string, name: string): Promise<number> {
  const form = await fetch(`${base}/admin/sign-in`);
  const cookie = form.headers.getSetCookie().map((line) => line.split(';')[0]);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const body = new URLSearchParams({ csrf, user: name, password: 'Not-The-Password-1' });
  const sent = performance.now();
  const answer = await fetch(`${base}/admin/sign-in`, {
    method: 'POST',
    body,
    headers: { cookie: cookie.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  await answer.text();
  const ms = performance.now() - sent;
  if (answer.status !== 401) throw new Error(`admin sign-in: ${name} got ${answer.status}`);
  return ms;
}

function report(times: number[][], samples: number): Section {
  const rows = cases.map((name, i) => {
    const sample = times[i] ?? [];
    return { name, p50: percentile(sample, 50), p95: percentile(sample, 95) };
  });
  const medians = rows.map((row) => row.p50);
  const figures = {
    floorMs: signInFloorMs,
    samples,
    cases: rows,
    spreadOfMediansMs: Math.max(...medians) - Math.min(...medians),
  };
  const markdown = [
    `A wrong password at \`/admin/sign-in\`, ${samples} times for each name, over HTTP on this ` +
      `machine; every answer waits until ${signInFloorMs} ms after the request arrived.`,
    formatTable(
      ['refused name', 'median, ms', 'p95, ms'],
      rows.map((row) => [row.name, row.p50, row.p95]),
    ),
    `The medians lie within ${figures.spreadOfMediansMs.toFixed(1)} ms of each other.`,
  ].join('\n\n');
  return { title: 'Admin sign-in refusals', markdown, figures };
}
