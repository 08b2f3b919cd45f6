import { readFileSync } from 'node:fs';
import {
  Attribute,
  Change,
  Client,
  EqualityFilter,
  InvalidCredentialsError,
  NoSuchAttributeError,
  PasswordPolicyControl,
  PasswordPolicyError,
} from 'ldapts';
import type { Config } from '../../common/config';
import { type Directory, PasswordRejectedError } from './directory';
import { passwordRejection } from './ppolicy';

/** ppolicy's lock time for an account an administrator locked for good: OpenLDAP's "disabled". */
const lockedForever = '000001010000Z';

/** The directory reached over LDAP (OpenLDAP with the ppolicy overlay). */
export function createLdapDirectory(ldap: Config['ldap']): Directory {
  const tlsOptions = ldap.caFile ? { ca: readFileSync(ldap.caFile) } : undefined;

  /** A connection of its own for each call, always unbound. */
  async function connected<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      url: ldap.url,
      timeout: ldap.timeoutMs,
      connectTimeout: ldap.timeoutMs,
      ...(ldap.url.startsWith('ldaps:') && tlsOptions ? { tlsOptions } : {}),
    });
    try {
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  function withServiceAccount<T>(work: (client: Client) => Promise<T>): Promise<T> {
    return connected(async (client) => {
      await client.bind(ldap.bindDn, ldap.bindPassword);
      return work(client);
    });
  }

  return {
    findUser: (username) =>
      withServiceAccount(async (client) => {
        const byName = new EqualityFilter({ attribute: ldap.usernameAttribute, value: username });
        const { searchEntries } = await client.search(ldap.userBase, {
          scope: 'sub',
          filter: `(&${ldap.userFilter}${byName.toString()})`,
          attributes: [
            ldap.usernameAttribute,
            ldap.mailAttribute,
            'cn',
            'displayName',
            'pwdAccountLockedTime',
          ],
          sizeLimit: 2,
        });
        // Two accounts answering to one name is a directory problem: recover neither.
        if (searchEntries.length !== 1) return undefined;
        const entry = searchEntries[0] as (typeof searchEntries)[number];
        const mail = firstText(entry[ldap.mailAttribute]);
        // Only an administrator's lock says "disabled"; a lockout after bad passwords is lifted
        // by the recovery, and without the attribute there is no signal either way.
        const disabled = firstText(entry.pwdAccountLockedTime) === lockedForever;
        return {
          dn: entry.dn,
          username: firstText(entry[ldap.usernameAttribute]) ?? username,
          displayName: firstText(entry.displayName) ?? firstText(entry.cn) ?? username,
          ...(mail ? { mail } : {}),
          ...(disabled ? { disabled } : {}),
        };
      }),

    async setPassword(dn, password, { mustChange }) {
      const policy = new PasswordPolicyControl();
      try {
        await withServiceAccount((client) =>
          client.modify(
            dn,
            [
              replace('userPassword', [password]),
              // Explicit, though slapd also drops a pending change when someone else sets the
              // password. A replace with no value is no error when there is none to remove.
              replace('pwdReset', mustChange ? ['TRUE'] : []),
            ],
            policy,
          ),
        );
      } catch (error) {
        const reason = passwordRejection(error, policy.value);
        if (reason) throw new PasswordRejectedError(reason);
        throw error;
      }
    },

    unlock: (dn) =>
      withServiceAccount(async (client) => {
        // slapd drops the recorded failures with it, so one more typo does not lock again.
        const lock = new Attribute({ type: 'pwdAccountLockedTime' });
        try {
          await client.modify(dn, new Change({ operation: 'delete', modification: lock }));
        } catch (error) {
          if (!(error instanceof NoSuchAttributeError)) throw error;
        }
      }),

    mustChangePending: (dn) =>
      withServiceAccount(async (client) => {
        // Operational: only returned when asked for by name.
        const { searchEntries } = await client.search(dn, {
          scope: 'base',
          attributes: ['pwdReset'],
        });
        return firstText(searchEntries[0]?.pwdReset) === 'TRUE';
      }),

    async checkSignIn(dn, password) {
      // A simple bind without a password is an anonymous one, which some servers accept.
      if (password === '') return 'invalid';
      const policy = new PasswordPolicyControl();
      return connected(async (client) => {
        try {
          // ldapts fills the control from the response even when the bind fails.
          await client.bind(dn, password, policy);
        } catch (error) {
          if (!(error instanceof InvalidCredentialsError)) throw error;
          return policy.value?.error === PasswordPolicyError.AccountLocked ? 'locked' : 'invalid';
        }
        return policy.value?.error === PasswordPolicyError.ChangeAfterReset ? 'must-change' : 'ok';
      });
    },

    passwordRules: (dn) =>
      withServiceAccount(async (client) => {
        // A user's own policy (pwdPolicySubentry) wins over the server's default one.
        const { searchEntries: users } = await client.search(dn, {
          scope: 'base',
          attributes: ['pwdPolicySubentry'],
        });
        const policyDn = firstText(users[0]?.pwdPolicySubentry) ?? ldap.passwordPolicyDn;
        const { searchEntries } = await client.search(policyDn, {
          scope: 'base',
          attributes: ['pwdMinLength', 'pwdInHistory', 'pwdCheckQuality'],
        });
        const entry = searchEntries[0];
        const number = (value: unknown) => {
          const parsed = Number.parseInt(firstText(value) ?? '', 10);
          return Number.isNaN(parsed) ? undefined : parsed;
        };
        const minLength = number(entry?.pwdMinLength);
        const history = number(entry?.pwdInHistory);
        return {
          ...(minLength ? { minLength } : {}),
          ...(history ? { history } : {}),
          complexity: (number(entry?.pwdCheckQuality) ?? 0) > 0,
        };
      }),
  };
}

function replace(type: string, values: string[]): Change {
  return new Change({ operation: 'replace', modification: new Attribute({ type, values }) });
}

function firstText(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return first.trim() || undefined;
  if (Buffer.isBuffer(first)) return first.toString('utf8').trim() || undefined;
  return undefined;
}
