import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { logoTypes } from './brand';
import { contrastRatio } from './contrast';
import { parseSecretKeys } from './secret-box';

/**
 * Every setting of the service, read from environment variables and, optionally, from a JSON
 * file named by SSPR_CONFIG_FILE whose keys are the same variable names (the environment wins).
 * Defaults run the demo that `npm start` brings up on this machine.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const url = (protocols: string[]) =>
  z
    .url({ error: `must be a URL (${protocols.join(', ')})` })
    .refine(
      (v) => protocols.some((p) => v.startsWith(`${p}://`)),
      `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** `id:base64key,...`: the first key encrypts, every key decodes (rotation keeps old ones). */
function parseCodecKeys(value: string | undefined, ctx: z.RefinementCtx) {
  if (value === undefined) return undefined;
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
function parseOrigins(value: string | undefined, ctx: z.RefinementCtx) {
  if (value === undefined) return undefined;
  const origins: string[] = [];
  for (const entry of value.split(',').map((e) => e.trim().replace(/\/+$/, ''))) {
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
function parseProxies(value: string | undefined, ctx: z.RefinementCtx) {
  if (value === undefined) return [];
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

const perWindow = (max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, `must be between 1 and ${max}`)
    .max(max, `must be between 1 and ${max}`);

export const settings = {
  SSPR_DATA_DIR: z.string().min(1).default('data'),
  SSPR_PUBLIC_URL: url(['http', 'https'])
    .default('http://127.0.0.1:3000')
    .transform((v) => v.replace(/\/+$/, '')),
  SSPR_WEB_HOST: z.string().min(1).default('127.0.0.1'),
  SSPR_WEB_PORT: port.default(3000),
  SSPR_DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine(
        (v) => /^sqlite:.+/.test(v) || (/^postgres(ql)?:\/\//.test(v) && URL.canParse(v)),
        'must be sqlite:<file path>, or postgres://user:password@host:port/database for PostgreSQL',
      )
      .optional(),
  ),
  SSPR_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  SSPR_LINK_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'must be at least 32 random bytes in base64')
      .optional(),
  ),
  SSPR_WORKER_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'must be at least 32 random bytes in base64')
      .optional(),
  ),
  SSPR_CODEC_KEYS: optionalText.transform(parseCodecKeys),
  SSPR_SECRETS_KEY: optionalText.transform((value, ctx) => {
    if (value === undefined) return undefined;
    const parsed = parseSecretKeys(value);
    if ('keys' in parsed) return parsed.keys;
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  }),
  SSPR_CODEC_ENDPOINT_ORIGINS: optionalText.transform(parseOrigins),
  SSPR_CODEC_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(
        /^[\x21-\x7e]{32,}$/,
        'must be at least 32 characters without spaces (a long random string)',
      )
      .optional(),
  ),

  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: optionalText,
  TEMPORAL_TLS: bool.default(false),
  SSPR_TASK_QUEUE: z.string().min(1).default('recovery'),

  SSPR_DIRECTORY_KIND: z.enum(['openldap', 'ad', 'auto']).default('auto'),
  SSPR_LDAP_URL: url(['ldap', 'ldaps']).default('ldap://127.0.0.1:3389'),
  SSPR_LDAP_STARTTLS: bool.default(false),
  SSPR_LDAP_BIND_DN: z.string().min(1).default('cn=sspr,ou=services,dc=example,dc=org'),
  SSPR_LDAP_BIND_PASSWORD: z.string().min(1).default('dev-sspr-secret'),
  // Unset: the kind's default (openLdapDefaults, adDefaults).
  SSPR_LDAP_USER_BASE: optionalText,
  SSPR_LDAP_USER_FILTER: optionalText.pipe(
    z
      .string()
      .regex(/^\(.*\)$/, 'must be an LDAP filter in parentheses')
      .optional(),
  ),
  SSPR_LDAP_USERNAME_ATTRIBUTE: optionalText.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z][\w-]*(,[A-Za-z][\w-]*)*$/,
        'must be an attribute name, or several separated by commas (the first is the username)',
      )
      .optional(),
  ),
  SSPR_LDAP_MAIL_ATTRIBUTE: z.string().min(1).default('mail'),
  SSPR_LDAP_PASSWORD_POLICY_DN: optionalText,
  SSPR_LDAP_CA_FILE: optionalText,
  SSPR_LDAP_TLS_INSECURE: bool.default(false),
  SSPR_LDAP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),

  SSPR_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SSPR_SMTP_PORT: port.default(1025),
  SSPR_SMTP_TLS: z.enum(['none', 'starttls', 'tls']).default('none'),
  SSPR_SMTP_USER: optionalText,
  SSPR_SMTP_PASSWORD: optionalText,
  SSPR_MAIL_FROM: z.email({ error: 'must be an e-mail address' }).default('no-reply@example.org'),
  SSPR_ADMIN_USER: optionalText.pipe(
    z
      .string()
      .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, 'must be a plain user name')
      .optional(),
  ),
  SSPR_ADMIN_PASSWORD_HASH: optionalText.pipe(
    z
      .string()
      .regex(/^\$argon2id\$/, 'must be an argon2id hash (npm run hash-password makes one)')
      .optional(),
  ),
  SSPR_ADMIN_GROUP_DN: optionalText.pipe(
    z
      .string()
      .regex(
        /^[^=,]+=[^,]+(,[^=,]+=[^,]+)*$/,
        'must be a group DN such as cn=sspr-admins,ou=groups,dc=example,dc=org',
      )
      .optional(),
  ),
  SSPR_TEMPORAL_UI_URL: optionalText.pipe(url(['http', 'https']).optional()),
  SSPR_PRODUCT_NAME: optionalText.pipe(z.string().max(80).optional()),
  SSPR_BRAND_COLOR: optionalText.pipe(
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour as #rrggbb')
      .superRefine((color, ctx) => {
        const ratio = contrastRatio(color, '#ffffff');
        if (ratio < 4.5) {
          ctx.addIssue({
            code: 'custom',
            message: `must contrast at least 4.5:1 with white (WCAG AA); ${color} gives ${ratio.toFixed(1)}:1, so choose a darker colour`,
          });
        }
      })
      .optional(),
  ),
  SSPR_BRAND_LOGO_FILE: optionalText.pipe(
    z
      .string()
      .refine((file) => extname(file).toLowerCase() in logoTypes, {
        message: 'must be a PNG, SVG, JPEG or WebP file',
        abort: true,
      })
      .refine((file) => existsSync(file), 'no such file')
      .optional(),
  ),

  SSPR_TRUSTED_PROXIES: optionalText.transform(parseProxies),
  SSPR_RATE_LIMIT_PER_CLIENT: perWindow(10_000).default(30),
  // At most 100 a hour: ASVS 2.2.1's ceiling of failed attempts per account.
  SSPR_RATE_LIMIT_PER_USERNAME: perWindow(100).default(10),
  SSPR_RATE_LIMIT_PER_SESSION: perWindow(1000).default(20),
} as const;

