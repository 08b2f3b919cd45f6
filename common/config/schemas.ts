import { isIP } from 'node:net';
import { z } from 'zod';

// The kinds of value a setting holds, each saying in a few words what is wrong with a bad one.

/** A JSON file may hold true and false as they are; the environment spells them. */
export const bool = z.preprocess(
  (v) => (typeof v === 'boolean' ? String(v) : v),
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
);

export const wholeNumber = (min: number, max: number, what = 'a number') =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

export const port = wholeNumber(1, 65535, 'a port number');

/** `host:port` to listen on, an IPv6 host in brackets (`[::1]:3001`); `authority` as typed. */
export const listenAddress = z
  .string()
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[^\s:[\]/]+):\d{1,5}$/,
    'must be host:port, such as 127.0.0.1:3001 or [::1]:3001',
  )
  .transform((authority, ctx) => {
    const at = authority.lastIndexOf(':');
    const parsed = port.safeParse(authority.slice(at + 1));
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must end in a port number from 1 to 65535' });
      return z.NEVER;
    }
    return {
      host: authority.slice(0, at).replace(/^\[(.*)\]$/, '$1'),
      port: parsed.data,
      authority,
    };
  });

/** So many form submissions (1 to `max`) per window of so many seconds. */
export const limit = (max: number, durationSeconds: number) =>
  wholeNumber(1, max).transform((points) => ({ points, durationSeconds }));

export const url = (protocols: string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine(
      (v) => protocols.some((p) => v.startsWith(`${p}://`)),
      `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

export const withoutTrailingSlash = (v: string) => v.replace(/\/+$/, '');

export const base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'must be at least 32 random bytes in base64');

/** `id:base64key,...`: the first key encrypts, every key decodes (rotation keeps old ones). */
export function parseCodecKeys(value: string, ctx: z.RefinementCtx) {
  const keys: Array<{ id: string; key: string }> = [];
  const shape = 'must be a comma-separated list of id:base64key (the first encrypts)';
  for (const [index, entry] of value.split(',').entries()) {
    const at = entry.indexOf(':');
    const id = entry.slice(0, at).trim();
    const key = entry.slice(at + 1).trim();
    // Never echo an entry: it holds a key.
    const which = `entry ${index + 1}${/^[A-Za-z0-9._-]{1,64}$/.test(id) ? ` ("${id}")` : ''}`;
    let problem: string | undefined;
    if (at < 0) problem = `${shape}; ${which} has no ':'`;
    else if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
      problem = `${shape}; the id of ${which} must be 1 to 64 letters, digits, '.', '_' or '-'`;
    } else if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(key) || Buffer.from(key, 'base64').length !== 32) {
      problem = `${shape}; the key of ${which} must be 32 random bytes in base64 (openssl rand -base64 32)`;
    } else if (keys.some((k) => k.id === id)) {
      problem = `${shape}; the id "${id}" appears twice`;
    }
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    keys.push({ id, key });
  }
  return keys;
}

/** Origins (scheme://host[:port]) a browser may call the codec endpoint from. */
export function parseOrigins(value: string, ctx: z.RefinementCtx) {
  const origins: string[] = [];
  for (const entry of value.split(',').map((e) => withoutTrailingSlash(e.trim()))) {
    let origin: string | undefined;
    try {
      const parsed = new URL(entry);
      if (['http:', 'https:'].includes(parsed.protocol) && parsed.origin === entry) {
        origin = parsed.origin;
      }
    } catch {
      // reported below
    }
    if (!origin) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of origins such as http://127.0.0.1:8233 (scheme, host and port; no path, no *): "${entry}" is not one`,
      });
      return z.NEVER;
    }
    origins.push(origin);
  }
  return origins;
}

/** Reverse proxies: comma-separated IPs or CIDRs (10.0.0.0/8, ::1, fd00::/8). */
export function parseProxies(value: string, ctx: z.RefinementCtx) {
  const proxies: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim())) {
    const [address = '', prefix, extra] = entry.split('/');
    const bits = isIP(address) === 4 ? 32 : isIP(address) === 6 ? 128 : 0;
    const validPrefix =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (bits === 0 || !validPrefix || extra !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a comma-separated list of IP addresses or CIDR ranges such as 10.0.0.0/8 or ::1: "${entry}" is not one`,
      });
      return z.NEVER;
    }
    proxies.push(entry);
  }
  return proxies;
}
