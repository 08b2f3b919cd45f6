import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Config } from '../../../common/config';
import { createUser, deleteUser, givePasswordPolicy, type NewUser } from '../../../dev/ldap-users';
import { freePort } from '../../../dev/ports';
import type { Slapd } from '../../../dev/slapd';
import { createLdapDirectory } from '../../../directory/ldap-directory';
import { ldapConfigFor } from '../../support/ldap-config';
import { uniqueUid } from '../../support/stack';
import { rejection } from './contract';

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

describe('OpenLDAP specifics (the contract suite covers the rest)', () => {
  it('reaches the directory over LDAPS trusting the configured CA', async () => {
    const { uid, dn } = await newUser();
    const overTls = createLdapDirectory({ ...ldap, url: slapd.ldapsUrl, caFile: slapd.caFile });
    expect((await overTls.findUser(uid))?.dn).toBe(dn);
  });

  it('reaches it with StartTLS on the plain port, and checks the certificate there too', async () => {
    const { uid, dn } = await newUser();
    const startTls = createLdapDirectory({ ...ldap, startTls: true, caFile: slapd.caFile });
    expect((await startTls.findUser(uid))?.dn).toBe(dn);
    const untrusted = createLdapDirectory({ ...ldap, startTls: true });
    await expect(untrusted.findUser(uid)).rejects.toThrow(/self-signed certificate/);
  });
});

describe('password policy refusals (R19, S2)', () => {
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

describe('checkSignIn', () => {
  it('says invalid for an entry that does not exist', async () => {
    expect(await directory.checkSignIn(`uid=${uniqueUid('nobody')},${slapd.usersDn}`, 'x')).toBe(
      'invalid',
    );
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

  it("reads a user's own password policy rather than the default one", async () => {
    const { dn } = await newUser();
    await givePasswordPolicy(slapd, dn, { minLength: 12 });
    expect(await directory.passwordRules(dn)).toEqual({ minLength: 12, complexity: true });
  });
});