const schema = z.object(settings).superRefine((raw, ctx) => {
  const plain = raw.SSPR_LDAP_URL.startsWith('ldap://');
  if (raw.SSPR_LDAP_STARTTLS && !plain) {
    ctx.addIssue({
      code: 'custom',
      path: ['SSPR_LDAP_STARTTLS'],
      message: 'only with an ldap:// URL (ldaps:// is TLS from the start)',
    });
  }
  // Auto-detected AD is held to the same when it connects (createAdDirectory).
  if (raw.SSPR_DIRECTORY_KIND === 'ad' && plain && !raw.SSPR_LDAP_STARTTLS) {
    ctx.addIssue({
      code: 'custom',
      path: ['SSPR_LDAP_URL'],
      message: 'Active Directory needs TLS: use ldaps:// or set SSPR_LDAP_STARTTLS=true',
    });
  }
});
type Raw = z.infer<typeof schema>;

export interface Config {
  dataDir: string;
  publicUrl: string;
  secureCookies: boolean;
  web: { host: string; port: number };
  database: DatabaseLocation;
  logLevel: Raw['SSPR_LOG_LEVEL'];
  linkKey?: string;
  /** The worker's own key (temporary keys); undefined: generated into <data dir>/worker.key. */
  workerKey?: string;
  /** Payload codec keys, base64; the first encrypts. Undefined: generated into secrets.json. */
  codecKeys?: Array<{ id: string; key: string }>;
  /** Keys sealing secrets kept in the database (SMTP passwords), base64; the first seals.
   *  Undefined: generated into secrets.json. */
  secretsKeys?: Array<{ id: string; key: string }>;
  /** The codec endpoint for operators' Temporal Web UI and CLI; undefined: it is off. */
  codecEndpoint?: { allowedOrigins: string[]; token?: string };
  temporal: {
    address: string;
    /** True when no TEMPORAL_ADDRESS was given: the demo starts its own dev server. */
    local: boolean;
    namespace: string;
    apiKey?: string;
    tls: boolean;
    taskQueue: string;
  };
  ldap: {
    /** Which implementation; `auto` asks the server's root DSE. */
    kind: 'openldap' | 'ad' | 'auto';
    url: string;
    /** StartTLS on an ldap:// URL before anything else is sent. */
    startTls?: boolean;
    bindDn: string;
    bindPassword: string;
    /** Unset: the kind's default (the demo's OU for OpenLDAP, the domain for AD). */
    userBase?: string;
    userFilter?: string;
    /** Attributes a typed username may match; the first one's value is the username. */
    usernameAttributes?: string[];
    mailAttribute: string;
    /** OpenLDAP: the ppolicy entry that applies when a user names none. */
    passwordPolicyDn?: string;
    caFile?: string;
    /** Accept any server certificate: for a test bench only; logged loudly at start-up. */
    tlsInsecure?: boolean;
    timeoutMs: number;
  };
  smtp: {
    host: string;
    port: number;
    tls: Raw['SSPR_SMTP_TLS'];
    user?: string;
    password?: string;
  };
  mailFrom: string;
  /** Absent: the default name in each reader's language (common/product-name.ts). */
  productName?: string;
  brand: { color?: string; logoFile?: string };
  /** The break-glass admin for first set-up, when both settings are given. */
  breakGlassAdmin?: { user: string; passwordHash: string };
  /** Directory users in this group may sign in to the admin console; unset: none may. */
  adminGroupDn?: string;
  /** The operators' Temporal Web UI, for links from the admin console; unset: no links. */
  temporalUiUrl?: string;
  /** Reverse proxies whose X-Forwarded-For is believed (IPs, CIDRs); empty: none. */
  trustedProxies: string[];
  /** Form submissions allowed per client, per username at the start, per recovery session. */
  rateLimits: Record<
    'perClient' | 'perUsername' | 'perSession',
    { points: number; durationSeconds: number }
  >;
}

