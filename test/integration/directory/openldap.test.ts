import { Attribute, Change } from 'ldapts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PasswordRejectedError } from '../../../activities/directory/directory';
import { createLdapDirectory } from '../../../activities/directory/ldap-directory';
import type { Config } from '../../../common/config';
import {
  asRoot,
  changeOwnPassword,
  createUser,
  deleteUser,
  givePasswordPolicy,
  type NewUser,
} from '../../../dev/ldap-users';
import { freePort } from '../../../dev/ports';
import type { Slapd } from '../../../dev/slapd';
import { ldapConfigFor } from '../../support/ldap-config';
import { uniqueUid } from '../../support/stack';

const slapd = inject('servers').directory as Slapd;
const ldap: Config['ldap'] = ldapConfigFor(slapd);
const directory = createLdapDirectory(ldap);

const initialPassword = 'Initial-Secret-1';
const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((uid) => deleteUser(slapd, uid)));
});

/** A user of this test alone, with a password the policy accepts. */
async function newUser(user: Partial<NewUser> = {}) {
  const uid = uniqueUid('dir');
  created.push(uid);
  const dn = await createUser(slapd, {
    uid,
    mail: `${uid}@example.org`,
    password: initialPassword,
    ...user,
  });
  return { uid, dn };
}

function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof PasswordRejectedError ? error.reason : error),
  );
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

  it('returns undefined for an unknown user', async () => {
    expect(await directory.findUser(uniqueUid('nobody'))).toBeUndefined();
  });

  it('matches the username case-insensitively and returns it as stored (R8)', async () => {
    const { uid, dn } = await newUser();
    const user = await directory.findUser(uid.toUpperCase());
    expect(user?.dn).toBe(dn);
    expect(user?.username).toBe(uid);
  });

  it('says disabled only for an account an administrator locked for good', async () => {
    const { uid, dn } = await newUser();
    expect(await directory.findUser(uid)).not.toHaveProperty('disabled');
    await asRoot(slapd, (client) =>
      client.modify(
        dn,
        new Change({
          operation: 'replace',
          modification: new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] }),
        }),
      ),
    );
    expect(await directory.findUser(uid)).toMatchObject({ disabled: true });
  });

  it('reaches the directory over LDAPS trusting the configured CA', async () => {
    const { uid, dn } = await newUser();
    const overTls = createLdapDirectory({ ...ldap, url: slapd.ldapsUrl, caFile: slapd.caFile });
    expect((await overTls.findUser(uid))?.dn).toBe(dn);
  });
});

describe('temporary password (R5, R19, S2)', () => {
  it('R5/S2: a password set with mustChange must be changed at the next sign-in', async () => {
    const { dn } = await newUser();
    expect(await directory.mustChangePending(dn)).toBe(false);

    await directory.setPassword(dn, 'Temporary-Key-2', { mustChange: true });
    expect(await directory.checkSignIn(dn, 'Temporary-Key-2')).toBe('must-change');
    expect(await directory.checkSignIn(dn, initialPassword)).toBe('invalid');
    expect(await directory.mustChangePending(dn)).toBe(true);

    await changeOwnPassword(slapd, dn, 'Temporary-Key-2', 'Own-Choice-3');
    expect(await directory.mustChangePending(dn)).toBe(false);
    expect(await directory.checkSignIn(dn, 'Own-Choice-3')).toBe('ok');
  });

  it('S2: a password set without mustChange clears a pending change', async () => {
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

describe('password policy refusals (R19, S2)', () => {
  it('refuses a password shorter than the minimum as too-short', async () => {
    const { dn } = await newUser();
    expect(await rejection(directory.setPassword(dn, 'Sh0rt!', { mustChange: true }))).toBe(
      'too-short',
    );
    expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
  });

  it('refuses a recent password as in-history', async () => {
    const { dn } = await newUser();
    await directory.setPassword(dn, 'Second-Secret-2', { mustChange: false });
    await directory.setPassword(dn, 'Third-Secret-3', { mustChange: false });
    expect(
      await rejection(directory.setPassword(dn, 'Second-Secret-2', { mustChange: false })),
    ).toBe('in-history');
  });

  it('refuses the current password as in-history', async () => {
    const { dn } = await newUser();
    expect(await rejection(directory.setPassword(dn, initialPassword, { mustChange: true }))).toBe(
      'in-history',
    );
  });

  // Stock slapd has no complexity rules; the one quality failure it reports is a value it
  // cannot check because it already looks hashed.
  it('refuses a password the quality check cannot pass as not-complex', async () => {
    const { dn } = await newUser();
    const looksHashed = '{SSHA}c29tZXRoaW5nIGxvbmcgZW5vdWdo';
    expect(await rejection(directory.setPassword(dn, looksHashed, { mustChange: true }))).toBe(
      'not-complex',
    );
  });
});

describe('checkSignIn and unlock', () => {
  it('says invalid for a wrong password, an empty one and an unknown entry', async () => {
    const { dn } = await newUser();
    expect(await directory.checkSignIn(dn, 'Wrong-Secret-9')).toBe('invalid');
    expect(await directory.checkSignIn(dn, '')).toBe('invalid');
    expect(await directory.checkSignIn(`uid=${uniqueUid('nobody')},${slapd.usersDn}`, 'x')).toBe(
      'invalid',
    );
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

  it('unlocking an account that is not locked is no error', async () => {
    const { dn } = await newUser();
    await directory.unlock(dn);
    expect(await directory.checkSignIn(dn, initialPassword)).toBe('ok');
  });
});

describe('an unreachable directory', () => {
  it('rethrows the connection error: no refusal, no invalid password', async () => {
    const down = createLdapDirectory({
      ...ldap,
      url: `ldap://127.0.0.1:${await freePort()}`,
    });
    await expect(down.setPassword('uid=x', 'Some-Secret-1', { mustChange: true })).rejects.toThrow(
      /ECONNREFUSED/,
    );
    await expect(down.checkSignIn('uid=x', 'Some-Secret-1')).rejects.toThrow(/ECONNREFUSED/);
    await expect(down.findUser('x')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('reads the password rules that apply to a user: the default policy, or their own', async () => {
    const { dn } = await newUser();
    expect(await directory.passwordRules(dn)).toEqual({
      minLength: 8,
      history: 3,
      complexity: true,
    });
    await givePasswordPolicy(slapd, dn, { minLength: 12 });
    expect(await directory.passwordRules(dn)).toEqual({ minLength: 12, complexity: true });
  });
});
