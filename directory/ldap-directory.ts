import {
  Attribute,
  Change,
  EqualityFilter,
  InvalidCredentialsError,
  NoSuchAttributeError,
  PasswordPolicyControl,
  PasswordPolicyError,
} from 'ldapts';
import type { Config } from '../common/config';
import { passwordRules } from '../common/domain/passwords';
import { type Directory, PasswordRejectedError } from './directory';
import { findOneUser, searchUsers, type UserSearch, userCensus } from './find-user';
import { ldapConnector } from './ldap-connection';
import { firstInteger, firstText, replace } from './ldap-values';
import { passwordRejection } from './ppolicy';

/** What an unset setting means for OpenLDAP: the demo's layout and inetOrgPerson users. */
export const openLdapDefaults = {
  userBase: 'ou=people,dc=example,dc=org',
  userFilter: '(objectClass=inetOrgPerson)',
  usernameAttributes: ['uid'],
  passwordPolicyDn: 'cn=default,ou=policies,dc=example,dc=org',
};

/** ppolicy's lock time for an account an administrator locked for good: OpenLDAP's "disabled". */
const lockedForever = '000001010000Z';

/** OpenLDAP with the ppolicy overlay. */
export function createLdapDirectory(ldap: Config['ldap']): Directory {
  const connector = ldapConnector(ldap);
  const withServiceAccount = connector.asService;
  const userBase = ldap.userBase ?? openLdapDefaults.userBase;
  const userFilter = ldap.userFilter ?? openLdapDefaults.userFilter;
  const [usernameAttribute = 'uid', ...otherNames] =
    ldap.usernameAttributes ?? openLdapDefaults.usernameAttributes;

  const users: UserSearch = {
    base: userBase,
    userFilter,
    usernameAttributes: [usernameAttribute, ...otherNames],
    mailAttribute: ldap.mailAttribute,
    // Only an administrator's lock says "disabled"; a lockout after bad passwords is lifted
    // by the recovery, and without the attribute there is no signal either way.
    disabledBy: {
      attribute: 'pwdAccountLockedTime',
      isDisabled: (entry) => firstText(entry.pwdAccountLockedTime) === lockedForever,
    },
  };

  return {
    findUser: (username) => withServiceAccount((client) => findOneUser(client, users, username)),
    searchUsers: (text, limit) =>
      withServiceAccount((client) => searchUsers(client, users, text, limit)),
    userCensus: (sampleSize) =>
      withServiceAccount((client) => userCensus(client, users, sampleSize)),

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
        const { searchEntries } = await client.search(dn, {
          scope: 'base',
          attributes: ['pwdAccountLockedTime'],
        });
        const lockedAt = firstText(searchEntries[0]?.pwdAccountLockedTime);
        // An administrator's lock for good is not a lockout to lift.
        if (lockedAt === undefined || lockedAt === lockedForever) return;
        // Only the value read: if an administrator locked the account since, the delete fails
        // and their lock stays. slapd drops the recorded failures with it, so one more typo
        // does not lock again.
        const lock = new Attribute({ type: 'pwdAccountLockedTime', values: [lockedAt] });
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
      return connector.alone(async (client) => {
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
        const policyDn =
          firstText(users[0]?.pwdPolicySubentry) ??
          ldap.passwordPolicyDn ??
          openLdapDefaults.passwordPolicyDn;
        const { searchEntries } = await client.search(policyDn, {
          scope: 'base',
          attributes: ['pwdMinLength', 'pwdInHistory', 'pwdCheckQuality'],
        });
        const entry = searchEntries[0];
        return passwordRules(
          firstInteger(entry?.pwdMinLength),
          firstInteger(entry?.pwdInHistory),
          (firstInteger(entry?.pwdCheckQuality) ?? 0) > 0,
        );
      }),

    isMemberOf: (dn, groupDn) =>
      withServiceAccount(async (client) => {
        // groupOfNames: direct members only (no memberOf overlay assumed).
        const { searchEntries } = await client.search(groupDn, {
          scope: 'base',
          filter: new EqualityFilter({ attribute: 'member', value: dn }),
          attributes: ['1.1'],
        });
        return searchEntries.length === 1;
      }),
  };
}
