import type { Config } from '../../common/config';
import type { SambaAd } from '../../dev/samba-ad';
import type { Slapd } from '../../dev/slapd';
import { layout } from '../../dev/slapd-config';

/** The service's directory settings for a slapd the tests started. */
export function ldapConfigFor(slapd: Omit<Slapd, 'stop'>): Config['ldap'] {
  return {
    kind: 'openldap',
    url: slapd.url,
    startTls: false,
    bindDn: slapd.serviceDn,
    bindPassword: slapd.servicePassword,
    userBase: slapd.usersDn,
    userFilter: '(objectClass=inetOrgPerson)',
    usernameAttributes: ['uid'],
    mailAttribute: 'mail',
    passwordPolicyDn: layout.policyDn,
    tlsInsecure: false,
    timeoutMs: 5000,
  };
}

/**
 * The service's directory settings for the tests' Samba AD: LDAPS trusting its certificate,
 * and AD's defaults for everything else (search base, filter, username attributes).
 */
export function adConfigFor(ad: Omit<SambaAd, 'stop'>): Config['ldap'] {
  return {
    kind: 'ad',
    url: ad.url,
    startTls: false,
    caFile: ad.caFile,
    bindDn: ad.serviceDn,
    bindPassword: ad.servicePassword,
    mailAttribute: 'mail',
    tlsInsecure: false,
    timeoutMs: 5000,
  };
}
