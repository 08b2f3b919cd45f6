import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { WebEnv } from './env';

/**
 * The address of a request that reached the app without a socket: only the in-process calls of
 * the tests (app.request). A real server always has one. It is a constant, not a header, so
 * nothing a client sends can ever choose its address; every such call counts as one client.
 */
export const inProcessAddress = '127.0.0.1';

/**
 * Which peers are reverse proxies whose X-Forwarded-For is believed: IPs and CIDRs
 * (SSPR_TRUSTED_PROXIES). Empty (the default): the socket's peer is the client, whatever
 * the headers say.
 */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) throw new Error(`not an IP address or CIDR: ${entry}`);
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  return list;
}

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`; undefined when it is none of these. */
export function parseProxyEntry(
  entry: string,
): { address: string; prefix?: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [rawAddress = '', rawPrefix, extra] = entry.trim().split('/');
  if (extra !== undefined) return undefined;
  // A single IPv4-mapped address is the IPv4 one, as peers are; a mapped range stays IPv6.
  const address =
    rawPrefix === undefined
      ? normalizeAddress(rawAddress)
      : isIP(rawAddress)
        ? rawAddress.toLowerCase()
        : undefined;
  if (!address) return undefined;
  const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
  if (rawPrefix === undefined) return { address, family };
  const prefix = Number(rawPrefix);
  const max = family === 'ipv4' ? 32 : 128;
  if (!/^\d{1,3}$/.test(rawPrefix) || prefix > max) return undefined;
  return { address, prefix, family };
}

/**
 * The client's address: the socket's peer; when that peer is a trusted proxy, the right-most
 * address in X-Forwarded-For that is not a trusted proxy (the one the nearest trusted proxy saw;
 * what lies to its left is whatever the client chose to send). When every forwarded address is
 * a trusted proxy, the left-most one; a malformed entry ends the walk at the last good hop.
 */
export function resolveClientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trusted: BlockList,
): string {
  let client = normalizeAddress(peer) ?? peer;
  if (!isTrusted(client, trusted) || !forwardedFor) return client;
  const hops = forwardedFor.split(',').map((hop) => hop.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(stripPort(hops[i] as string));
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, trusted)) break;
  }
  return client;
}

/** Sets `c.var.clientAddress` for the routes (their requests and updates) and the limits. */
export function clientAddress(options: { trustedProxies: BlockList }): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const peer = socketPeer(c);
    c.set(
      'clientAddress',
      peer === undefined
        ? inProcessAddress
        : resolveClientAddress(peer, c.req.header('x-forwarded-for'), options.trustedProxies),
    );
    await next();
  };
}

function socketPeer(c: Context<WebEnv>): string | undefined {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (!env?.incoming && !env?.server) return undefined;
  return getConnInfo(c).remote.address;
}

function isTrusted(address: string, trusted: BlockList): boolean {
  return trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** A valid IP in one spelling: IPv4-mapped IPv6 as plain IPv4, IPv6 in lower case. */
export function normalizeAddress(value: string): string | undefined {
  const address = value.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  return isIP(address) === 0 ? undefined : address;
}

/** Some proxies append `1.2.3.4:port` or `[::1]:port`. */
function stripPort(hop: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop)?.[1];
  if (bracketed) return bracketed;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop)?.[1];
  return v4 ?? hop;
}
