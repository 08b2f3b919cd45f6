import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAdUser } from '../../../dev/ad-users';
import { adDefaults } from '../../../directory/ad-directory';
import { createDirectory } from '../../../directory/create-directory';
import { PasswordRejectedError } from '../../../directory/directory';
import { uniqueUid } from '../../support/stack';
import { startTcpProxy } from '../../support/tcp-proxy';
import {
  changeOwnTestPassword,
  configFor,
  createTestGroup,
  createTestUser,
  deleteTestGroup,
  deleteTestUser,
  isActiveDirectory,
  type TestDirectory,
} from '../../support/test-directory';

const silent = { warn: () => {} };
const initialPassword = 'Initial-Secret-1';

/**
 * What the recovery needs of a directory, run unchanged against each real server: the same
 * users, the same policy (8 characters, history 3, quality checks, lockout after 5 bad
 * passwords) and the same expectations. Skipped when `server` is absent (AD without root).
 */
export function directoryContract(name: string, server: TestDirectory | undefined) {
  describe.skipIf(!server)(`${name}: the directory contract`, () => {
    const target = server as TestDirectory;
    const ldap = configFor(target);
    const directory = createDirectory(ldap, silent);

    const users: string[] = [];
    const groups: string[] = [];
    afterAll(async () => {
      await Promise.all(groups.map((dn) => deleteTestGroup(target, dn)));
      await Promise.all(users.map((uid) => deleteTestUser(target, uid)));
    });

    /** A user of this test alone, with a password the policy accepts. */
    async function newUser(user: Partial<NewAdUser> = {}) {
      const uid = uniqueUid('dir');
      users.push(uid);
      const dn = await createTestUser(target, {
        uid,
        mail: `${uid}@example.org`,
        password: initialPassword,
        ...user,
      });
      return { uid, dn };
    }

    describe('findUser', () => {
      it('finds a user with mail (R1, R10)', async () => {
        const { uid, dn } = await newUser({ givenName: 'Ana', sn: 'García' });
        expect(await directory.findUser(uid)).toEqual({
          dn,
          username: uid,
          displayName: 'Ana García',
          mail: `${uid}@example.org`,
        });
      });

      it('finds a user without mail and leaves mail out (R1, R11)', async () => {
        const { uid } = await newUser({ mail: undefined });
        const user = await directory.findUser(uid);
        expect(user?.username).toBe(uid);
        expect(user).not.toHaveProperty('mail');
      });

      it('returns undefined for an unknown user, and for a filter in the name', async () => {
        expect(await directory.findUser(uniqueUid('nobody'))).toBeUndefined();
        await newUser();
        expect(await directory.findUser('*')).toBeUndefined();
        expect(await directory.findUser('dir.*)(|(cn=*')).toBeUndefined();
      });

      it('matches the username case-insensitively and returns it as stored (R8)', async () => {
        const { uid, dn } = await newUser();
        const user = await directory.findUser(uid.toUpperCase());
        expect(user?.dn).toBe(dn);
        expect(user?.username).toBe(uid);
      });

      it('says disabled for an account an administrator disabled, and only then', async () => {
        const { uid } = await newUser();
        expect(await directory.findUser(uid)).not.toHaveProperty('disabled');
        const disabled = await newUser({ disabled: true });
        expect(await directory.findUser(disabled.uid)).toMatchObject({ disabled: true });
      });

      it('with kind auto, tells the server kind from its root DSE', async () => {
        const { uid, dn } = await newUser();
        const detected = createDirectory({ ...ldap, kind: 'auto' }, silent);
        expect((await detected.findUser(uid))?.dn).toBe(dn);
        // The kind's own way of saying "must change" proves which implementation answered.
        await detected.setPassword(dn, 'Temporary-Key-2', { mustChange: true });
        expect(await detected.checkSignIn(dn, 'Temporary-Key-2')).toBe('must-change');
      });
    });

    describe('the user catalog and census (admin console; R1)', () => {
      /**
       * Users of one test, named `<prefix>-<name>` with a prefix no other test uses: searches
       * and counts by that prefix see them alone, in a directory every test shares.
       */
      async function family(members: (tag: string) => Record<string, Partial<NewAdUser>>) {
        const prefix = uniqueUid('cat');
        const tag = prefix.slice(prefix.indexOf('.') + 1);
        const made: Record<string, { uid: string; dn: string }> = {};
        for (const [name, user] of Object.entries(members(tag))) {
          const uid = `${prefix}-${name}`;
          users.push(uid);
          const dn = await createTestUser(target, { uid, password: initialPassword, ...user });
          made[name] = { uid, dn };
        }
        return { prefix, tag, made };
      }

      it('finds users by the start of a username, name or mail, sorted, one more than asked telling "more"', async () => {
        const { prefix, tag, made } = await family((tag) => ({
          ana: { givenName: 'Ana', sn: `Sur${tag}`, mail: `m${tag}.ana@example.org` },
          bea: { givenName: 'Bea', sn: 'Ruiz' },
          cid: { givenName: 'Cid', sn: 'Campeador', disabled: true },
        }));
        const ana = {
          dn: made.ana?.dn,
          username: made.ana?.uid,
          displayName: `Ana Sur${tag}`,
          mail: `m${tag}.ana@example.org`,
        };
        const all = await directory.searchUsers(prefix, 10);
        expect(all.more).toBe(false);
        expect(all.users.map((u) => u.username)).toEqual([
          made.ana?.uid,
          made.bea?.uid,
          made.cid?.uid,
        ]);
        expect(all.users[0]).toEqual(ana);
        expect(all.users[1]).not.toHaveProperty('mail');
        expect(all.users[2]).toMatchObject({ disabled: true });
        expect(await directory.searchUsers(` ${prefix.toUpperCase()} `, 10)).toEqual(all);

        expect(await directory.searchUsers(prefix, 2)).toEqual({
          users: all.users.slice(0, 2),
          more: true,
        });
        expect(await directory.searchUsers(`sur${tag}`, 10)).toEqual({ users: [ana], more: false });
        expect(await directory.searchUsers(`m${tag}`, 10)).toEqual({ users: [ana], more: false });
      });

      it('reads what is typed as text, never as a filter', async () => {
        const { prefix } = await family(() => ({ ana: {} }));
        const none = { users: [], more: false };
        expect(await directory.searchUsers(`${prefix}*`, 10)).toEqual(none);
        expect(await directory.searchUsers('*', 10)).toEqual(none);
        expect(await directory.searchUsers(`${prefix})(|(cn=*`, 10)).toEqual(none);
      });

      it('lists users when nothing is typed, within the limit', async () => {
        await family(() => ({ ana: {} }));
        const listed = await directory.searchUsers('', 1);
        expect(listed.users).toHaveLength(1);
        expect(listed.more).toBe(true);
      });

      it('counts accounts, disabled ones, and the enabled ones without mail by name (R1)', async () => {
        const { prefix, made } = await family(() => ({
          ana: { mail: 'ana@example.org' },
          bea: {},
          cid: { disabled: true },
          dan: {},
        }));
        const usernameAttribute = isActiveDirectory(target) ? 'sAMAccountName' : 'uid';
        const theseUsers = createDirectory(
          {
            ...ldap,
            userFilter: `(&${ldap.userFilter ?? adDefaults.userFilter}(${usernameAttribute}=${prefix}-*))`,
          },
          silent,
        );
        expect(await theseUsers.userCensus(1)).toEqual({
          users: 4,
          disabled: 1,
          withoutMail: 2,
          withoutMailSample: [made.bea?.uid],
          complete: true,
        });
        expect((await theseUsers.userCensus()).withoutMailSample).toEqual([
          made.bea?.uid,
          made.dan?.uid,
        ]);
      });
    });

    describe('temporary password and the key-used check (R5, R19, S2)', () => {
      it('a password set with mustChange must be changed; once it is, the key counts as used', async () => {
        const { dn } = await newUser();
        expect(await directory.mustChangePending(dn)).toBe(false);

        await directory.setPassword(dn, 'Temporary-Key-2', { mustChange: true });
        expect(await directory.checkSignIn(dn, 'Temporary-Key-2')).toBe('must-change');
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('invalid');
        expect(await directory.mustChangePending(dn)).toBe(true);

        await changeOwnTestPassword(target, dn, 'Temporary-Key-2', 'Own-Choice-3');
        expect(await directory.mustChangePending(dn)).toBe(false);
        expect(await directory.checkSignIn(dn, 'Own-Choice-3')).toBe('ok');
      });

      it('a password set without mustChange clears a pending change', async () => {
        const { dn } = await newUser();
        await directory.setPassword(dn, 'Temporary-Key-2', { mustChange: true });
        await directory.setPassword(dn, 'Chosen-Secret-3', { mustChange: false });
        expect(await directory.mustChangePending(dn)).toBe(false);
        expect(await directory.checkSignIn(dn, 'Chosen-Secret-3')).toBe('ok');
        // And again when nothing is pending.
        await directory.setPassword(dn, 'Chosen-Secret-4', { mustChange: false });
        expect(await directory.checkSignIn(dn, 'Chosen-Secret-4')).toBe('ok');
      });
    });

    describe('password policy', () => {
      it('refuses a password shorter than the minimum as too-short, and keeps the old one', async () => {
        const { dn } = await newUser();
        expect(await rejection(directory.setPassword(dn, 'Sh0rt!', { mustChange: true }))).toBe(
          'too-short',
        );
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
      });

      it('reads the rules to show before a user chooses a password', async () => {
        const { dn } = await newUser();
        expect(await directory.passwordRules(dn)).toEqual({
          minLength: 8,
          history: 3,
          complexity: true,
        });
      });
    });

    describe('checkSignIn and unlock', () => {
      it('says invalid for a wrong password and an empty one, ok for the right one', async () => {
        const { dn } = await newUser();
        expect(await directory.checkSignIn(dn, 'Wrong-Secret-9')).toBe('invalid');
        expect(await directory.checkSignIn(dn, '')).toBe('invalid');
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
      });

      it('R19: after 5 bad passwords the account is locked until unlocked', async () => {
        const { dn } = await newUser();
        for (let i = 0; i < 5; i++) {
          expect(await directory.checkSignIn(dn, `Wrong-Secret-${i}`)).toBe('invalid');
        }
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('locked');
        expect(await directory.checkSignIn(dn, 'Wrong-Secret-9')).toBe('locked');

        await directory.unlock(dn);
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
        // The failures went with the lock: one more typo does not lock again.
        expect(await directory.checkSignIn(dn, 'Wrong-Secret-9')).toBe('invalid');
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
      });

      it('R5/R19: a locked account reset with mustChange and unlocked signs in to change it', async () => {
        const { dn } = await newUser();
        for (let i = 0; i < 5; i++) await directory.checkSignIn(dn, `Wrong-Secret-${i}`);
        await directory.setPassword(dn, 'Temporary-Key-2', { mustChange: true });
        await directory.unlock(dn);
        expect(await directory.checkSignIn(dn, 'Temporary-Key-2')).toBe('must-change');
      });

      it('unlock lifts a lockout, never an administrator disabling the account', async () => {
        const disabled = await newUser({ disabled: true });
        await directory.unlock(disabled.dn);
        expect(await directory.findUser(disabled.uid)).toMatchObject({ disabled: true });
        expect(await directory.checkSignIn(disabled.dn, initialPassword)).not.toBe('ok');
      });

      it('unlocking an account that is not locked is no error', async () => {
        const { dn } = await newUser();
        await directory.unlock(dn);
        expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
      });
    });

    describe('the admin group (admin console)', () => {
      it('tells members of the admin group from everyone else', async () => {
        const admin = await newUser({ admin: true });
        const user = await newUser();
        expect(await directory.isMemberOf(admin.dn, target.adminGroupDn)).toBe(true);
        expect(await directory.isMemberOf(user.dn, target.adminGroupDn)).toBe(false);
      });

      it('reads any group it is given', async () => {
        const member = await newUser();
        const other = await newUser();
        const group = await createTestGroup(target, uniqueUid('grp'), [member.dn]);
        groups.push(group);
        expect(await directory.isMemberOf(member.dn, group)).toBe(true);
        expect(await directory.isMemberOf(other.dn, group)).toBe(false);
      });
    });

    describe('connections', () => {
      const server = new URL(ldap.url);
      const port = Number(server.port) || (server.protocol === 'ldaps:' ? 636 : 389);
      let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
      beforeAll(async () => {
        proxy = await startTcpProxy({ host: server.hostname, port });
      });
      afterAll(() => proxy.stop());

      /** The directory reached through the proxy, with a short timeout. */
      function throughProxy() {
        const url = new URL(ldap.url);
        url.port = String(proxy.port);
        return createDirectory({ ...ldap, url: url.href, timeoutMs: 1000 }, silent);
      }

      it('shares one service connection between calls; a sign-in check binds on its own', async () => {
        const { uid, dn } = await newUser();
        const proxied = throughProxy();
        const before = proxy.opened();
        await Promise.all([
          proxied.findUser(uid),
          proxied.findUser(uid),
          proxied.mustChangePending(dn),
          proxied.passwordRules(dn),
        ]);
        await proxied.unlock(dn);
        expect(proxy.opened() - before).toBe(1);
        expect(await proxied.checkSignIn(dn, initialPassword)).toBe('ok');
        expect(proxy.opened() - before).toBe(2);
      });

      it('opens a new connection when the old one was cut, as by a server restart', async () => {
        const { uid, dn } = await newUser();
        const proxied = throughProxy();
        expect((await proxied.findUser(uid))?.dn).toBe(dn);
        const before = proxy.opened();
        proxy.cutAll();
        expect((await proxied.findUser(uid))?.dn).toBe(dn);
        expect(proxy.opened() - before).toBe(1);
      });

      it('gives up after the timeout when the server does not answer, and recovers', async () => {
        const { uid, dn } = await newUser();
        const proxied = throughProxy();
        proxy.stall(true);
        try {
          await expect(proxied.findUser(uid)).rejects.toThrow(/time(d)? ?out/i);
        } finally {
          proxy.stall(false);
        }
        expect((await proxied.findUser(uid))?.dn).toBe(dn);
      });
    });
  });
}

/** What a password change came to: 'accepted', or the directory's reason for refusing it. */
export function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof PasswordRejectedError ? error.reason : error),
  );
}
