import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config';
import { configProblems } from '../support/config-problems';

describe('directory settings', () => {
  it('detects the kind by default and leaves the kind-specific settings to it', () => {
    expect(loadConfig({}).ldap).toMatchObject({
      kind: 'auto',
      startTls: false,
      tlsInsecure: false,
      userBase: undefined,
      userFilter: undefined,
      usernameAttributes: undefined,
      passwordPolicyDn: undefined,
    });
  });

  it('takes several username attributes, the first one naming the user', () => {
    const ldap = loadConfig({
      SSPR_LDAP_USERNAME_ATTRIBUTE: 'sAMAccountName,userPrincipalName',
    }).ldap;
    expect(ldap.usernameAttributes).toEqual(['sAMAccountName', 'userPrincipalName']);
    expect(configProblems({ SSPR_LDAP_USERNAME_ATTRIBUTE: 'uid, mail' })).toEqual([
      'SSPR_LDAP_USERNAME_ATTRIBUTE: must be an attribute name, or several separated by commas (the first is the username)',
    ]);
  });

  it('never lets AD go without TLS, and StartTLS only on ldap://', () => {
    expect(configProblems({ SSPR_DIRECTORY_KIND: 'ad', SSPR_LDAP_URL: 'ldap://dc1' })).toEqual([
      'SSPR_LDAP_URL: Active Directory needs TLS: use ldaps:// or set SSPR_LDAP_STARTTLS=true',
    ]);
    expect(
      configProblems({
        SSPR_DIRECTORY_KIND: 'ad',
        SSPR_LDAP_URL: 'ldap://dc1',
        SSPR_LDAP_STARTTLS: 'true',
      }),
    ).toEqual([]);
    expect(configProblems({ SSPR_LDAP_URL: 'ldaps://dc1', SSPR_LDAP_STARTTLS: 'true' })).toEqual([
      'SSPR_LDAP_STARTTLS: only with an ldap:// URL (ldaps:// is TLS from the start)',
    ]);
    expect(configProblems({ SSPR_DIRECTORY_KIND: 'novell' })).toHaveLength(1);
  });
});
