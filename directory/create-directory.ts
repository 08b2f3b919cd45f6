import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { createAdDirectory } from './ad-directory';
import type { Directory } from './directory';
import { ldapConnector } from './ldap-connection';
import { createLdapDirectory } from './ldap-directory';
import { firstText } from './ldap-values';

/** AD's root DSE says "Active Directory" in its supportedCapabilities (LDAP_CAP_ACTIVE_DIRECTORY_OID). */
const activeDirectoryCapability = '1.2.840.113556.1.4.800';

/**
 * The directory of the configured kind; with `auto`, the server's root DSE decides at the
 * first call (so a worker starts while the directory is down), and a failed look is retried
 * at the next one. Turning off certificate checks is said loudly here, at start-up.
 */
export function createDirectory(ldap: Config['ldap'], log: Pick<Logger, 'warn'>): Directory {
  if (ldap.tlsInsecure) {
    log.warn(
      { setting: 'SSPR_LDAP_TLS_INSECURE' },
      'DIRECTORY TLS CERTIFICATES ARE NOT VERIFIED: anyone on the network path can read the service account password and every password set. Use SSPR_LDAP_CA_FILE instead, outside a test bench.',
    );
  }
  if (ldap.kind === 'openldap') return createLdapDirectory(ldap);
  if (ldap.kind === 'ad') return createAdDirectory(ldap);

  let chosen: Promise<Directory> | undefined;
  const pick = () => {
    chosen ??= detectKind(ldap).then(
      (kind) => (kind === 'ad' ? createAdDirectory(ldap) : createLdapDirectory(ldap)),
      (error: unknown) => {
        chosen = undefined;
        throw error;
      },
    );
    return chosen;
  };
  return {
    findUser: async (username) => (await pick()).findUser(username),
    searchUsers: async (text, limit) => (await pick()).searchUsers(text, limit),
    userCensus: async (sampleSize) => (await pick()).userCensus(sampleSize),
    setPassword: async (dn, password, options) => (await pick()).setPassword(dn, password, options),
    unlock: async (dn) => (await pick()).unlock(dn),
    mustChangePending: async (dn) => (await pick()).mustChangePending(dn),
    checkSignIn: async (dn, password) => (await pick()).checkSignIn(dn, password),
    passwordRules: async (dn) => (await pick()).passwordRules(dn),
    isMemberOf: async (dn, groupDn) => (await pick()).isMemberOf(dn, groupDn),
  };
}

/** Reads the root DSE anonymously (no password goes out before the kind is known). */
export async function detectKind(ldap: Config['ldap']): Promise<'openldap' | 'ad'> {
  const { searchEntries } = await ldapConnector(ldap).alone((client) =>
    client.search('', {
      scope: 'base',
      attributes: ['supportedCapabilities', 'forestFunctionality', 'isGlobalCatalogReady'],
    }),
  );
  const dse = searchEntries[0];
  const capabilities = [dse?.supportedCapabilities ?? []].flat().map(String);
  const isAd =
    capabilities.includes(activeDirectoryCapability) ||
    firstText(dse?.forestFunctionality) !== undefined ||
    firstText(dse?.isGlobalCatalogReady) !== undefined;
  // An AD reached without TLS fails next, in createAdDirectory, saying so.
  return isAd ? 'ad' : 'openldap';
}
