import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { logoTypes } from '../brand';
import { contrastRatio } from '../contrast';
import { parseSecretKeys } from '../secret-box';
import { type Documented, derived, setting } from './definition';
import {
  base64Key,
  bool,
  limit,
  listenAddress,
  parseCodecKeys,
  parseOrigins,
  parseProxies,
  port,
  url,
  wholeNumber,
  withoutTrailingSlash,
} from './schemas';

/**
 * Every setting of the service, each once: its variable, what it accepts, its default and what
 * it means, placed where the configuration holds it (the Config type is read off this tree).
 * Defaults run the demo that `npm start` brings up on this machine.
 */

/** Where the configuration file is named: the environment only, so not a setting of its own. */
export const configFile: Documented = {
  env: 'SSPR_CONFIG_FILE',
  section: 'service',
  meaning: 'JSON file with any of these settings',
};

/** The Temporal frontend when none is configured: the dev server the demo starts. */
const localTemporal = '127.0.0.1:7233';

/** The SQLite file in the data folder when no database is configured. */
const sqliteFile = 'sspr.sqlite';

const generatedSecret = 'generated into `<data dir>/secrets.json`';

export const configuration = derived(
  {
    dataDir: setting({
      env: 'SSPR_DATA_DIR',
      section: 'service',
      schema: z.string().transform((dir) => resolve(dir)),
      default: 'data',
      meaning: 'where the demo keeps its state, and generated secrets',
    }),
    publicUrl: setting({
      env: 'SSPR_PUBLIC_URL',
      section: 'service',
      schema: url(['http', 'https']).transform(withoutTrailingSlash),
      default: 'http://127.0.0.1:3000',
      meaning:
        "the address users reach; links in e-mails are built from it, never from the request's Host header; `https://` makes cookies Secure and turns on HSTS",
    }),
    web: {
      host: setting({
        env: 'SSPR_WEB_HOST',
        section: 'service',
        schema: z.string(),
        default: '127.0.0.1',
        meaning: 'address the web process listens on',
      }),
      port: setting({
        env: 'SSPR_WEB_PORT',
        section: 'service',
        schema: port,
        default: '3000',
        meaning: 'port the web process listens on',
      }),
    },
    databaseUrl: setting({
      env: 'SSPR_DATABASE_URL',
      section: 'service',
      schema: z
        .string()
        .refine(
          (v) => /^sqlite:.+/.test(v) || (/^postgres(ql)?:\/\//.test(v) && URL.canParse(v)),
          'must be sqlite:<file path>, or postgres://user:password@host:port/database for PostgreSQL',
        )
        .optional(),
      unset: `\`sqlite:<data dir>/${sqliteFile}\``,
      meaning:
        '`sqlite:<file>`, or `postgres://user:password@host:port/database` for several web and worker instances',
    }),
    logLevel: setting({
      env: 'SSPR_LOG_LEVEL',
      section: 'service',
      schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']),
      default: 'info',
      meaning: '`fatal`, `error`, `warn`, `info`, `debug` or `trace`',
    }),

    linkKey: setting({
      env: 'SSPR_LINK_KEY',
      section: 'secrets',
      schema: base64Key.optional(),
      unset: generatedSecret,
      meaning:
        'HMAC key for link tokens, sessions and CSRF (≥ 32 random bytes, base64); set it when web and worker run on different machines',
    }),
    codecKeys: setting({
      env: 'SSPR_CODEC_KEYS',
      section: 'secrets',
      schema: z.string().transform(parseCodecKeys).optional(),
      unset: generatedSecret,
      meaning:
        'payload encryption keys, `id:base64key,…` (32 bytes each); the first encrypts, all decode: rotate by putting a new key first',
    }),
    workerKey: setting({
      env: 'SSPR_WORKER_KEY',
      section: 'secrets',
      schema: base64Key.optional(),
      unset: 'generated into `<data dir>/worker.key` by the worker',
      meaning:
        "the worker's own key (≥ 32 random bytes, base64): temporary keys are derived from it, and web processes never load it, so a compromised web process cannot work one out from history; give every worker the same one",
    }),
    secretsKeys: setting({
      env: 'SSPR_SECRETS_KEY',
      section: 'secrets',
      schema: z
        .string()
        .transform((value, ctx) => {
          const parsed = parseSecretKeys(value);
          if ('keys' in parsed) return parsed.keys;
          ctx.addIssue({ code: 'custom', message: parsed.problem });
          return z.NEVER;
        })
        .optional(),
      unset: `${generatedSecret}; derived from \`SSPR_LINK_KEY\` when that and \`SSPR_CODEC_KEYS\` are set`,
      meaning:
        'encrypts SMTP passwords in the database (AES-256-GCM): one 32-byte base64 key, or `id:base64key,…` to rotate (the first encrypts, all decrypt)',
    }),

    /** The codec endpoint for operators' Temporal Web UI and CLI; undefined: it is off. */
    codecEndpoint: derived(
      {
        allowedOrigins: setting({
          env: 'SSPR_CODEC_ENDPOINT_ORIGINS',
          section: 'codec',
          schema: z.string().transform(parseOrigins).optional(),
          unset: "none: no codec endpoint (`npm start`: the UI's)",
          meaning:
            "browser origins (the Temporal Web UI's) allowed to call the codec endpoint `<public URL>/codec`; setting it turns the endpoint on",
        }),
        token: setting({
          env: 'SSPR_CODEC_TOKEN',
          section: 'codec',
          schema: z
            .string()
            .regex(
              /^[\x21-\x7e]{32,}$/,
              'must be at least 32 characters without spaces (a long random string)',
            )
            .optional(),
          unset: 'none: codec endpoint answers this machine only',
          meaning:
            'bearer token every codec endpoint call must carry (≥ 32 characters); needed when operators reach it from another machine',
        }),
      },
      ({ allowedOrigins, token }) =>
        allowedOrigins || token ? { allowedOrigins: allowedOrigins ?? [], token } : undefined,
    ),

    temporal: derived(
      {
        address: setting({
          env: 'TEMPORAL_ADDRESS',
          section: 'temporal',
          schema: z
            .string()
            .regex(/^[^\s:]+:\d+$/, 'must be host:port')
            .optional(),
          unset: `none: the demo starts a dev server on \`${localTemporal}\``,
          meaning: '`host:port` of a Temporal frontend',
        }),
        namespace: setting({
          env: 'TEMPORAL_NAMESPACE',
          section: 'temporal',
          schema: z.string(),
          default: 'default',
          meaning: 'Temporal namespace',
        }),
        apiKey: setting({
          env: 'TEMPORAL_API_KEY',
          section: 'temporal',
          schema: z.string().optional(),
          meaning: 'API key (Temporal Cloud); implies TLS',
        }),
        tls: setting({
          env: 'TEMPORAL_TLS',
          section: 'temporal',
          schema: bool,
          default: 'false',
          meaning: 'connect to Temporal over TLS',
        }),
        taskQueue: setting({
          env: 'SSPR_TASK_QUEUE',
          section: 'temporal',
          schema: z.string(),
          default: 'recovery',
          meaning: 'task queue of the recovery workflows',
        }),
      },
      (temporal) => ({
        ...temporal,
        address: temporal.address ?? localTemporal,
        /** True when no address was given: the demo starts its own dev server. */
        local: temporal.address === undefined,
        tls: temporal.tls || temporal.apiKey !== undefined,
      }),
    ),

    // Unset, the kind-specific ones take the kind's default (openLdapDefaults, adDefaults),
    // which the documentation shows from there.
    ldap: derived(
      {
        kind: setting({
          env: 'SSPR_DIRECTORY_KIND',
          section: 'directory',
          schema: z.enum(['openldap', 'ad', 'auto']),
          default: 'auto',
          meaning:
            "`openldap`, `ad` (Active Directory, Samba AD) or `auto`: the server's root DSE tells, at the first call",
        }),
        url: setting({
          env: 'SSPR_LDAP_URL',
          section: 'directory',
          schema: url(['ldap', 'ldaps']),
          default: 'ldap://127.0.0.1:3389',
          meaning:
            'directory URL (`ldap://` or `ldaps://`); Active Directory needs `ldaps://` or StartTLS',
        }),
        startTls: setting({
          env: 'SSPR_LDAP_STARTTLS',
          section: 'directory',
          schema: bool,
          default: 'false',
          meaning: 'StartTLS on an `ldap://` URL before anything is sent',
        }),
        bindDn: setting({
          env: 'SSPR_LDAP_BIND_DN',
          section: 'directory',
          schema: z.string(),
          default: 'cn=sspr,ou=services,dc=example,dc=org',
          meaning: 'the service account',
        }),
        bindPassword: setting({
          env: 'SSPR_LDAP_BIND_PASSWORD',
          section: 'directory',
          schema: z.string(),
          default: 'dev-sspr-secret',
          unset: "the demo's",
          meaning: 'its password',
        }),
        userBase: setting({
          env: 'SSPR_LDAP_USER_BASE',
          section: 'directory',
          schema: z.string().optional(),
          unset: 'AD: the domain',
          meaning: 'where users are searched (subtree)',
        }),
        userFilter: setting({
          env: 'SSPR_LDAP_USER_FILTER',
          section: 'directory',
          schema: z
            .string()
            .regex(/^\(.*\)$/, 'must be an LDAP filter in parentheses')
            .optional(),
          meaning: 'which entries are users',
        }),
        usernameAttributes: setting({
          env: 'SSPR_LDAP_USERNAME_ATTRIBUTE',
          section: 'directory',
          schema: z
            .string()
            .regex(
              /^[A-Za-z][\w-]*(,[A-Za-z][\w-]*)*$/,
              'must be an attribute name, or several separated by commas (the first is the username)',
            )
            .transform((names) => names.split(','))
            .optional(),
          meaning:
            "the attributes a typed username may match, comma-separated; the first one's value is the username",
        }),
        mailAttribute: setting({
          env: 'SSPR_LDAP_MAIL_ATTRIBUTE',
          section: 'directory',
          schema: z.string(),
          default: 'mail',
          meaning: 'the main e-mail address',
        }),
        passwordPolicyDn: setting({
          env: 'SSPR_LDAP_PASSWORD_POLICY_DN',
          section: 'directory',
          schema: z.string().optional(),
          meaning:
            'OpenLDAP: the ppolicy entry for users without their own `pwdPolicySubentry`; its rules are shown before a user chooses a password',
        }),
        caFile: setting({
          env: 'SSPR_LDAP_CA_FILE',
          section: 'directory',
          schema: z.string().optional(),
          unset: "none: the system's CAs",
          meaning:
            "PEM file of the CA that signed the directory's certificate (LDAPS and StartTLS)",
        }),
        tlsInsecure: setting({
          env: 'SSPR_LDAP_TLS_INSECURE',
          section: 'directory',
          schema: bool,
          default: 'false',
          meaning:
            '`true` accepts any directory certificate: for a test bench only, and the worker says so loudly at start-up; use `SSPR_LDAP_CA_FILE`',
        }),
        timeoutMs: setting({
          env: 'SSPR_LDAP_TIMEOUT_MS',
          section: 'directory',
          schema: wholeNumber(100, 120_000),
          default: '5000',
          meaning: 'connect and operation timeout, in milliseconds',
        }),
      },
      (ldap, problem) => {
        const plain = ldap.url.startsWith('ldap://');
        if (ldap.startTls && !plain) {
          problem('startTls', 'only with an ldap:// URL (ldaps:// is TLS from the start)');
        }
        // Auto-detected AD is held to the same when it connects (createAdDirectory).
        if (ldap.kind === 'ad' && plain && !ldap.startTls) {
          problem('url', 'Active Directory needs TLS: use ldaps:// or set SSPR_LDAP_STARTTLS=true');
        }
        return ldap;
      },
    ),

    smtp: {
      host: setting({
        env: 'SSPR_SMTP_HOST',
        section: 'smtp',
        schema: z.string(),
        default: '127.0.0.1',
        unset: "the demo's mail catcher",
        meaning: 'SMTP server',
      }),
      port: setting({
        env: 'SSPR_SMTP_PORT',
        section: 'smtp',
        schema: port,
        default: '1025',
        meaning: 'SMTP port',
      }),
      tls: setting({
        env: 'SSPR_SMTP_TLS',
        section: 'smtp',
        schema: z.enum(['none', 'starttls', 'tls']),
        default: 'none',
        meaning: '`none`, `starttls` (required) or `tls` (implicit, port 465)',
      }),
      user: setting({
        env: 'SSPR_SMTP_USER',
        section: 'smtp',
        schema: z.string().optional(),
        meaning: 'SMTP user, when the server wants authentication',
      }),
      password: setting({
        env: 'SSPR_SMTP_PASSWORD',
        section: 'smtp',
        schema: z.string().optional(),
        meaning: 'SMTP password',
      }),
    },
    mailFrom: setting({
      env: 'SSPR_MAIL_FROM',
      section: 'smtp',
      schema: z.email({ error: 'must be an e-mail address' }),
      default: 'no-reply@example.org',
      meaning: 'sender address of every e-mail',
    }),

    /** Unset: the text catalogs' name in each reader's language (i18n/<language>/shared.ts). */
    productName: setting({
      env: 'SSPR_PRODUCT_NAME',
      section: 'branding',
      schema: z.string().max(80).optional(),
      unset: "the text catalogs' name, in the reader's language",
      meaning: 'the name shown on pages and in e-mails',
    }),
    brand: {
      color: setting({
        env: 'SSPR_BRAND_COLOR',
        section: 'branding',
        schema: z
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
        unset: 'the blue of the stylesheet',
        meaning:
          '`#rrggbb` for buttons and links; refused unless it contrasts at least 4.5:1 with white (WCAG AA)',
      }),
      logoFile: setting({
        env: 'SSPR_BRAND_LOGO_FILE',
        section: 'branding',
        schema: z
          .string()
          .refine((file) => extname(file).toLowerCase() in logoTypes, {
            message: 'must be a PNG, SVG, JPEG or WebP file',
            abort: true,
          })
          .refine((file) => existsSync(file), 'no such file')
          .transform((file) => resolve(file))
          .optional(),
        meaning: 'a PNG, SVG, JPEG or WebP logo shown beside the product name',
      }),
    },

    /** The break-glass admin for first set-up, when both settings are given. */
    breakGlassAdmin: derived(
      {
        user: setting({
          env: 'SSPR_ADMIN_USER',
          section: 'admin',
          schema: z
            .string()
            .regex(/^[\p{L}\p{N}._@-]{1,64}$/u, 'must be a plain user name')
            .optional(),
          meaning:
            "the break-glass admin's name, for first set-up (with `SSPR_ADMIN_PASSWORD_HASH`)",
        }),
        passwordHash: setting({
          env: 'SSPR_ADMIN_PASSWORD_HASH',
          section: 'admin',
          schema: z
            .string()
            .regex(/^\$argon2id\$/, 'must be an argon2id hash (npm run hash-password makes one)')
            .optional(),
          meaning:
            "its password as an argon2id hash: `printf '%s' 'the password' | npm run --silent hash-password`",
        }),
      },
      ({ user, passwordHash }, problem) => {
        if (user && passwordHash) return { user, passwordHash };
        if (user || passwordHash) {
          problem('user', 'set it together with SSPR_ADMIN_PASSWORD_HASH, or neither');
        }
        return undefined;
      },
    ),
    /** Directory users in this group may sign in to the admin console; unset: none may. */
    adminGroupDn: setting({
      env: 'SSPR_ADMIN_GROUP_DN',
      section: 'admin',
      schema: z
        .string()
        .regex(
          /^[^=,]+=[^,]+(,[^=,]+=[^,]+)*$/,
          'must be a group DN such as cn=sspr-admins,ou=groups,dc=example,dc=org',
        )
        .optional(),
      unset:
        "none: only the break-glass admin signs in (`npm start`: its directory's `sspr-admins`)",
      meaning:
        'directory users who are members of this group (OpenLDAP `groupOfNames`/`groupOfUniqueNames`, AD groups, nested groups on AD) sign in to the admin console with their directory password',
    }),
    /** The console on an address of its own, so it need not be public; unset: under /admin. */
    adminListener: derived(
      {
        listen: setting({
          env: 'SSPR_ADMIN_LISTEN',
          section: 'admin',
          schema: listenAddress.optional(),
          unset: 'none: the console is at `<public URL>/admin`',
          meaning:
            '`host:port` (`[::1]:3001` for IPv6) where the web process serves the admin console and nothing else; the public address then answers 404 under `/admin`, so the console need not be reachable from where users are',
        }),
        url: setting({
          env: 'SSPR_ADMIN_URL',
          section: 'admin',
          schema: url(['http', 'https']).transform(withoutTrailingSlash).optional(),
          unset: '`http://<SSPR_ADMIN_LISTEN>`',
          meaning:
            "with `SSPR_ADMIN_LISTEN`, the console's address as admins' browsers reach it (a proxy's, say): its forms are taken from that origin only, and `https://` makes its cookies Secure",
        }),
      },
      ({ listen, url }, problem) => {
        if (!listen) {
          if (url) problem('url', 'set it together with SSPR_ADMIN_LISTEN, or neither');
          return undefined;
        }
        return { host: listen.host, port: listen.port, url: url ?? `http://${listen.authority}` };
      },
    ),
    /** The operators' Temporal Web UI, for links from the admin console; unset: no links. */
    temporalUiUrl: setting({
      env: 'SSPR_TEMPORAL_UI_URL',
      section: 'admin',
      schema: url(['http', 'https']).transform(withoutTrailingSlash).optional(),
      unset: "none (`npm start`: its Temporal server's UI)",
      meaning: "the operators' Temporal Web UI; the admin console links each recovery there",
    }),

    /** Reverse proxies whose X-Forwarded-For is believed (IPs, CIDRs); empty: none. */
    trustedProxies: setting({
      env: 'SSPR_TRUSTED_PROXIES',
      section: 'limits',
      schema: z.string().transform(parseProxies).default([]),
      unset: "none: the socket's peer is the client",
      meaning:
        'reverse proxies (IPs, CIDRs, comma-separated) whose `X-Forwarded-For` is believed: the client is its right-most address not in this list',
    }),
    /** Form submissions allowed, each so many per window (web/rate-limit.ts counts them). */
    rateLimits: {
      perClient: setting({
        env: 'SSPR_RATE_LIMIT_PER_CLIENT',
        section: 'limits',
        schema: limit(10_000, 60),
        default: '30',
        meaning:
          'form submissions per minute from one client address (an IPv6 client: its /64); raise it when many users share one NAT address',
      }),
      // At most 100 an hour: ASVS 2.2.1's ceiling of failed attempts per account.
      perUsername: setting({
        env: 'SSPR_RATE_LIMIT_PER_USERNAME',
        section: 'limits',
        schema: limit(100, 3600),
        default: '10',
        meaning:
          'recovery requests per hour for one username, whether or not the account exists (1 to 100); past it the page is the same and a running recovery is not asked again',
      }),
      perSession: setting({
        env: 'SSPR_RATE_LIMIT_PER_SESSION',
        section: 'limits',
        schema: limit(1000, 600),
        default: '20',
        meaning:
          'form submissions per 10 minutes in one recovery session; over a limit the page says when to try again (429)',
      }),
      // Below CIS's lockout threshold of at most 5: a directory admin's wrong passwords reach
      // the directory, so this budget must not be enough to lock their account.
      perAdminName: setting({
        env: 'SSPR_RATE_LIMIT_PER_ADMIN_NAME',
        section: 'limits',
        schema: limit(4, 900),
        default: '3',
        meaning:
          "admin sign-ins per 15 minutes for one name typed, whether or not such an admin exists (1 to 4): a directory admin's wrong passwords count toward the directory's lockout, so keep it below its threshold",
      }),
    },
  },
  ({ databaseUrl, ...config }) => ({
    ...config,
    /** Only over https:// do browsers keep Secure cookies. */
    secureCookies: config.publicUrl.startsWith('https://'),
    database: databaseLocation(databaseUrl, config.dataDir),
  }),
);

/**
 * Where the service keeps its data: a SQLite file (web and worker on one machine), or a
 * PostgreSQL database that several web and worker instances share.
 */
export type DatabaseLocation =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

function databaseLocation(url: string | undefined, dataDir: string): DatabaseLocation {
  if (url === undefined) return { dialect: 'sqlite', file: resolve(dataDir, sqliteFile) };
  if (url.startsWith('sqlite:')) {
    return { dialect: 'sqlite', file: resolve(url.slice('sqlite:'.length)) };
  }
  return { dialect: 'postgres', url };
}
