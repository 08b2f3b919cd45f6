import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/database';
import { asAdAdmin, memberChange } from '../../../dev/ad-users';
import { browser } from '../../../dev/form-browser';
import { createDirectory } from '../../../directory/create-directory';
import type { Directory } from '../../../directory/directory';
import { createApp } from '../../../web/app';
import { type Stack, startStackOn, uniqueUid } from '../../support/stack';
import {
  createTestGroup,
  createTestUser,
  deleteTestGroup,
  deleteTestUser,
  isActiveDirectory,
  type TestDirectory,
} from '../../support/test-directory';

const password = 'Admin-Secret-1';

/** The newest admin-sign-in audit event, its details read. */
export async function lastSignIn(db: Db) {
  const row = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('event', '=', 'admin-sign-in')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { ...row, details: JSON.parse(row.details ?? '{}') };
}

/**
 * Directory users of the admin group sign in to the console with their directory password, on
 * each real server: anyone else gets one answer, whatever the reason, which only
 * the audit records. Skipped when `server` is absent (AD without root).
 */
export function adminSignInContract(name: string, server: TestDirectory | undefined) {
  describe.skipIf(!server)(`${name}: directory admins sign in (S4)`, () => {
    let stack: Stack<TestDirectory>;
    const users: string[] = [];
    const groups: string[] = [];
    /** Every call the sign-in makes to the real directory, in order, by method. */
    const calls: string[] = [];
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      stack = await startStackOn(server as TestDirectory, { worker: false });
      const real = stack.webDeps.directory;
      const recorded = Object.fromEntries(
        Object.entries(real).map(([method, call]) => [
          method,
          (...args: unknown[]) => {
            calls.push(method);
            return (call as (...a: unknown[]) => unknown)(...args);
          },
        ]),
      ) as unknown as Directory;
      app = createApp({ ...stack.webDeps, directory: recorded });
    });
    afterAll(async () => {
      await Promise.all(groups.map((dn) => deleteTestGroup(stack.directory, dn)));
      await Promise.all(users.map((uid) => deleteTestUser(stack.directory, uid)));
      await stack?.stop();
    });

    async function newUser(options: { admin?: boolean; disabled?: boolean } = {}) {
      const uid = uniqueUid('adm');
      users.push(uid);
      const dn = await createTestUser(stack.directory, { uid, password, ...options });
      return { uid, dn };
    }

    async function signIn(user: string, typed: string, language = 'en') {
      const b = browser(app, { language });
      await b.get('/admin/sign-in');
      calls.length = 0;
      const response = await b.post('/admin/sign-in', { user, password: typed });
      return { ...response, b, calls: [...calls] };
    }

    it('a member of the admin group signs in with their directory password, to the dashboard', async () => {
      const { uid } = await newUser({ admin: true });
      const { status, headers, b } = await signIn(uid, password);
      expect(status).toBe(303);
      expect(headers.get('location')).toBe('/admin');
      const dashboard = await b.get('/admin');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body).toContain(`Signed in as ${uid}`);
      expect(await lastSignIn(stack.db)).toMatchObject({
        actor: `admin:${uid}`,
        outcome: 'ok',
        details: { via: 'directory' },
      });
    });

    it('a wrong password, a user outside the group, an unknown name, a disabled account and a temporary key all get one answer, after the same requests', async () => {
      const admin = await newUser({ admin: true });
      const outsider = await newUser();
      const disabled = await newUser({ admin: true, disabled: true });
      const reset = await newUser({ admin: true });
      // A reset's temporary key: right, but it must be changed first (S2).
      await createDirectory(stack.ldap, { warn: () => {} }).setPassword(
        reset.dn,
        'Temporary-Key-1',
        {
          mustChange: true,
        },
      );
      const cases = [
        [admin.uid, 'Not-The-Password-1', 'wrong-password'],
        [outsider.uid, password, 'not-in-group'],
        [uniqueUid('nobody'), password, 'unknown-user'],
        [disabled.uid, password, 'disabled'],
        [reset.uid, 'Temporary-Key-1', 'must-change'],
      ] as const;
      const pages: string[] = [];
      for (const [user, typed, reason] of cases) {
        const refused = await signIn(user, typed);
        expect(refused.status).toBe(401);
        expect(refused.b.cookies.has('sspr_admin')).toBe(false);
        // The same directory requests whatever the reason: lookup, membership, bind.
        expect(refused.calls).toEqual(['findUser', 'isMemberOf', 'checkSignIn']);
        pages.push(refused.body.replace(/value="[^"]*"/g, 'value=""'));
        const audited = await lastSignIn(stack.db);
        expect(audited).toMatchObject({
          actor: 'anonymous',
          outcome: 'refused',
          details: { user, reason },
        });
        expect(JSON.stringify(audited)).not.toContain(typed);
      }
      expect(new Set(pages).size).toBe(1);
      expect(pages[0]).toContain(
        'The user name or password is not right, or this account may not administer.',
      );
      const es = await signIn(outsider.uid, password, 'es');
      expect(es.body).toContain('El usuario o la contraseña no son correctos');
    });

    it.skipIf(!server || !isActiveDirectory(server))(
      'AD: a member through a nested group signs in, by account name or UPN',
      async () => {
        const ad = stack.directory;
        if (!isActiveDirectory(ad)) return;
        const { uid, dn } = await newUser();
        const team = await createTestGroup(ad, uniqueUid('team'), [dn]);
        groups.push(team);
        const nested = await createTestGroup(ad, uniqueUid('nest'), [team]);
        groups.push(nested);
        // The admin group takes in the outer group: uid is two levels down.
        await asAdAdmin(ad, (client) =>
          client.modify(ad.adminGroupDn, memberChange('add', nested)),
        );
        try {
          expect((await signIn(uid, password)).headers.get('location')).toBe('/admin');
          const byUpn = await signIn(`${uid}@${ad.realm.toLowerCase()}`, password);
          expect(byUpn.headers.get('location')).toBe('/admin');
          // The session is the account's, whichever of its names was typed.
          expect(await lastSignIn(stack.db)).toMatchObject({ actor: `admin:${uid}` });
        } finally {
          await asAdAdmin(ad, (client) =>
            client.modify(ad.adminGroupDn, memberChange('delete', nested)),
          );
        }
      },
    );
  });
}
