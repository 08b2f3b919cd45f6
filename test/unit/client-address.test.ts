import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/config';
import {
  clientAddress,
  inProcessAddress,
  parseProxyEntry,
  resolveClientAddress,
  trustedProxies,
} from '../../web/client-address';
import type { WebEnv } from '../../web/env';
import { limitSubject } from '../../web/rate-limit';
import { configProblems } from '../support/config-problems';

const none = trustedProxies([]);
const proxies = trustedProxies(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']);

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', none)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.5', '198.51.100.1', none)).toBe('10.0.0.5');
  });

  it('behind trusted proxies: the right-most forwarded address that is not a proxy', () => {
    // The client sent a made-up X-Forwarded-For; the proxies appended what they saw.
    expect(resolveClientAddress('10.0.0.5', '1.1.1.1, 203.0.113.9, 10.0.0.7', proxies)).toBe(
      '203.0.113.9',
    );
    expect(resolveClientAddress('192.0.2.1', '203.0.113.9', proxies)).toBe('203.0.113.9');
    // IPv4-mapped peers (a server listening on ::) count as their IPv4 address.
    expect(resolveClientAddress('::ffff:10.0.0.5', '203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('FD00::1', '2001:DB8::7', proxies)).toBe('2001:db8::7');
    expect(resolveClientAddress('10.0.0.5', '[2001:db8::7]:4711', proxies)).toBe('2001:db8::7');
    expect(resolveClientAddress('10.0.0.5', '203.0.113.9:4711', proxies)).toBe('203.0.113.9');
  });

  it('a header from an untrusted peer is ignored; a trusted peer without one is the client', () => {
    expect(resolveClientAddress('203.0.113.9', '10.0.0.1', proxies)).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.5', undefined, proxies)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.5', '', proxies)).toBe('10.0.0.5');
  });

  it('all proxies: the left-most; a malformed entry ends the walk at the last good hop', () => {
    expect(resolveClientAddress('10.0.0.5', '10.0.0.9, 10.0.0.7', proxies)).toBe('10.0.0.9');
    expect(resolveClientAddress('10.0.0.5', 'evil, 10.0.0.7', proxies)).toBe('10.0.0.7');
    expect(resolveClientAddress('10.0.0.5', 'unknown', proxies)).toBe('10.0.0.5');
  });

  it('reads the proxy list as IPs and CIDRs, and refuses anything else', () => {
    expect(parseProxyEntry('10.0.0.0/8')).toEqual({
      address: '10.0.0.0',
      prefix: 8,
      family: 'ipv4',
    });
    expect(parseProxyEntry('::1')).toEqual({ address: '::1', family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'proxy.local', '10.0.0.0/8/1', '10.0.0.0/']) {
      expect(parseProxyEntry(bad), bad).toBeUndefined();
    }
    expect(() => trustedProxies(['nope'])).toThrow('not an IP address or CIDR');
  });

  it('counts an IPv6 client by its /64, an IPv4 client by its address', () => {
    expect(limitSubject('203.0.113.9')).toBe('203.0.113.9');
    expect(limitSubject('2001:db8:1:2:aaaa::1')).toBe('2001:0db8:0001:0002::/64');
    expect(limitSubject('2001:db8:1:2::ffff')).toBe(limitSubject('2001:db8:1:2:aaaa::1'));
    expect(limitSubject('::1')).toBe('0000:0000:0000:0000::/64');
    expect(limitSubject('2001:db8:1:3::1')).not.toBe(limitSubject('2001:db8:1:2::1'));
  });
});

describe('c.var.clientAddress', () => {
  function app(trusted: string[] = []) {
    const web = new Hono<WebEnv>();
    web.use(clientAddress({ trustedProxies: trustedProxies(trusted) }));
    web.get('/', (c) => c.text(c.var.clientAddress));
    return web;
  }
  const socket = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
  const forwarded = { headers: { 'x-forwarded-for': '198.51.100.4' } };

  it('comes from the socket, and from X-Forwarded-For only through a trusted proxy', async () => {
    const direct = await app().request('/', forwarded, socket('203.0.113.9'));
    expect(await direct.text()).toBe('203.0.113.9');
    const proxied = await app(['127.0.0.1']).request('/', forwarded, socket('127.0.0.1'));
    expect(await proxied.text()).toBe('198.51.100.4');
  });

  it('an in-process request (no socket) is one fixed client, never what a header says', async () => {
    const response = await app(['127.0.0.1']).request('/', forwarded);
    expect(await response.text()).toBe(inProcessAddress);
  });
});

describe('configuration of proxies and limits', () => {
  it('defaults: no proxy; 30 a minute per client, 10 an hour per username, 20 per session, 3 per admin name', () => {
    const config = loadConfig({});
    expect(config.trustedProxies).toEqual([]);
    expect(config.rateLimits).toEqual({
      perClient: { points: 30, durationSeconds: 60 },
      perUsername: { points: 10, durationSeconds: 3600 },
      perSession: { points: 20, durationSeconds: 600 },
      perAdminName: { points: 3, durationSeconds: 900 },
    });
  });

  it('reads them, and names what is wrong', () => {
    const config = loadConfig({
      SSPR_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      SSPR_RATE_LIMIT_PER_CLIENT: '120',
      SSPR_RATE_LIMIT_PER_USERNAME: '5',
    });
    expect(config.trustedProxies).toEqual(['10.0.0.0/8', '::1']);
    expect(config.rateLimits.perClient.points).toBe(120);
    expect(config.rateLimits.perUsername.points).toBe(5);
    expect(
      configProblems({
        SSPR_TRUSTED_PROXIES: '10.0.0.0/8,proxy.local',
        SSPR_RATE_LIMIT_PER_USERNAME: '500',
        SSPR_RATE_LIMIT_PER_CLIENT: '0',
        SSPR_RATE_LIMIT_PER_ADMIN_NAME: '5',
      }),
    ).toEqual([
      'SSPR_TRUSTED_PROXIES: must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8 or ::1: "proxy.local" is not one',
      'SSPR_RATE_LIMIT_PER_CLIENT: must be between 1 and 10000',
      // ASVS 2.2.1: no more than 100 failed attempts an hour per account.
      'SSPR_RATE_LIMIT_PER_USERNAME: must be between 1 and 100',
      // Five wrong passwords lock an account where the directory follows CIS (5 at most).
      'SSPR_RATE_LIMIT_PER_ADMIN_NAME: must be between 1 and 4',
    ]);
  });
});
