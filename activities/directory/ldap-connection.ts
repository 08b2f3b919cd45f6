import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import type { Config } from '../../common/config';

export interface LdapConnector {
  /** Runs `work` on a connection bound as the service account. */
  asService<T>(work: (client: Client) => Promise<T>): Promise<T>;
  /** Runs `work` on a connection of its own, not bound yet: for binds as a user. */
  alone<T>(work: (client: Client) => Promise<T>): Promise<T>;
}

/**
 * Connections to the directory as configured: LDAPS, or StartTLS before anything else is
 * sent, verified against the configured CA (the system's when none is); plain LDAP only when
 * the URL says ldap:// and StartTLS is off. Timeouts on connecting and on each operation.
 */
export function ldapConnector(ldap: Config['ldap']): LdapConnector {
  const url = new URL(ldap.url);
  const tls: ConnectionOptions = {
    ...(ldap.caFile ? { ca: readFileSync(ldap.caFile) } : {}),
    ...(ldap.tlsInsecure ? { rejectUnauthorized: false } : {}),
  };

  async function open(): Promise<Client> {
    const client = new Client({
      url: ldap.url,
      timeout: ldap.timeoutMs,
      connectTimeout: ldap.timeoutMs,
      // Given on ldap:// too, ldapts would start TLS at once instead of StartTLS.
      ...(url.protocol === 'ldaps:' ? { tlsOptions: tls } : {}),
    });
    if (ldap.startTls) {
      try {
        // The certificate is checked against the URL's host, as for LDAPS.
        await client.startTLS({ ...tls, host: url.hostname });
      } catch (error) {
        await client.unbind();
        throw error;
      }
    }
    return client;
  }

  async function alone<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await open();
    try {
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  return {
    alone,
    asService: (work) =>
      alone(async (client) => {
        await client.bind(ldap.bindDn, ldap.bindPassword);
        return work(client);
      }),
  };
}
