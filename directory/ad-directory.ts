import { type Entry, escapeFilter } from 'ldapts';
import type { Config } from '../common/config';
import { type PasswordRules, passwordRules } from '../common/domain/passwords';
import { passwordRefusal, signInFailure } from './ad-refusals';
import { type Directory, PasswordRejectedError } from './directory';
import { findOneUser, searchUsers, type UserSearch, userCensus } from './find-user';
import { ldapConnector } from './ldap-connection';
import { firstInteger, firstText, replace } from './ldap-values';

/** What an unset setting means for AD: people found by account name or UPN, in the domain. */
export const adDefaults = {
  userFilter: '(&(objectCategory=person)(objectClass=user))',
  usernameAttributes: ['sAMAccountName', 'userPrincipalName'],
};

/** userAccountControl's ACCOUNTDISABLE bit. */
const accountDisabled = 0x2;
/** pwdProperties' DOMAIN_PASSWORD_COMPLEX bit. */
const complexPasswords = 0x1;
/** LDAP_MATCHING_RULE_IN_CHAIN: memberOf through nested groups too. */
const inChain = '1.2.840.113556.1.4.1941';

/**
 * Active Directory (or a Samba AD DC) over LDAPS or StartTLS: AD refuses simple binds on a
 * plain connection. Passwords are set through unicodePwd, "must change" is pwdLastSet=0, a
 * lockout is lifted with lockoutTime=0, and bind failures are read from their `data` code.
 */
export function createAdDirectory(ldap: Config['ldap']): Directory {
  if (ldap.url.startsWith('ldap://') && !ldap.startTls) {
    throw new Error(
      `Active Directory needs TLS: ${ldap.url} is plain LDAP; use ldaps:// or SSPR_LDAP_STARTTLS=true`,
    );
  }
  const connector = ldapConnector(ldap);
  const asService = connector.asService;
  const userFilter = ldap.userFilter ?? adDefaults.userFilter;
  const [usernameAttribute = 'sAMAccountName', ...otherNames] =
    ldap.usernameAttributes ?? adDefaults.usernameAttributes;

  // The domain object holds the password policy, and is the default search base.
  let domain: Promise<string> | undefined;
  function domainDn(): Promise<string> {
    domain ??= asService(async (client) => {
      const { searchEntries } = await client.search('', {
        scope: 'base',
        attributes: ['defaultNamingContext'],
      });
      const dn = firstText(searchEntries[0]?.defaultNamingContext);
      if (!dn) throw new Error('The directory names no defaultNamingContext: is it AD?');
      return dn;
    }).catch((error: unknown) => {
      domain = undefined;
      throw error;
    });
    return domain;
  }

  async function domainRules(): Promise<PasswordRules> {
    const dn = await domainDn();
    const { searchEntries } = await asService((client) =>
      client.search(dn, {
        scope: 'base',
        attributes: ['minPwdLength', 'pwdHistoryLength', 'pwdProperties'],
      }),
    );
    const entry = searchEntries[0];
    return passwordRules(
      firstInteger(entry?.minPwdLength),
      firstInteger(entry?.pwdHistoryLength),
      ((firstInteger(entry?.pwdProperties) ?? 0) & complexPasswords) !== 0,
    );
  }

  async function readUser(dn: string, attributes: string[]) {
    const { searchEntries } = await asService((client) =>
      client.search(dn, { scope: 'base', attributes }),
    );
    return searchEntries[0];
  }

  /** Who the users are; the base is the domain unless configured. */
  async function users(): Promise<UserSearch> {
    return {
      base: ldap.userBase ?? (await domainDn()),
      userFilter,
      usernameAttributes: [usernameAttribute, ...otherNames],
      mailAttribute: ldap.mailAttribute,
      disabledBy: {
        attribute: 'userAccountControl',
        isDisabled: (entry: Entry) =>
          ((firstInteger(entry.userAccountControl) ?? 0) & accountDisabled) !== 0,
      },
    };
  }

  return {
    async findUser(username) {
      const search = await users();
      return asService((client) => findOneUser(client, search, username));
    },

    async searchUsers(text, limit) {
      const search = await users();
      return asService((client) => searchUsers(client, search, text, limit));
    },

    async userCensus(sampleSize) {
      const search = await users();
      return asService((client) => userCensus(client, search, sampleSize));
    },

    async setPassword(dn, password, { mustChange }) {
      try {
        await asService((client) =>
          client.modify(dn, [
            // AD's form: the password in double quotes, UTF-16LE.
            replace('unicodePwd', [Buffer.from(`"${password}"`, 'utf16le')]),
            // 0: must change at the next sign-in; -1: the password counts as set just now.
            replace('pwdLastSet', [mustChange ? '0' : '-1']),
          ]),
        );
      } catch (error) {
        const reason = await passwordRefusal(error, password, async () => ({
          ...(await domainRules()),
          accountName: firstText((await readUser(dn, ['sAMAccountName']))?.sAMAccountName),
        }));
        if (reason) throw new PasswordRejectedError(reason);
        throw error;
      }
    },

    async unlock(dn) {
      // AD drops the bad-password count with it, so one more typo does not lock again.
      await asService((client) => client.modify(dn, replace('lockoutTime', ['0'])));
    },

    async mustChangePending(dn) {
      return firstText((await readUser(dn, ['pwdLastSet']))?.pwdLastSet) === '0';
    },

    async checkSignIn(dn, password) {
      // A simple bind without a password is an anonymous one, which AD accepts.
      if (password === '') return 'invalid';
      return connector.alone(async (client) => {
        try {
          await client.bind(dn, password);
          return 'ok';
        } catch (error) {
          const check = signInFailure(error);
          if (check) return check;
          throw error;
        }
      });
    },

    // Fine-grained policies (PSOs) are not read: the domain's rules are shown to everyone.
    passwordRules: () => domainRules(),

    async isMemberOf(dn, groupDn) {
      const { searchEntries } = await asService((client) =>
        client.search(dn, {
          scope: 'base',
          filter: escapeFilter`(memberOf:${inChain}:=${groupDn})`,
          attributes: ['1.1'],
        }),
      );
      return searchEntries.length === 1;
    },
  };
}
