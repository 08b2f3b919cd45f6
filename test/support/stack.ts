import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { type Activities, type ActivityDeps, createActivities } from '../../activities';
import { argon2Options } from '../../common/argon2';
import type { Config, DatabaseLocation } from '../../common/config';
import { dataConverterFor } from '../../common/data-converter';
import { createLogger } from '../../common/logger';
import { AesGcmPayloadCodec, type CodecKey } from '../../common/payload-codec';
import { SecretBox } from '../../common/secret-box';
import { closeLimitStore, migrateToLatest, openDatabase, openLimitStore } from '../../db/database';
import { mailClient } from '../../dev/mail-client';
import { createDirectory } from '../../directory/create-directory';
import { createConfiguredMailer } from '../../mail/smtp-configs';
import { createApp, type WebDeps } from '../../web/app';
import type { CodecEndpointOptions } from '../../web/codec-endpoint';
import type { RateLimitSettings } from '../../web/rate-limit';
import { createRecoveryClient } from '../../web/recoveries';
import { createRecoveryWorker } from '../../worker/create-worker';
import type { Servers } from './servers';
import { configFor, type TestDirectory } from './test-directory';

/**
 * How long tests wait for Temporal and for mail: far beyond what a recovery needs, so that a
 * busy machine makes tests slower, never red.
 */
export const patienceMs = 60_000;

/** The public URL links are built from: deliberately not the host the tests talk to. */
export const publicUrl = 'https://sspr.example.test';

/** SSPR_MAIL_FROM of every stack: the sender while the policy names none. */
export const mailFrom = 'no-reply@example.org';

/** Every stack's break-glass admin (SSPR_ADMIN_USER); directory admins are in `directory.adminGroupDn`. */
export const breakGlassAdmin = { user: 'root-admin', password: 'A-long-break-glass-2026' };

export interface StackOptions {
  codecEndpoint?: Pick<CodecEndpointOptions, 'allowedOrigins' | 'token'>;
  servers?: Servers;
  codecKeys?: CodecKey[];
  worker?: false;
  /** Wraps the real activities, to hold one at a chosen moment (races). */
  activities?: (real: Activities) => Activities;
  /** Adjusts the directory settings (e.g. more username attributes). */
  ldap?: (base: Config['ldap']) => Config['ldap'];
  /** The address links in e-mails point to (default `publicUrl`): the browser tests' server. */
  publicUrl?: string;
  /** Limits of this file's app: every in-process request is one client, and files sign the
   *  same admin in many times, so by default only the per-client and per-admin-name limits are
   *  raised (the suites' journeys keep the production ones). */
  rateLimits?: Partial<RateLimitSettings>;
  /** An empty PostgreSQL database (dev/postgres.ts createDatabase) instead of a SQLite file. */
  databaseUrl?: string;
  /** The operators' Temporal Web UI the console links recoveries to (SSPR_TEMPORAL_UI_URL). */
  temporalUiUrl?: string;
  /** How often a directory admin's session re-reads the group (production: 5 minutes). */
  adminMembershipRecheckMs?: number;
}

/**
 * The whole service for one test file, on the real servers of the global setup: its own
 * database (a SQLite file; PostgreSQL with `databaseUrl`), task queue and worker, the web app
 * served in-process, a mail reader.
 * Options: other servers (a test's own directory or SMTP; a script outside Vitest), fixed codec
 * keys (recorded histories), and `worker: false` for tests that run workers as processes.
 */
export function startStack(options: StackOptions = {}) {
  return startStackOn((options.servers ?? inject('servers')).directory, options);
}

