import { type Client, type Entry, EqualityFilter, OrFilter } from 'ldapts';
import type { DirectoryUser } from './directory';
import { firstText } from './ldap-values';

export interface UserSearch {
  base: string;
  /** Which entries are users, e.g. (objectClass=inetOrgPerson). */
  userFilter: string;
  /** The attributes a user may type; the first is the account's own name. */
  usernameAttributes: readonly string[];
  mailAttribute: string;
  /** The attribute that says whether the account is disabled, and how to read it. */
  disabledBy: { attribute: string; isDisabled: (entry: Entry) => boolean };
}

/**
 * The one account a typed name answers to, as the recovery needs it. Two accounts answering to
 * one name is a directory problem: neither is recovered.
 */
export async function findOneUser(
  client: Client,
  search: UserSearch,
  username: string,
): Promise<DirectoryUser | undefined> {
  const [usernameAttribute = 'uid'] = search.usernameAttributes;
  const byName = new OrFilter({
    filters: search.usernameAttributes.map(
      (attribute) => new EqualityFilter({ attribute, value: username }),
    ),
  });
  const { searchEntries } = await client.search(search.base, {
    scope: 'sub',
    filter: `(&${search.userFilter}${byName.toString()})`,
    attributes: [
      usernameAttribute,
      search.mailAttribute,
      'cn',
      'displayName',
      search.disabledBy.attribute,
    ],
    sizeLimit: 2,
  });
  if (searchEntries.length !== 1) return undefined;
  const entry = searchEntries[0] as Entry;
  const mail = firstText(entry[search.mailAttribute]);
  const disabled = search.disabledBy.isDisabled(entry);
  return {
    dn: entry.dn,
    username: firstText(entry[usernameAttribute]) ?? username,
    displayName: firstText(entry.displayName) ?? firstText(entry.cn) ?? username,
    ...(mail ? { mail } : {}),
    ...(disabled ? { disabled } : {}),
  };
}
