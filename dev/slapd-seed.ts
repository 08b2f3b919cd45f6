import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { demoUsers } from './demo-users';
import { layout } from './slapd-config';

const run = promisify(execFile);

type Entry = { dn: string } & Record<string, string | string[]>;

/** LDIF for the seed: the tree, the default password policy, the service account and the admin group. */
export async function seedLdif(seed: 'demo' | 'empty'): Promise<string> {
  const users = seed === 'demo' ? demoUsers : [];
  const admins = users.filter((user) => user.admin).map((user) => userDn(user.uid));
  const entries: Entry[] = [
    { dn: layout.suffix, objectClass: ['dcObject', 'organization'], dc: 'example', o: 'Example' },
    ...[layout.usersDn, layout.groupsDn, layout.servicesDn, layout.policiesDn].map((dn) => ({
      dn,
      objectClass: 'organizationalUnit',
      ou: rdnValue(dn),
    })),
    {
      dn: layout.policyDn,
      objectClass: ['device', 'pwdPolicy'],
      cn: 'default',
      pwdAttribute: 'userPassword',
      pwdMinLength: '8',
      // Without quality checking the minimum length is not enforced at all.
      pwdCheckQuality: '2',
      pwdInHistory: '3',
      pwdMustChange: 'TRUE',
      pwdAllowUserChange: 'TRUE',
      pwdLockout: 'TRUE',
      pwdMaxFailure: '5',
      pwdLockoutDuration: '300',
    },
    {
      dn: layout.serviceDn,
      objectClass: ['applicationProcess', 'simpleSecurityObject'],
      cn: 'sspr',
      userPassword: await hashPassword(layout.servicePassword),
    },
    {
      dn: layout.adminGroupDn,
      objectClass: 'groupOfNames',
      cn: rdnValue(layout.adminGroupDn),
      // groupOfNames needs a member: the empty DN stands for nobody.
      member: admins.length > 0 ? admins : '',
    },
    ...(await Promise.all(
      users.map(async (user) => ({
        dn: userDn(user.uid),
        objectClass: 'inetOrgPerson',
        uid: user.uid,
        cn: user.name,
        givenName: user.givenName,
        sn: user.sn,
        ...(user.mail ? { mail: user.mail } : {}),
        userPassword: await hashPassword(user.password),
      })),
    )),
  ];
  return entries.map(ldifEntry).join('\n');
}

export function userDn(uid: string): string {
  return `uid=${uid},${layout.usersDn}`;
}

function rdnValue(dn: string): string {
  return dn.slice(dn.indexOf('=') + 1, dn.indexOf(','));
}

/** slapadd bypasses the ppolicy overlay, so it would store clear text: hash the way slapd does. */
async function hashPassword(password: string): Promise<string> {
  const { stdout } = await run('slappasswd', ['-s', password]);
  return stdout.trim();
}

function ldifEntry({ dn, ...attributes }: Entry): string {
  const lines = [ldifLine('dn', dn)];
  for (const [name, value] of Object.entries(attributes)) {
    for (const item of Array.isArray(value) ? value : [value]) lines.push(ldifLine(name, item));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 2849: values beyond printable ASCII (accents included) are written in base64. */
function ldifLine(name: string, value: string): string {
  const safe = /^(?![ :<])[\x20-\x7e]*$/.test(value) && !value.endsWith(' ');
  return safe ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}
