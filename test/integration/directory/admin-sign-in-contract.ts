import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/database';
import { asAdAdmin, memberChange } from '../../../dev/ad-users';
import { browser } from '../../../dev/form-browser';
import { createDirectory } from '../../../directory/create-directory';
import type { Directory } from '../../../directory/directory';
import { createApp } from '../../../web/app';
import { breakGlassAdmin, type Stack, startStackOn, uniqueUid } from '../../support/stack';
import {
  createTestGroup,
  createTestUser,
  deleteTestGroup,
  deleteTestUser,
  isActiveDirectory,
  removeFromAdminGroup,
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

    it("five wrong sign-ins as an employee outside the admin group leave the account unlocked and the employee's password working: it is never bound", async () => {
      const employee = await newUser();
      const requests: string[] = [];
      for (let i = 0; i < 5; i++) {
        const refused = await signIn(employee.uid, `Not-The-Password-${i}`);
        expect(refused.status).toBe(401);
        requests.push(...refused.calls);
      }
      // The directory's lockout threshold is 5 on both test servers (dev/slapd-seed.ts,
      // dev/samba-ad-config.ts): five binds with a wrong password would have locked it.
      const directory = createDirectory(stack.ldap, { warn: () => {} });
      expect(await directory.checkSignIn(employee.dn, password)).toBe('ok');
      expect(requests).not.toContain('checkSignIn');
    });

    it('a wrong password, a user outside the group, an unknown name, a disabled account and a temporary key all get one answer; only an enabled member is bound', async () => {
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
      const lookup = ['findUser', 'isMemberOf'];
      const bind = [...lookup, 'checkSignIn'];
      const cases = [
        [admin.uid, 'Not-The-Password-1', 'wrong-password', bind],
        [outsider.uid, password, 'not-in-group', lookup],
        [uniqueUid('nobody'), password, 'unknown-user', ['findUser']],
        [disabled.uid, password, 'disabled', lookup],
        [reset.uid, 'Temporary-Key-1', 'must-change', bind],
      ] as const;
      const pages: string[] = [];
      for (const [user, typed, reason, requests] of cases) {
        const refused = await signIn(user, typed);
        expect(refused.status).toBe(401);
        expect(refused.b.cookies.has('sspr_admin')).toBe(false);
        // The typed password is tried with a bind for an enabled admin only.
        expect(refused.calls).toEqual(requests);
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

    it('an admin taken out of the group loses the console at the first request after the re-check interval, audited; the others keep theirs', async () => {
      // The production interval is 5 minutes; this app's is short enough to wait out.
      const recheckMs = 200;
      const shortRecheck = createApp({ ...stack.webDeps, adminMembershipRecheckMs: recheckMs });
      const signedIn = async (user: string, typed: string) => {
        const b = browser(shortRecheck, { language: 'en' });
        await b.get('/admin/sign-in');
        expect((await b.post('/admin/sign-in', { user, password: typed })).status).toBe(303);
        return b;
      };
      const removed = await newUser({ admin: true });
      const stays = await newUser({ admin: true });
      const removedAdmin = await signedIn(removed.uid, password);
      const stayingAdmin = await signedIn(stays.uid, password);
      const breakGlass = await signedIn(breakGlassAdmin.user, breakGlassAdmin.password);
      expect((await removedAdmin.get('/admin')).status).toBe(200);

      await removeFromAdminGroup(stack.directory, removed.dn);
      // A lower bound: past it, the next request must read the group again.
      await sleep(recheckMs + 50);
      const refused = await removedAdmin.get('/admin');
      expect(refused.status).toBe(303);
      expect(refused.headers.get('location')).toBe('/admin/sign-in?ended=1');
      expect((await removedAdmin.get('/admin')).headers.get('location')).toBe('/admin/sign-in');
      const revoked = await stack.db
        .selectFrom('audit_events')
        .selectAll()
        .where('event', '=', 'admin-session-revoked')
        .where('actor', '=', `admin:${removed.uid}`)
        .execute();
      expect(revoked).toMatchObject([{ outcome: 'not-in-group' }]);
      // Re-checked too, and still in the group; the break-glass admin has no group to leave.
      expect((await stayingAdmin.get('/admin')).status).toBe(200);
      expect((await breakGlass.get('/admin')).status).toBe(200);
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