/**
 * Where the service keeps its data: a SQLite file (web and worker on one machine), or a
 * PostgreSQL database that several web and worker instances share.
 */
export type DatabaseLocation =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

function databaseLocation(url: string | undefined, dataDir: string): DatabaseLocation {
  if (url === undefined) return { dialect: 'sqlite', file: resolve(dataDir, 'sspr.sqlite') };
  if (url.startsWith('sqlite:')) {
    return { dialect: 'sqlite', file: resolve(url.slice('sqlite:'.length)) };
  }
  return { dialect: 'postgres', url };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`SSPR_CONFIG_FILE: cannot read ${path}`]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // reported below
  }
  throw new ConfigError([`SSPR_CONFIG_FILE: ${path} must hold one JSON object of settings`]);
}

/** Reads and validates the configuration; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const file = env.SSPR_CONFIG_FILE ? readConfigFile(env.SSPR_CONFIG_FILE) : {};
  const known = new Set(Object.keys(settings));
  const unknown = Object.keys(file).filter((k) => !known.has(k));
  const merged: Record<string, unknown> = { ...file };
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') merged[key] = value;
  }
  const result = schema.safeParse(merged);
  const problems = unknown.map((k) => `${k}: not a known setting (in SSPR_CONFIG_FILE)`);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${issue.path.join('.')}: ${issue.message}`);
    }
  }
  if (result.success && !result.data.SSPR_ADMIN_USER !== !result.data.SSPR_ADMIN_PASSWORD_HASH) {
    problems.push('SSPR_ADMIN_USER: set it together with SSPR_ADMIN_PASSWORD_HASH, or neither');
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const raw = result.data;
  const dataDir = resolve(raw.SSPR_DATA_DIR);
  return {
    dataDir,
    publicUrl: raw.SSPR_PUBLIC_URL,
    secureCookies: raw.SSPR_PUBLIC_URL.startsWith('https://'),
    web: { host: raw.SSPR_WEB_HOST, port: raw.SSPR_WEB_PORT },
    database: databaseLocation(raw.SSPR_DATABASE_URL, dataDir),
    logLevel: raw.SSPR_LOG_LEVEL,
    linkKey: raw.SSPR_LINK_KEY,
    workerKey: raw.SSPR_WORKER_KEY,
    codecKeys: raw.SSPR_CODEC_KEYS,
    secretsKeys: raw.SSPR_SECRETS_KEY,
    codecEndpoint:
      raw.SSPR_CODEC_ENDPOINT_ORIGINS || raw.SSPR_CODEC_TOKEN
        ? { allowedOrigins: raw.SSPR_CODEC_ENDPOINT_ORIGINS ?? [], token: raw.SSPR_CODEC_TOKEN }
        : undefined,
    temporal: {
      address: raw.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      local: raw.TEMPORAL_ADDRESS === undefined,
      namespace: raw.TEMPORAL_NAMESPACE,
      apiKey: raw.TEMPORAL_API_KEY,
      tls: raw.TEMPORAL_TLS || raw.TEMPORAL_API_KEY !== undefined,
      taskQueue: raw.SSPR_TASK_QUEUE,
    },
    ldap: {
      kind: raw.SSPR_DIRECTORY_KIND,
      url: raw.SSPR_LDAP_URL,
      startTls: raw.SSPR_LDAP_STARTTLS,
      bindDn: raw.SSPR_LDAP_BIND_DN,
      bindPassword: raw.SSPR_LDAP_BIND_PASSWORD,
      userBase: raw.SSPR_LDAP_USER_BASE,
      userFilter: raw.SSPR_LDAP_USER_FILTER,
      usernameAttributes: raw.SSPR_LDAP_USERNAME_ATTRIBUTE?.split(','),
      mailAttribute: raw.SSPR_LDAP_MAIL_ATTRIBUTE,
      passwordPolicyDn: raw.SSPR_LDAP_PASSWORD_POLICY_DN,
      caFile: raw.SSPR_LDAP_CA_FILE,
      tlsInsecure: raw.SSPR_LDAP_TLS_INSECURE,
      timeoutMs: raw.SSPR_LDAP_TIMEOUT_MS,
    },
    smtp: {
      host: raw.SSPR_SMTP_HOST,
      port: raw.SSPR_SMTP_PORT,
      tls: raw.SSPR_SMTP_TLS,
      user: raw.SSPR_SMTP_USER,
      password: raw.SSPR_SMTP_PASSWORD,
    },
    mailFrom: raw.SSPR_MAIL_FROM,
    ...(raw.SSPR_PRODUCT_NAME ? { productName: raw.SSPR_PRODUCT_NAME } : {}),
    ...(raw.SSPR_ADMIN_USER && raw.SSPR_ADMIN_PASSWORD_HASH
      ? {
          breakGlassAdmin: {
            user: raw.SSPR_ADMIN_USER,
            passwordHash: raw.SSPR_ADMIN_PASSWORD_HASH,
          },
        }
      : {}),
    brand: {
      ...(raw.SSPR_BRAND_COLOR ? { color: raw.SSPR_BRAND_COLOR } : {}),
      ...(raw.SSPR_BRAND_LOGO_FILE ? { logoFile: resolve(raw.SSPR_BRAND_LOGO_FILE) } : {}),
    },
    ...(raw.SSPR_ADMIN_GROUP_DN ? { adminGroupDn: raw.SSPR_ADMIN_GROUP_DN } : {}),
    ...(raw.SSPR_TEMPORAL_UI_URL
      ? { temporalUiUrl: raw.SSPR_TEMPORAL_UI_URL.replace(/\/+$/, '') }
      : {}),
    trustedProxies: raw.SSPR_TRUSTED_PROXIES,
    rateLimits: {
      perClient: { points: raw.SSPR_RATE_LIMIT_PER_CLIENT, durationSeconds: 60 },
      perUsername: { points: raw.SSPR_RATE_LIMIT_PER_USERNAME, durationSeconds: 3600 },
      perSession: { points: raw.SSPR_RATE_LIMIT_PER_SESSION, durationSeconds: 600 },
    },
  };
}
