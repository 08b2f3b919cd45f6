import { createServer, type Socket } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordAudit } from '../../db/audit';
import { saveEnrollment } from '../../db/enrollments';
import { browser } from '../../dev/form-browser';
import { freePort } from '../../dev/ports';
import { createDirectory } from '../../directory/create-directory';
import { createApp } from '../../web/app';
import { breakGlassAdmin, type Stack, startStack, uniqueUid } from '../support/stack';
import { createTestUser, deleteTestUser } from '../support/test-directory';

/**
 * The dashboard: how recoveries ended per day, from the audit event each one writes
 * as it ends; the directory's users without mail and the enrollment coverage (R1); its panels
 * when Temporal or the directory does not answer. The browser tests
 * (test/browser/admin-dashboard.test.ts) show it after real recoveries.
 */
let stack: Stack;
/** This file's users: the stack's directory settings see no one else (the census counts them). */
const family = uniqueUid('dash');
const users: string[] = [];

beforeAll(async () => {
  stack = await startStack({
    worker: false,
    ldap: (base) => ({ ...base, userFilter: `(&(objectClass=inetOrgPerson)(uid=${family}-*))` }),
  });
});
afterAll(async () => {
  await Promise.all(users.map((uid) => deleteTestUser(stack.directory, uid)));
  await stack?.stop();
});

/** A TCP server that accepts connections and never answers: a Temporal that hangs. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    address: `127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

async function signedIn(app: ReturnType<typeof createApp>, language: string) {
  const b = browser(app, { language });
  await b.get('/admin/sign-in');
  const response = await b.post('/admin/sign-in', breakGlassAdmin);
  expect(response.headers.get('location')).toBe('/admin');
  return b;
}

/** The hidden table's row for a day: its cells' text. */
function rowOf(body: string, day: string): string[] | undefined {
  const row = new RegExp(`<tr><th scope="row">${day}</th>(.*?)</tr>`).exec(body)?.[1];
  return row ? [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1] as string) : undefined;
}

describe('the dashboard', () => {
  it("counts each day's ended recoveries by outcome, within the period chosen", async () => {
    const day = (daysAgo: number, hour = 10) => {
      const at = new Date();
      at.setUTCDate(at.getUTCDate() - daysAgo);
      at.setUTCHours(hour, 0, 0, 0);
      return at;
    };
    const ended = (outcome: string, at: Date) =>
      recordAudit(stack.db, { actor: 'user', event: 'recovery', outcome, username: 'x' }, at);
    await ended('password-reset', day(2));
    await ended('password-reset', day(2, 23));
    await ended('link-expired', day(2));
    await ended('no-mail', day(2));
    await ended('answers-locked', day(20));
    // Not an ending: left out.
    await recordAudit(stack.db, { actor: 'user', event: 'link-sent', outcome: 'answer' }, day(2));

    const b = await signedIn(stack.app, 'en');
    const page = await b.get('/admin');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1 tabindex="-1">Dashboard</h1>');
    expect(page.body).toContain('role="img"');
    const label = new Intl.DateTimeFormat('en', {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    });
    // Reset, link or session expired, stopped, locked, failed, ended quietly; then the total.
    expect(rowOf(page.body, label.format(day(2)))).toEqual(['2', '1', '0', '0', '0', '1', '4']);
    expect(rowOf(page.body, label.format(day(20)))).toBeUndefined();
    expect(page.body).toContain('4 recoveries ended in the last 14 days (days in UTC).');

    const month = await b.get('/admin?days=30');
    expect(rowOf(month.body, label.format(day(20)))).toEqual(['0', '0', '0', '1', '0', '0', '1']);
    expect(month.body).toContain('5 recoveries ended in the last 30 days');

    const es = await signedIn(stack.app, 'es');
    const spanish = await es.get('/admin?days=30');
    expect(spanish.body).toContain('<h1 tabindex="-1">Panel</h1>');
    expect(spanish.body).toContain('5 recuperaciones terminaron en los últimos 30 días');
  });

  it('names the users without mail (R1) and tells how many who can recover have set up their questions', async () => {
    const add = async (name: string, options: { mail?: boolean; disabled?: boolean } = {}) => {
      const uid = `${family}-${name}`;
      users.push(uid);
      await createTestUser(stack.directory, {
        uid,
        password: 'Initial-Secret-1',
        ...(options.mail === false ? {} : { mail: `${uid}@example.org` }),
        ...(options.disabled ? { disabled: true } : {}),
      });
      return uid;
    };
    const enrolled = await add('ana');
    await add('bruno');
    await add('carla');
    const noMail = await add('sin-correo', { mail: false });
    await add('dora', { disabled: true, mail: false });
    const question = await stack.db.selectFrom('questions').select('id').executeTakeFirstOrThrow();
    await saveEnrollment(stack.db, {
      username: enrolled,
      alternateMail: 'ana@example.net',
      locale: 'es',
      answers: [{ questionId: question.id, hash: 'not a real hash' }],
    });

    const en = await (await signedIn(stack.app, 'en')).get('/admin');
    expect(en.body).toContain('5 user accounts in the directory (disabled: 1).');
    expect(en.body).toContain('One enabled account has no e-mail address');
    expect(en.body).toContain(`<li>${noMail}</li>`);
    expect(en.body).toContain(
      '1 of 3 users who can recover have set up their security questions (33%).',
    );
    const es = await (await signedIn(stack.app, 'es')).get('/admin');
    expect(es.body).toContain('5 cuentas de usuario en el directorio (deshabilitadas: 1).');
    expect(es.body).toContain('1 de 3 usuarios que pueden recuperar su contraseña');
  });

  it('Temporal or the directory not answering: its panel says so, in each language, and the rest still shows', async () => {
    const hanging = await silentServer();
    const client = new Client({
      connection: Connection.lazy({ address: hanging.address }),
      namespace: inject('servers').namespace,
    });
    const temporalDown = createApp({ ...stack.webDeps, client, temporalDeadlineMs: 1000 });
    const directoryDown = createApp({
      ...stack.webDeps,
      directory: createDirectory(
        { ...stack.ldap, url: `ldap://127.0.0.1:${await freePort()}` },
        { warn: () => {} },
      ),
    });
    try {
      for (const [language, temporal, directory] of [
        ['en', 'Temporal cannot be reached right now', 'The directory cannot be reached right now'],
        ['es', 'No se puede contactar a Temporal', 'No se puede contactar al directorio'],
      ] as const) {
        const noTemporal = await (await signedIn(temporalDown, language)).get('/admin');
        expect(noTemporal.status).toBe(200);
        expect(noTemporal.body).toContain(temporal);
        expect(noTemporal.body).toContain('role="img"');
        expect(noTemporal.body).not.toContain(directory);

        const noDirectory = await (await signedIn(directoryDown, language)).get('/admin');
        expect(noDirectory.status).toBe(200);
        expect(noDirectory.body).toContain(directory);
        expect(noDirectory.body).toContain('data-status="waiting-for-click"');
        expect(noDirectory.body).not.toContain(temporal);
      }
    } finally {
      await client.connection.close();
      await hanging.stop();
    }
  });
});
