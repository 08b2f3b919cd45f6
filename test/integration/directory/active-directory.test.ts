import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createAdUser, deleteAdUser, type NewAdUser } from '../../../dev/ad-users';
import { createAdDirectory } from '../../../directory/ad-directory';
import { createDirectory } from '../../../directory/create-directory';
import { adConfigFor } from '../../support/ldap-config';
import { uniqueUid } from '../../support/stack';
import { createTestGroup, deleteTestGroup } from '../../support/test-directory';

/** What only Active Directory does; the contract suite covers what both kinds share. */
const ad = inject('servers').activeDirectory;

describe.skipIf(!ad)('Active Directory specifics (skipped when not root)', () => {
  const domain = ad as NonNullable<typeof ad>;
  const ldap = adConfigFor(domain);
  const directory = createAdDirectory(ldap);
  const silent = { warn: () => {} };

  const users: string[] = [];
  const groups: string[] = [];
  afterAll(async () => {
    await Promise.all(groups.map((dn) => deleteTestGroup(domain, dn)));
    await Promise.all(users.map((uid) => deleteAdUser(domain, uid)));
  });

  async function newUser(user: Partial<NewAdUser> = {}) {
    const uid = uniqueUid('ad');
    users.push(uid);
    const dn = await createAdUser(domain, { uid, password: 'Initial-Secret-1', ...user });
    return { uid, dn };
  }

  it('finds a user by UPN too, and answers with the account name', async () => {
    const { uid, dn } = await newUser();
    const user = await directory.findUser(`${uid}@${domain.realm.toLowerCase()}`);
    expect(user).toMatchObject({ dn, username: uid });
  });

  it('counts membership through nested groups', async () => {
    const { dn } = await newUser();
    const inner = await createTestGroup(domain, uniqueUid('inner'), [dn]);
    const outer = await createTestGroup(domain, uniqueUid('outer'), [inner]);
    groups.push(outer, inner);
    expect(await directory.isMemberOf(dn, outer)).toBe(true);
  });

  it('refuses a password without three kinds of characters as not-complex', async () => {
    const { dn } = await newUser();
    await expect(
      directory.setPassword(dn, 'onlylowercaseletters', { mustChange: true }),
    ).rejects.toMatchObject({ reason: 'not-complex' });
  });

  // Windows checks history on a reset only with a control Samba 4.17 does not know.
  it('does not check history on a reset (a user changing it does)', async () => {
    const { dn } = await newUser();
    await directory.setPassword(dn, 'Initial-Secret-1', { mustChange: false });
    expect(await directory.checkSignIn(dn, 'Initial-Secret-1')).toBe('ok');
  });

  it('works over StartTLS on the plain port, verified against the CA', async () => {
    const { uid, dn } = await newUser();
    const startTls = createAdDirectory({ ...ldap, url: domain.startTlsUrl, startTls: true });
    expect((await startTls.findUser(uid))?.dn).toBe(dn);
    expect(await startTls.checkSignIn(dn, 'Initial-Secret-1')).toBe('ok');
  });

  it('never binds over plain LDAP: refused when configured, and when detected', async () => {
    expect(() => createAdDirectory({ ...ldap, url: domain.startTlsUrl })).toThrow(
      /Active Directory needs TLS/,
    );
    const detected = createDirectory({ ...ldap, kind: 'auto', url: domain.startTlsUrl }, silent);
    await expect(detected.findUser('anyone')).rejects.toThrow(/Active Directory needs TLS/);
  });

  it('refuses a certificate it cannot verify, unless told loudly not to check', async () => {
    const { uid, dn } = await newUser();
    const noCa = createAdDirectory({ ...ldap, caFile: undefined });
    await expect(noCa.findUser(uid)).rejects.toThrow(/self-signed certificate/);

    const log = { warn: vi.fn() };
    const insecure = createDirectory({ ...ldap, caFile: undefined, tlsInsecure: true }, log);
    expect(log.warn).toHaveBeenCalledWith(
      { setting: 'SSPR_LDAP_TLS_INSECURE' },
      expect.stringMatching(/^DIRECTORY TLS CERTIFICATES ARE NOT VERIFIED/),
    );
    expect((await insecure.findUser(uid))?.dn).toBe(dn);
  });
});
