import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Options } from '../../common/argon2';
import { browser } from '../../dev/form-browser';
import { freePort } from '../../dev/ports';
import { createDirectory } from '../../directory/create-directory';
import { signInFloorMs } from '../../web/admin/auth';
import { createApp, type WebDeps } from '../../web/app';
import { breakGlassAdmin, type Stack, startStack, uniqueUid } from '../support/stack';
import { createTestUser, deleteTestUser } from '../support/test-directory';
import { lastSignIn } from './directory/admin-sign-in-contract';

/**
 * The admin sign-in around the directory check (web/admin/auth.ts): the break-glass admin's
 * name, a directory that does not answer, no admin group configured. The directory check itself
 * runs on both servers in test/integration/directory/admin-sign-in-contract.ts.
 */
let stack: Stack;
const password = 'Admin-Secret-1';
const users: string[] = [];

beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await Promise.all(users.map((uid) => deleteTestUser(stack.directory, uid)));
  await stack?.stop();
});

async function directoryAdmin() {
  const uid = uniqueUid('adm');
  users.push(uid);
  await createTestUser(stack.directory, { uid, password, admin: true });
  return uid;
}

async function signIn(deps: WebDeps, user: string, typed: string, language = 'en') {
  const b = browser(createApp(deps), { language });
  await b.get('/admin/sign-in');
  return { ...(await b.post('/admin/sign-in', { user, password: typed })), b };
}

describe('admin sign-in: break-glass and directory admins', () => {
  it("the break-glass admin's name is checked against its hash only: a directory user of that name cannot sign in", async () => {
    const uid = await directoryAdmin();
    const deps: WebDeps = {
      ...stack.webDeps,
      breakGlassAdmin: { user: uid, passwordHash: await hash('Break-Glass-2026', argon2Options) },
    };
    const directoryPassword = await signIn(deps, uid, password);
    expect(directoryPassword.status).toBe(401);
    expect((await lastSignIn(stack.db)).details).toEqual({ user: uid, reason: 'wrong-password' });

    const breakGlass = await signIn(deps, uid.toUpperCase(), 'Break-Glass-2026');
    expect(breakGlass.headers.get('location')).toBe('/admin');
    expect(await lastSignIn(stack.db)).toMatchObject({
      actor: `admin:${uid}`,
      outcome: 'ok',
      details: { via: 'break-glass' },
    });
  });

  it('every refusal, for the break-glass name, a directory admin, an employee outside the group and an unknown name, comes no sooner than the floor', async () => {
    const admin = await directoryAdmin();
    const employee = uniqueUid('emp');
    users.push(employee);
    await createTestUser(stack.directory, { uid: employee, password });
    const cases = [
      [breakGlassAdmin.user, 'wrong-password'],
      [admin, 'wrong-password'],
      [employee, 'not-in-group'],
      [uniqueUid('nobody'), 'unknown-user'],
    ] as const;
    for (const [user, reason] of cases) {
      const b = browser(createApp(stack.webDeps), { language: 'en' });
      await b.get('/admin/sign-in');
      const sent = performance.now();
      const refused = await b.post('/admin/sign-in', { user, password: 'Not-The-Password-1' });
      // A lower bound only: the floor holds however fast or slow the machine is.
      expect(performance.now() - sent).toBeGreaterThanOrEqual(signInFloorMs);
      expect(refused.status).toBe(401);
      expect((await lastSignIn(stack.db)).details).toEqual({ user, reason });
    }
  });

  it('without an admin group, only the break-glass admin signs in', async () => {
    const uid = await directoryAdmin();
    const { adminGroupDn: _, ...withoutGroup } = stack.webDeps;
    const refused = await signIn(withoutGroup, uid, password);
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain('Your directory user name and password');
    const ok = await signIn(withoutGroup, breakGlassAdmin.user, breakGlassAdmin.password);
    expect(ok.headers.get('location')).toBe('/admin');
  });

  it("a directory that does not answer: a 503 page saying so in the reader's language; the break-glass admin still signs in", async () => {
    const uid = await directoryAdmin();
    const down: WebDeps = {
      ...stack.webDeps,
      directory: createDirectory(
        { ...stack.ldap, url: `ldap://127.0.0.1:${await freePort()}` },
        { warn: () => {} },
      ),
    };
    const en = await signIn(down, uid, password, 'en');
    expect(en.status).toBe(503);
    expect(en.body).toContain('The directory cannot be reached right now');
    expect(en.body).toContain(`value="${uid}"`);
    expect(en.body).not.toMatch(/at .+\.ts:\d+/);
    const es = await signIn(down, uid, password, 'es');
    expect(es.status).toBe(503);
    expect(es.body).toContain('No se puede contactar al directorio en este momento');
    expect(await lastSignIn(stack.db)).toMatchObject({
      outcome: 'unavailable',
      details: { user: uid, reason: 'directory-unavailable' },
    });

    const breakGlass = await signIn(down, breakGlassAdmin.user, breakGlassAdmin.password);
    expect(breakGlass.headers.get('location')).toBe('/admin');
  });
});
