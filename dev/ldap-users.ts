import { Attribute, Change, Client, NoSuchAttributeError, NoSuchObjectError } from 'ldapts';
import type { Slapd } from './slapd';
import { layout } from './slapd-config';

/** What these helpers need of a running slapd (tests get it without its stop()). */
type Directory = Omit<Slapd, 'stop'>;

export interface NewUser {
  uid: string;
  givenName?: string;
  sn?: string;
  /** Left out: the entry has no mail attribute at all. */
  mail?: string;
  /** Left out: the entry has no password and nobody can bind as it. */
  password?: string;
  /** Also make the user a member of the admin group. */
  admin?: boolean;
}

/** Adds a user as the root DN (no policy checks, no pwdReset) and returns its DN. */
export async function createUser(slapd: Directory, user: NewUser): Promise<string> {
  const dn = `uid=${user.uid},${slapd.usersDn}`;
  const givenName = user.givenName ?? user.uid;
  const sn = user.sn ?? user.uid;
  await asRoot(slapd, async (client) => {
    await client.add(dn, {
      objectClass: 'inetOrgPerson',
      uid: user.uid,
      cn: `${givenName} ${sn}`,
      givenName,
      sn,
      ...(user.mail ? { mail: user.mail } : {}),
      // ppolicy_hash_cleartext stores it hashed.
      ...(user.password ? { userPassword: user.password } : {}),
    });
    if (user.admin) await client.modify(slapd.adminGroupDn, memberChange('add', dn));
  });
  return dn;
}

/** Removes a user and its admin group membership; a user already gone is not an error. */
export async function deleteUser(slapd: Directory, uid: string): Promise<void> {
  const dn = `uid=${uid},${slapd.usersDn}`;
  await asRoot(slapd, async (client) => {
    await ignore(
      NoSuchAttributeError,
      client.modify(slapd.adminGroupDn, memberChange('delete', dn)),
    );
    await ignore(NoSuchObjectError, client.del(dn));
  });
}

/** As the root DN: changes the directory's state the service account cannot. */
export async function asRoot(
  slapd: Directory,
  work: (client: Client) => Promise<void>,
): Promise<void> {
  const client = new Client({ url: slapd.url });
  try {
    await client.bind(slapd.rootDn, slapd.rootPassword);
    await work(client);
  } finally {
    await client.unbind();
  }
}

function memberChange(operation: 'add' | 'delete', dn: string): Change {
  return new Change({ operation, modification: new Attribute({ type: 'member', values: [dn] }) });
}

async function ignore(errorClass: abstract new (...args: never[]) => Error, work: Promise<void>) {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof errorClass)) throw error;
  }
}

/** What a user does at the next sign-in after a reset: replace their own password. */
export async function changeOwnPassword(
  slapd: Directory,
  dn: string,
  current: string,
  next: string,
): Promise<void> {
  const client = new Client({ url: slapd.url });
  try {
    await client.bind(dn, current);
    const modification = new Attribute({ type: 'userPassword', values: [next] });
    await client.modify(dn, new Change({ operation: 'replace', modification }));
  } finally {
    await client.unbind();
  }
}

/**
 * Gives one user a password policy of their own (OpenLDAP pwdPolicySubentry), so a test can
 * make the directory strict for that user without touching anyone else's.
 */
export async function givePasswordPolicy(
  slapd: Directory,
  dn: string,
  policy: { minLength: number },
): Promise<void> {
  const uid = /^uid=([^,]+)/.exec(dn)?.[1] ?? 'user';
  const policyDn = `cn=policy-${uid},${layout.policiesDn}`;
  await asRoot(slapd, async (client) => {
    await client.add(policyDn, {
      objectClass: ['device', 'pwdPolicy'],
      cn: `policy-${uid}`,
      pwdAttribute: 'userPassword',
      pwdMinLength: String(policy.minLength),
      pwdCheckQuality: '2',
    });
    await client.modify(
      dn,
      new Change({
        operation: 'replace',
        modification: new Attribute({ type: 'pwdPolicySubentry', values: [policyDn] }),
      }),
    );
  });
}
