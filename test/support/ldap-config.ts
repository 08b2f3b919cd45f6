import type { Config } from '../../common/config';
import type { Slapd } from '../../dev/slapd';
import { layout } from '../../dev/slapd-config';

/** The service's directory settings for a slapd the tests started. */
export function ldapConfigFor(slapd: Omit<Slapd, 'stop'>): Config['ldap'] {
  return {
    url: slapd.url,
    bindDn: slapd.serviceDn,
    bindPassword: slapd.servicePassword,
    userBase: slapd.usersDn,
    userFilter: '(objectClass=inetOrgPerson)',
    usernameAttribute: 'uid',
    mailAttribute: 'mail',
    passwordPolicyDn: layout.policyDn,
    timeoutMs: 5000,
  };
}
