import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Attribute, Change, Client, NoSuchObjectError } from 'ldapts';
import type { NewUser } from './ldap-users';
import type { SambaAd } from './samba-ad';

/** What these helpers need of a running Samba AD (tests get it without its stop()). */
type Ad = Omit<SambaAd, 'stop'>;

/**
 * The sAMAccountName is `uid`, also the entry's CN; the UPN is `<uid>@<realm>`. A user left
 * without a password gets a random one nobody knows (AD wants one on an enabled account).
 */
export interface NewAdUser extends NewUser {
  /** userAccountControl with ACCOUNTDISABLE (0x2). */
  disabled?: boolean;
}

const normalAccount = 0x200;
const accountDisable = 0x2;

/** The value AD wants in unicodePwd: the password in double quotes, UTF-16LE. */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** Adds a user as the domain administrator and returns its DN. */
export async function createAdUser(ad: Ad, user: NewAdUser): Promise<string> {
  const dn = `CN=${user.uid},${ad.usersDn}`;
  const givenName = user.givenName ?? user.uid;
  const sn = user.sn ?? user.uid;
  const password = user.password ?? `Unknown-${randomBytes(12).toString('base64url')}-1`;
  await asAdAdmin(ad, async (client) => {
    const entry: Record<string, string> = {
      objectClass: 'user',
      sAMAccountName: user.uid,
      userPrincipalName: `${user.uid}@${ad.realm.toLowerCase()}`,
      givenName,
      sn,
      displayName: `${givenName} ${sn}`,
      ...(user.mail ? { mail: user.mail } : {}),
      userAccountControl: String(normalAccount | (user.disabled ? accountDisable : 0)),
    };
    await client.add(dn, [
      ...Object.entries(entry).map(([type, value]) => new Attribute({ type, values: [value] })),
      new Attribute({ type: 'unicodePwd', values: [unicodePwd(password)] }),
    ]);
    if (user.admin) await client.modify(ad.adminGroupDn, memberChange('add', dn));
  });
  return dn;
}

/** Removes a user (and so its group memberships); a user already gone is not an error. */
export async function deleteAdUser(ad: Ad, uid: string): Promise<void> {
  await asAdAdmin(ad, async (client) => {
    try {
      await client.del(`CN=${uid},${ad.usersDn}`);
    } catch (error) {
      if (!(error instanceof NoSuchObjectError)) throw error;
    }
  });
}

/** Sets or clears ACCOUNTDISABLE, as an administrator disables an account. */
export async function setAdUserDisabled(ad: Ad, dn: string, disabled: boolean): Promise<void> {
  await asAdAdmin(ad, async (client) => {
    const value = String(normalAccount | (disabled ? accountDisable : 0));
    await client.modify(dn, replace('userAccountControl', value));
  });
}

/**
 * What a user does at the next sign-in after a reset: change their own password, delete-old
 * plus add-new unicodePwd in one modify. AD refuses a simple bind to a user who must change
 * their password (data 773), so it goes over the service account's connection: whoever sends
 * it, this is a change, not a reset (the old password is checked, history applies).
 */
export async function changeOwnAdPassword(
  ad: Ad,
  dn: string,
  current: string,
  next: string,
): Promise<void> {
  const client = adClient(ad);
  try {
    await client.bind(ad.serviceDn, ad.servicePassword);
    await client.modify(dn, [
      new Change({
        operation: 'delete',
        modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(current)] }),
      }),
      new Change({
        operation: 'add',
        modification: new Attribute({ type: 'unicodePwd', values: [unicodePwd(next)] }),
      }),
    ]);
  } finally {
    await client.unbind();
  }
}

/** As the domain administrator: changes the directory's state the service account cannot. */
export async function asAdAdmin(ad: Ad, work: (client: Client) => Promise<void>): Promise<void> {
  const client = adClient(ad);
  try {
    await client.bind(ad.adminDn, ad.adminPassword);
    await work(client);
  } finally {
    await client.unbind();
  }
}

/** LDAPS trusting the domain's own certificate. */
export function adClient(ad: Ad): Client {
  return new Client({ url: ad.url, tlsOptions: { ca: readFileSync(ad.caFile) } });
}

export function memberChange(operation: 'add' | 'delete', dn: string): Change {
  return new Change({ operation, modification: new Attribute({ type: 'member', values: [dn] }) });
}

function replace(type: string, value: string): Change {
  return new Change({
    operation: 'replace',
    modification: new Attribute({ type, values: [value] }),
  });
}
