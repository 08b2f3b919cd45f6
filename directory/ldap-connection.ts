import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { Client } from 'ldapts';
import type { Config } from '../common/config';

export interface LdapConnector {
  /**
   * Runs `work` on the one connection bound as the service account, opened at the first call
   * and kept: calls share it (LDAP answers each by its message id). One that died while idle
   * or under a call (a server restart, an idle timeout) is replaced, and that call tried once
   * more on the new one.
   */
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
  const tlsOptions: tls.ConnectionOptions = {
    ...(ldap.caFile ? { ca: readFileSync(ldap.caFile) } : {}),
    ...(ldap.tlsInsecure ? { rejectUnauthorized: false } : {}),
  };

  async function open(): Promise<Client> {
    const client = new Client({
      url: ldap.url,
      timeout: ldap.timeoutMs,
      connectTimeout: ldap.timeoutMs,
      // An idle connection must not keep the process alive; each operation's timer does.
      createConnection: ((port: number, host: string) =>
        net.connect(port, host).unref()) as typeof net.connect,
      createSecureConnection: ((port: number, host: string, options?: tls.ConnectionOptions) =>
        tls.connect(port, host, options).unref()) as typeof tls.connect,
      // Given on ldap:// too, ldapts would start TLS at once instead of StartTLS.
      ...(url.protocol === 'ldaps:' ? { tlsOptions } : {}),
    });
    if (ldap.startTls) {
      try {
        // The certificate is checked against the URL's host, as for LDAPS.
        await client.startTLS({ ...tlsOptions, host: url.hostname });
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

  let service: Promise<Client> | undefined;
  function serviceClient(): Promise<Client> {
    if (!service) {
      const opening = open().then(async (client) => {
        try {
          await client.bind(ldap.bindDn, ldap.bindPassword);
          return client;
        } catch (error) {
          await client.unbind();
          throw error;
        }
      });
      // A failed connect or bind is not kept: the next call tries again.
      opening.catch(() => {
        if (service === opening) service = undefined;
      });
      service = opening;
    }
    return service;
  }

  async function asService<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const reused = service !== undefined;
    const pending = serviceClient();
    const client = await pending;
    if (client.isConnected) {
      try {
        return await work(client);
      } catch (error) {
        // An answer from the server leaves the connection up: the error is the answer.
        if (client.isConnected || !reused) throw error;
      }
    }
    if (service === pending) service = undefined;
    return work(await serviceClient());
  }

  return { alone, asService };
}
