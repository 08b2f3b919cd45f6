/** Names and credentials of the test domain; fixed so tests and the demo can name them. */
export const adLayout = {
  realm: 'EXAMPLE.TEST',
  domain: 'EXAMPLE',
  baseDn: 'DC=example,DC=test',
  usersDn: 'OU=People,DC=example,DC=test',
  groupsDn: 'OU=Groups,DC=example,DC=test',
  servicesDn: 'OU=Services,DC=example,DC=test',
  adminDn: 'CN=Administrator,CN=Users,DC=example,DC=test',
  // Provisioning refuses an administrator password that fails the complexity rules.
  adminPassword: 'Dev-Admin-Secret-1',
  serviceName: 'sspr',
  serviceDn: 'CN=sspr,OU=Services,DC=example,DC=test',
  servicePassword: 'Dev-Sspr-Secret-1',
  adminGroupName: 'sspr-admins',
  adminGroupDn: 'CN=sspr-admins,OU=Groups,DC=example,DC=test',
  /** The same rules as the slapd's default policy, so one contract suite expects the same. */
  policy: { minLength: 8, history: 3, lockoutThreshold: 5 },
} as const;

/** Schema GUIDs the delegation names (the same in every AD forest). */
export const adGuids = {
  userClass: 'bf967aba-0de6-11d0-a285-00aa003049e2',
  resetPasswordRight: '00299570-246d-11d0-a768-00aa006e0529',
  pwdLastSet: 'bf967a0a-0de6-11d0-a285-00aa003049e2',
  lockoutTime: '28630ebf-41d5-11d1-a9c1-0000f80367c1',
} as const;

/**
 * What the service account may do on the users' OU, as ACEs inherited by user objects only
 * (CIIO + the user class): reset (not read) passwords, write pwdLastSet and lockoutTime; and
 * read the OU's entries. Nothing else: no other attribute, no creating or deleting objects.
 */
export function serviceAccountAces(sid: string): string {
  const { userClass, resetPasswordRight, pwdLastSet, lockoutTime } = adGuids;
  return [
    `(OA;CIIO;CR;${resetPasswordRight};${userClass};${sid})`,
    `(OA;CIIO;WP;${pwdLastSet};${userClass};${sid})`,
    `(OA;CIIO;WP;${lockoutTime};${userClass};${sid})`,
    `(A;CI;RPLCLORC;;;${sid})`,
  ].join('');
}

export interface SambaPaths {
  dir: string;
  certFile: string;
  keyFile: string;
}

/**
 * A minimal smb.conf of our own, replacing the one provisioning writes: only the LDAP server,
 * on one loopback address, every file under `dir`, our own certificate (Samba would otherwise
 * generate one, slower). Debian's /etc/samba/smb.conf never comes into it.
 */
export function smbConf(paths: SambaPaths, host: string): string {
  const { dir } = paths;
  return `[global]
	netbios name = DC1
	realm = ${adLayout.realm}
	workgroup = ${adLayout.domain}
	server role = active directory domain controller
	server services = ldap
	# With a mask Samba takes the address as given; a bare 127.0.0.x needs an interface of its own.
	interfaces = ${host}/8
	bind interfaces only = yes
	private dir = ${dir}/private
	lock directory = ${dir}
	state directory = ${dir}/state
	cache directory = ${dir}/cache
	pid directory = ${dir}/run
	ncalrpc dir = ${dir}/run/ncalrpc
	binddns dir = ${dir}/bind-dns
	log file = ${dir}/log/samba.log
	tls enabled = yes
	tls keyfile = ${paths.keyFile}
	tls certfile = ${paths.certFile}
	tls cafile =
	idmap_ldb:use rfc2307 = yes
`;
}