/** The same stack over another directory the tests started, such as their Samba AD. */
export async function startStackOn<D extends TestDirectory>(
  directory: D,
  options: StackOptions = {},
) {
  const servers = options.servers ?? inject('servers');
  const url = options.publicUrl ?? publicUrl;
  // Each test file runs in its own process: install the quieter runtime before any worker.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const taskQueue = `test-${randomUUID()}`;
  const dataDir = await mkdtemp(join(servers.root, 'db-'));
  const database: DatabaseLocation = options.databaseUrl
    ? { dialect: 'postgres', url: options.databaseUrl }
    : { dialect: 'sqlite', file: join(dataDir, 'sspr.sqlite') };
  const db = openDatabase(database);
  await migrateToLatest(db);
  const linkKey = randomBytes(32);
  // Seals the SMTP passwords of this stack's configurations (db/smtp-configs.ts).
  const secretsKeys: CodecKey[] = [{ id: 'test', key: randomBytes(32) }];
  const secretBox = new SecretBox(secretsKeys);
  // Every payload in history is encrypted, as in production; keys of this test file only.
  const codecKeys: CodecKey[] = options.codecKeys ?? [
    { id: `test-${randomUUID().slice(0, 8)}`, key: randomBytes(32) },
  ];
  const codec = new AesGcmPayloadCodec(codecKeys);
  const ldap: Config['ldap'] = (options.ldap ?? ((base) => base))(configFor(directory));

  const workerConnection =
    options.worker === false
      ? undefined
      : await NativeConnection.connect({ address: servers.temporalAddress });
  const worker: Worker | undefined =
    workerConnection &&
    (await (async () => {
      const deps = {
        db,
        directory: createDirectory(ldap, createLogger('worker', 'silent')),
        // The policy's sender chooses an SMTP configuration; none matches: the mail catcher.
        mailer: createConfiguredMailer({
          db,
          box: secretBox,
          fallback: { host: '127.0.0.1', port: servers.smtpPort, tls: 'none' },
          defaultFrom: mailFrom,
        }),
        serviceKey: linkKey,
        workerKey: randomBytes(32),
        secretBox,
        publicUrl: url,
        productName: 'Test recovery',
      } satisfies ActivityDeps;
      const real = createActivities(deps);
      return createRecoveryWorker({
        connection: workerConnection,
        namespace: servers.namespace,
        taskQueue,
        workflowBundle: { codePath: servers.workflowBundlePath },
        codecKeys,
        deps,
        activities: options.activities ? options.activities(real) : real,
      });
    })());
  const running = worker?.run();

  const connection = await Connection.connect({ address: servers.temporalAddress });
  const client = new Client({
    connection,
    namespace: servers.namespace,
    dataConverter: dataConverterFor(codecKeys),
  });
  const limitStore = openLimitStore(database);
  const webDeps: WebDeps = {
    client,
    db,
    linkKey,
    taskQueue,
    temporalDeadlineMs: patienceMs,
    publicUrl: url,
    productName: 'Test recovery',
    directory: createDirectory(ldap, createLogger('web', 'silent')),
    adminGroupDn: directory.adminGroupDn,
    breakGlassAdmin: {
      user: breakGlassAdmin.user,
      passwordHash: await hash(breakGlassAdmin.password, argon2Options),
    },
    secretBox,
    mailFrom,
    log: createLogger('web', 'silent'),
    rateLimits: {
      store: limitStore,
      limits: {
        perClient: { points: 100_000, durationSeconds: 60 },
        perAdminName: { points: 100_000, durationSeconds: 900 },
        ...options.rateLimits,
      },
    },
    ...(options.temporalUiUrl && { temporalUiUrl: options.temporalUiUrl }),
    ...(options.adminMembershipRecheckMs !== undefined && {
      adminMembershipRecheckMs: options.adminMembershipRecheckMs,
    }),
    ...(options.codecEndpoint && {
      codecEndpoint: { ...options.codecEndpoint, codec, namespace: servers.namespace },
    }),
  };
  const app = createApp(webDeps);

  return {
    app,
    /** What the app was made of: a test can make a second web process over the same database. */
    webDeps,
    db,
    client,
    /** The pages' calls to recoveries, for tests that drive steps without pages. */
    recoveries: createRecoveryClient(client, { taskQueue, deadlineMs: patienceMs, secretBox }),
    linkKey,
    codecKeys,
    /** The keys and box that seal this stack's SMTP passwords (SSPR_SECRETS_KEY). */
    secretsKeys,
    secretBox,
    taskQueue,
    /** Where this stack's links point (journey.ts finds them in e-mails by it). */
    publicUrl: url,
    /** The database and a folder of this stack's, for workers that run as processes of their own. */
    database,
    dataDir,
    ldap,
    /** Decodes this stack's payloads (history reads through it, as an operator's UI would). */
    codec,
    directory,
    mail: mailClient(servers.inboxUrl),
    async stop() {
      worker?.shutdown();
      await running;
      await workerConnection?.close();
      await connection.close();
      await db.destroy();
      await closeLimitStore(limitStore);
    },
  };
}

export type Stack<D extends TestDirectory = Servers['directory']> = Awaited<
  ReturnType<typeof startStackOn<D>>
>;

/** A username no other test uses, so tests share one directory without stepping on each other. */
export function uniqueUid(prefix: string): string {
  return `${prefix}.${randomUUID().slice(0, 8)}`;
}
