import {
  type Client,
  type Entry,
  EqualityFilter,
  OrFilter,
  SizeLimitExceededError,
  SubstringFilter,
} from 'ldapts';
import type { DirectoryUser, UserCensus, UserSearchResult } from './directory';
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
  const byName = new OrFilter({
    filters: search.usernameAttributes.map(
      (attribute) => new EqualityFilter({ attribute, value: username }),
    ),
  });
  const { searchEntries } = await client.search(search.base, {
    scope: 'sub',
    filter: `(&${search.userFilter}${byName.toString()})`,
    attributes: userAttributes(search),
    sizeLimit: 2,
  });
  if (searchEntries.length !== 1) return undefined;
  return userOf(search, searchEntries[0] as Entry, username);
}

/**
 * The most users one catalog search returns: under slapd's default size limit (500) and AD's
 * MaxPageSize (1000), so a plain search is never cut short by the server.
 */
export const maxSearchLimit = 200;

/**
 * The admin's user catalog: users whose names or mail start with the typed text (escaped by
 * the filter objects), sorted by username. One more than `limit` is asked for, to tell
 * whether there are more; the server's "size limit exceeded" then is the expected answer.
 */
export async function searchUsers(
  client: Client,
  search: UserSearch,
  text: string,
  limit: number,
): Promise<UserSearchResult> {
  const wanted = Math.min(Math.max(Math.trunc(limit) || 1, 1), maxSearchLimit);
  const typed = text.trim();
  const searched = [
    ...new Set([
      ...search.usernameAttributes,
      'cn',
      'displayName',
      'givenName',
      'sn',
      search.mailAttribute,
    ]),
  ];
  const byText = new OrFilter({
    filters: searched.map((attribute) => new SubstringFilter({ attribute, initial: typed })),
  });
  const { searchEntries } = await client.search(search.base, {
    scope: 'sub',
    filter: typed ? `(&${search.userFilter}${byText.toString()})` : search.userFilter,
    attributes: userAttributes(search),
    sizeLimit: wanted + 1,
  });
  const users = searchEntries
    .map((entry) => userOf(search, entry))
    .sort((a, b) => a.username.localeCompare(b.username));
  return { users: users.slice(0, wanted), more: users.length > wanted };
}

/** How many usernames without mail a census names unless asked for another number. */
const defaultCensusSample = 20;

/** Census pages: small enough for any server's page limit. */
const censusPageSize = 500;

/**
 * Counts the accounts under the base and filter with a paged search, so a large directory is
 * read page by page. A server whose size limit is lower than the directory (slapd's default
 * is 500 entries, paged or not, unless the service account has a `limits` clause) stops the
 * count: what was counted is returned, marked incomplete.
 */
export async function userCensus(
  client: Client,
  search: UserSearch,
  sampleSize = defaultCensusSample,
): Promise<UserCensus> {
  const [usernameAttribute = 'uid'] = search.usernameAttributes;
  let users = 0;
  let disabled = 0;
  let complete = true;
  const withoutMail: string[] = [];
  try {
    const pages = client.searchPaginated(search.base, {
      scope: 'sub',
      filter: search.userFilter,
      attributes: [usernameAttribute, search.mailAttribute, search.disabledBy.attribute],
      paged: { pageSize: censusPageSize },
    });
    for await (const page of pages) {
      for (const entry of page.searchEntries) {
        users += 1;
        if (search.disabledBy.isDisabled(entry)) disabled += 1;
        else if (!firstText(entry[search.mailAttribute])) {
          withoutMail.push(firstText(entry[usernameAttribute]) ?? entry.dn);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof SizeLimitExceededError)) throw error;
    complete = false;
  }
  withoutMail.sort((a, b) => a.localeCompare(b));
  return {
    users,
    disabled,
    withoutMail: withoutMail.length,
    withoutMailSample: withoutMail.slice(0, Math.max(0, sampleSize)),
    complete,
  };
}

function userAttributes(search: UserSearch): string[] {
  const [usernameAttribute = 'uid'] = search.usernameAttributes;
  return [
    usernameAttribute,
    search.mailAttribute,
    'cn',
    'displayName',
    search.disabledBy.attribute,
  ];
}

/** A user entry as the service sees it; `typed` names it when the entry lacks the attribute. */
function userOf(search: UserSearch, entry: Entry, typed?: string): DirectoryUser {
  const [usernameAttribute = 'uid'] = search.usernameAttributes;
  const username = firstText(entry[usernameAttribute]) ?? typed ?? entry.dn;
  const mail = firstText(entry[search.mailAttribute]);
  const disabled = search.disabledBy.isDisabled(entry);
  return {
    dn: entry.dn,
    username,
    displayName: firstText(entry.displayName) ?? firstText(entry.cn) ?? username,
    ...(mail ? { mail } : {}),
    ...(disabled ? { disabled } : {}),
  };
}
