/** Names and credentials of the local directory; fixed so the demo can print them and keep them. */
export const layout = {
  suffix: 'dc=example,dc=org',
  usersDn: 'ou=people,dc=example,dc=org',
  groupsDn: 'ou=groups,dc=example,dc=org',
  servicesDn: 'ou=services,dc=example,dc=org',
  policiesDn: 'ou=policies,dc=example,dc=org',
  policyDn: 'cn=default,ou=policies,dc=example,dc=org',
  rootDn: 'cn=admin,dc=example,dc=org',
  rootPassword: 'dev-root-secret',
  serviceDn: 'cn=sspr,ou=services,dc=example,dc=org',
  servicePassword: 'dev-sspr-secret',
  adminGroupDn: 'cn=sspr-admins,ou=groups,dc=example,dc=org',
} as const;

export interface SlapdPaths {
  dbDir: string;
  certFile: string;
  keyFile: string;
}

/**
 * Our own slapd.conf: nothing from /etc/ldap but the schema files. The ACLs mirror what a real
 * deployment grants the service account, so tests meet the same permission errors production
 * would.
 */
export function slapdConf(paths: SlapdPaths): string {
  const { suffix, rootDn, rootPassword, serviceDn, policyDn } = layout;
  const service = `dn.exact="${serviceDn}"`;
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema

modulepath /usr/lib/ldap
moduleload back_mdb
moduleload ppolicy

TLSCertificateFile "${paths.certFile}"
TLSCertificateKeyFile "${paths.keyFile}"

# The root DSE and schema are public so clients can discover controls and extended operations.
access to dn.base="" by * read
access to dn.base="cn=Subschema" by * read

database mdb
suffix "${suffix}"
rootdn "${rootDn}"
rootpw ${rootPassword}
directory "${paths.dbDir}"
# Room for plenty of test users; the file only grows as needed.
maxsize 104857600
index objectClass,uid,mail,member eq

overlay ppolicy
ppolicy_default "${policyDn}"
ppolicy_hash_cleartext
# Without it a bind to a locked account does not say accountLocked in the response control.
ppolicy_use_lockout

# The service account sets passwords but never reads a hash, old ones included.
access to attrs=userPassword
  by self write
  by ${service} =w
  by anonymous auth
  by * none

access to attrs=pwdHistory
  by * none

access to attrs=pwdReset,pwdAccountLockedTime
  by ${service} write
  by * none

access to *
  by ${service} read
  by self read
  by * none
`;
}
