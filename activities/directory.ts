import { readFileSync } from 'node:fs';
import { Client, EqualityFilter } from 'ldapts';
import type { Config } from '../common/config';

/** A directory account as the recovery needs it. */
export interface DirectoryUser {
  dn: string;
  username: string;
  displayName: string;
  /** The directory's main address (R1, R10); absent when the account has none. */
  mail?: string;
}

export interface Directory {
  findUser(username: string): Promise<DirectoryUser | undefined>;
}

/** The directory reached over LDAP with the service account. */
export function createLdapDirectory(ldap: Config['ldap']): Directory {
  const tlsOptions = ldap.caFile ? { ca: readFileSync(ldap.caFile) } : undefined;

  async function withServiceAccount<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      url: ldap.url,
      timeout: ldap.timeoutMs,
      connectTimeout: ldap.timeoutMs,
      ...(ldap.url.startsWith('ldaps:') && tlsOptions ? { tlsOptions } : {}),
    });
    try {
      await client.bind(ldap.bindDn, ldap.bindPassword);
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  return {
    findUser: (username) =>
      withServiceAccount(async (client) => {
        const byName = new EqualityFilter({ attribute: ldap.usernameAttribute, value: username });
        const { searchEntries } = await client.search(ldap.userBase, {
          scope: 'sub',
          filter: `(&${ldap.userFilter}${byName.toString()})`,
          attributes: [ldap.usernameAttribute, ldap.mailAttribute, 'cn', 'displayName'],
          sizeLimit: 2,
        });
        // Two accounts answering to one name is a directory problem: recover neither.
        if (searchEntries.length !== 1) return undefined;
        const entry = searchEntries[0] as (typeof searchEntries)[number];
        const mail = firstText(entry[ldap.mailAttribute]);
        return {
          dn: entry.dn,
          username: firstText(entry[ldap.usernameAttribute]) ?? username,
          displayName: firstText(entry.displayName) ?? firstText(entry.cn) ?? username,
          ...(mail ? { mail } : {}),
        };
      }),
  };
}

function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim() || undefined;
  if (Buffer.isBuffer(first)) return first.toString('utf8').trim() || undefined;
  return undefined;
}
