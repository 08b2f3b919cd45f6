import {
  Attribute,
  Change,
  type Client,
  InsufficientAccessError,
  InvalidCredentialsError,
} from 'ldapts';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  adClient,
  createAdUser,
  deleteAdUser,
  type NewAdUser,
  unicodePwd,
} from '../../../dev/ad-users';
import { uniqueUid } from '../../support/stack';

/**
 * The Samba AD of the global setup delegates to its service account what the recovery needs,
 * on the people OU only, and nothing more: what a production domain should grant (README).
 */
const ad = inject('servers').activeDirectory;

const created: string[] = [];
afterAll(async () => {
  if (ad) await Promise.all(created.map((uid) => deleteAdUser(ad, uid)));
});

describe.skipIf(!ad)('Samba AD service account (skipped when not root)', () => {
  const domain = ad as NonNullable<typeof ad>;

  async function newUser(user: Partial<NewAdUser> = {}) {
    const uid = uniqueUid('svc');
    created.push(uid);
    const dn = await createAdUser(domain, { uid, password: 'Initial-Secret-1', ...user });
    return { uid, dn };
  }

  async function asService<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = adClient(domain);
    try {
      await client.bind(domain.serviceDn, domain.servicePassword);
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  const replace = (type: string, value: string | Buffer) =>
    new Change({
      operation: 'replace',
      modification: new Attribute({ type, values: [value] as string[] | Buffer[] }),
    });

  it('reads users: mail, displayName, userAccountControl, pwdLastSet, lockoutTime', async () => {
    const { uid, dn } = await newUser({ mail: 'ana@example.org', givenName: 'Ana', sn: 'García' });
    const { searchEntries } = await asService((client) =>
      client.search(domain.usersDn, {
        filter: `(sAMAccountName=${uid})`,
        attributes: ['mail', 'displayName', 'userAccountControl', 'pwdLastSet', 'lockoutTime'],
      }),
    );
    expect(searchEntries).toEqual([
      expect.objectContaining({
        dn,
        mail: 'ana@example.org',
        displayName: 'Ana García',
        userAccountControl: '512',
      }),
    ]);
  });

  it('resets a password and writes pwdLastSet and lockoutTime', async () => {
    const { dn } = await newUser();
    await asService((client) =>
      client.modify(dn, [
        replace('unicodePwd', unicodePwd('Temporary-Key-2')),
        replace('pwdLastSet', '0'),
        replace('lockoutTime', '0'),
      ]),
    );
    const client = adClient(domain);
    await expect(client.bind(dn, 'Temporary-Key-2')).rejects.toThrow(/data 773/);
    await client.unbind();
  });

  it('may not write any other attribute of a user', async () => {
    const { dn } = await newUser();
    for (const change of [
      replace('mail', 'attacker@example.net'),
      replace('userAccountControl', '514'),
      replace('description', 'x'),
    ]) {
      await expect(asService((client) => client.modify(dn, change))).rejects.toBeInstanceOf(
        InsufficientAccessError,
      );
    }
  });

  it('may not reset passwords outside the people OU, its own group or the administrator', async () => {
    for (const dn of [domain.adminDn, domain.serviceDn]) {
      await expect(
        asService((client) => client.modify(dn, replace('unicodePwd', unicodePwd('Hijack-3-x')))),
      ).rejects.toBeInstanceOf(InsufficientAccessError);
    }
    await expect(
      asService((client) =>
        client.modify(
          domain.adminGroupDn,
          new Change({
            operation: 'add',
            modification: new Attribute({ type: 'member', values: [domain.serviceDn] }),
          }),
        ),
      ),
    ).rejects.toBeInstanceOf(InsufficientAccessError);
  });

  it('may neither create nor delete users', async () => {
    const { uid, dn } = await newUser();
    await expect(
      asService((client) =>
        client.add(`CN=x${uid},${domain.usersDn}`, {
          objectClass: 'user',
          sAMAccountName: `x${uid}`,
        }),
      ),
    ).rejects.toBeInstanceOf(InsufficientAccessError);
    await expect(asService((client) => client.del(dn))).rejects.toBeInstanceOf(
      InsufficientAccessError,
    );
  });

  it('the helpers make users with and without mail, and disabled ones', async () => {
    const withMail = await newUser({ mail: 'm@example.org' });
    const withoutMail = await newUser();
    const disabled = await newUser({ disabled: true });
    const { searchEntries } = await asService((client) =>
      client.search(domain.usersDn, {
        filter: `(|(distinguishedName=${withMail.dn})(distinguishedName=${withoutMail.dn})(distinguishedName=${disabled.dn}))`,
        attributes: ['mail', 'userAccountControl'],
      }),
    );
    const byDn = Object.fromEntries(searchEntries.map((e) => [e.dn, e]));
    expect(byDn[withMail.dn]).toMatchObject({ mail: 'm@example.org', userAccountControl: '512' });
    expect(byDn[withoutMail.dn]?.mail).toEqual([]);
    expect(byDn[disabled.dn]).toMatchObject({ userAccountControl: '514' });
    const client = adClient(domain);
    await expect(client.bind(disabled.dn, 'Initial-Secret-1')).rejects.toBeInstanceOf(
      InvalidCredentialsError,
    );
    await client.unbind();
  });
});
