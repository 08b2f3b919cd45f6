import { Attribute, Change } from 'ldapts';
import type { Config } from '../../common/config';
import {
  asAdAdmin,
  changeOwnAdPassword,
  createAdUser,
  deleteAdUser,
  memberChange,
  type NewAdUser,
} from '../../dev/ad-users';
import { asRoot, changeOwnPassword, createUser, deleteUser } from '../../dev/ldap-users';
import type { SambaAd } from '../../dev/samba-ad';
import type { Slapd } from '../../dev/slapd';
import { adConfigFor, ldapConfigFor } from './ldap-config';

/** A directory server the tests started: the global setup's slapd or Samba AD. */
export type TestDirectory = Omit<Slapd, 'stop'> | Omit<SambaAd, 'stop'>;

export function isActiveDirectory(directory: TestDirectory): directory is Omit<SambaAd, 'stop'> {
  return 'kind' in directory && directory.kind === 'ad';
}

/** The service's directory settings for it. */
export function configFor(directory: TestDirectory): Config['ldap'] {
  return isActiveDirectory(directory) ? adConfigFor(directory) : ldapConfigFor(directory);
}

/**
 * Adds a user as the directory's administrator and returns its DN. Disabled: AD's
 * ACCOUNTDISABLE, OpenLDAP's administrator lock for good (ppolicy's pwdAccountLockedTime).
 */
export async function createTestUser(directory: TestDirectory, user: NewAdUser): Promise<string> {
  if (isActiveDirectory(directory)) return createAdUser(directory, user);
  const { disabled, ...rest } = user;
  const dn = await createUser(directory, rest);
  if (disabled) {
    const lock = new Attribute({ type: 'pwdAccountLockedTime', values: ['000001010000Z'] });
    await asRoot(directory, (client) =>
      client.modify(dn, new Change({ operation: 'replace', modification: lock })),
    );
  }
  return dn;
}

export function deleteTestUser(directory: TestDirectory, uid: string): Promise<void> {
  return isActiveDirectory(directory) ? deleteAdUser(directory, uid) : deleteUser(directory, uid);
}

/** The user replaces their own password, as at the next sign-in after a reset. */
export function changeOwnTestPassword(
  directory: TestDirectory,
  dn: string,
  current: string,
  next: string,
): Promise<void> {
  return isActiveDirectory(directory)
    ? changeOwnAdPassword(directory, dn, current, next)
    : changeOwnPassword(directory, dn, current, next);
}

/** A group in the directory's groups OU with these members (users or groups); returns its DN. */
export async function createTestGroup(
  directory: TestDirectory,
  name: string,
  members: string[],
): Promise<string> {
  if (isActiveDirectory(directory)) {
    const dn = `CN=${name},${directory.groupsDn}`;
    await asAdAdmin(directory, async (client) => {
      await client.add(dn, { objectClass: 'group', sAMAccountName: name });
      for (const member of members) await client.modify(dn, memberChange('add', member));
    });
    return dn;
  }
  const dn = `cn=${name},${directory.groupsDn}`;
  // groupOfNames needs a member: the empty DN stands for nobody.
  await asRoot(directory, (client) =>
    client.add(dn, {
      objectClass: 'groupOfNames',
      cn: name,
      member: members.length ? members : '',
    }),
  );
  return dn;
}

export async function deleteTestGroup(directory: TestDirectory, dn: string): Promise<void> {
  if (isActiveDirectory(directory)) await asAdAdmin(directory, (client) => client.del(dn));
  else await asRoot(directory, (client) => client.del(dn));
}

/** Takes the user out of the directory's admin group, as a directory administrator would. */
export async function removeFromAdminGroup(directory: TestDirectory, dn: string): Promise<void> {
  const change = memberChange('delete', dn);
  if (isActiveDirectory(directory)) {
    await asAdAdmin(directory, (client) => client.modify(directory.adminGroupDn, change));
  } else {
    await asRoot(directory, (client) => client.modify(directory.adminGroupDn, change));
  }
}
