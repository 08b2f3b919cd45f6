import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { CodecKey } from '../common/payload-codec';
import { logTail, type ServerProcess, spawnServer, waitFor } from '../dev/child-process';
import { type MailCatcher, startMailCatcher } from '../dev/mail-catcher';
import { freePort } from '../dev/ports';
import { type Slapd, startSlapd } from '../dev/slapd';
import { startTemporalServer, type TemporalDevServer } from '../dev/temporal-server';
import { searchAttributeTypes } from '../workflows/search-attributes';
import { Mailbox } from './mailbox';
import { childProcesses } from './process-usage';

export interface BenchStackOptions {
  /** A temporary folder of the run's own: every server keeps its data and log there. */
  root: string;
  /** Where web and worker write CPU profiles (node --cpu-prof) when they stop; absent: none. */
  profileDir?: string;
  /** Temporal keeps its state in memory (as the tests' server), not in a SQLite file (as `npm start`'s). */
  temporalInMemory?: boolean;
}

/** The client addresses the benchmark's users come from (X-Forwarded-For, RFC 2544's range). */
export const trustedProxy = '127.0.0.1';

/**
 * The whole service on this machine, as `npm start` runs it but on free ports and in a temporary
 * folder: a Temporal dev server with its SQLite file, slapd with no users yet, the mail catcher
 * in this process (its messages go to `mailbox`), and the production web and worker entry
 * points as processes of their own, configured by environment variables only.
 */
export async function startBenchStack(options: BenchStackOptions) {
  const { root } = options;
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => {});
    stoppers.length = 0;
  };
  try {
    const mailbox = new Mailbox();
    const [temporal, slapd, mail] = await Promise.all([
      startTemporalServer({
        headless: true,
        ...(options.temporalInMemory ? {} : { dbFile: join(root, 'temporal', 'temporal.sqlite') }),
        searchAttributes: searchAttributeTypes,
        logFile: join(root, 'logs', 'temporal.log'),
      }).then(track),
      startSlapd({ dataDir: join(root, 'slapd'), seed: 'empty' }).then(track),
      startMailCatcher({ onMessage: (message) => mailbox.deliver(message) }).then(track),
    ]);
    const webPort = await freePort();
    const baseUrl = `http://127.0.0.1:${webPort}`;
    const database = join(root, 'data', 'sspr.sqlite');
    const codecKeys: CodecKey[] = [{ id: 'bench', key: randomBytes(32) }];
    const secretsKeys: CodecKey[] = [{ id: 'bench', key: randomBytes(32) }];
    const env = serviceEnv({
      ...{ root, baseUrl, webPort, database, temporal, slapd, mail },
      ...{ codecKeys, secretsKeys },
    });
    const worker = startNode('worker', 'worker/main.ts', env, options);
    const web = startNode('web', 'web/main.ts', env, options);
    await waitFor(async () => (await fetch(`${baseUrl}/healthz`)).ok, {
      timeoutMs: 120_000,
      what: 'the web process',
      child: web,
    });
    await waitFor(async () => (await logTail(worker.logFile, 200)).includes('worker ready'), {
      timeoutMs: 180_000,
      intervalMs: 250,
      what: 'the worker process',
      child: worker,
    });
    return {
      baseUrl,
      mailbox,
      slapd,
      temporal,
      taskQueue: env.SSPR_TASK_QUEUE as string,
      /** The service's database, shared by web and worker. */
      database,
      /** Temporal's SQLite file; none when it keeps its state in memory. */
      temporalDatabase: options.temporalInMemory
        ? undefined
        : join(root, 'temporal', 'temporal.sqlite'),
      /** The stack's processes by name, for their CPU and memory. */
      processes: (): Record<string, number> => ({ ...stackProcesses(), bench: process.pid }),
      /** The web and worker's settings, for another worker of this stack (the ceiling's). */
      env,
      /** The payload codec's and the secrets box's keys, for clients of this stack's recoveries. */
      codecKeys,
      secretsKeys,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }

  function track<T extends { stop(): Promise<void> }>(server: T): T {
    stoppers.push(server.stop);
    return server;
  }

  function startNode(
    name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    opts: BenchStackOptions,
  ): ServerProcess {
    const profile = opts.profileDir
      ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir, '--cpu-prof-name', `${name}.cpuprofile`]
      : [];
    const child = spawnServer(process.execPath, [...profile, '--import', 'tsx', entry], {
      logFile: join(root, 'logs', `${name}.log`),
      env,
    });
    stoppers.push(child.stop);
    return child;
  }
}

export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;

/** What worker/main.ts and web/main.ts read: every setting given, nothing from the caller's. */
function serviceEnv(s: {
  root: string;
  baseUrl: string;
  webPort: number;
  database: string;
  temporal: TemporalDevServer;
  slapd: Slapd;
  mail: MailCatcher;
  codecKeys: CodecKey[];
  secretsKeys: CodecKey[];
}): NodeJS.ProcessEnv {
  const keyList = (keys: CodecKey[]) =>
    keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SSPR|TEMPORAL)_/.test(name)),
  );
  return {
    ...inherited,
    TEMPORAL_ADDRESS: s.temporal.address,
    TEMPORAL_NAMESPACE: s.temporal.namespace,
    SSPR_TASK_QUEUE: 'bench',
    SSPR_DATA_DIR: join(s.root, 'data'),
    SSPR_DATABASE_URL: `sqlite:${s.database}`,
    SSPR_LINK_KEY: randomBytes(32).toString('base64'),
    SSPR_CODEC_KEYS: keyList(s.codecKeys),
    SSPR_SECRETS_KEY: keyList(s.secretsKeys),
    SSPR_PUBLIC_URL: s.baseUrl,
    SSPR_WEB_HOST: '127.0.0.1',
    SSPR_WEB_PORT: String(s.webPort),
    SSPR_DIRECTORY_KIND: 'openldap',
    SSPR_LDAP_URL: s.slapd.url,
    SSPR_LDAP_BIND_DN: s.slapd.serviceDn,
    SSPR_LDAP_BIND_PASSWORD: s.slapd.servicePassword,
    SSPR_LDAP_USER_BASE: s.slapd.usersDn,
    SSPR_SMTP_HOST: '127.0.0.1',
    SSPR_SMTP_PORT: String(s.mail.smtpPort),
    SSPR_SMTP_TLS: 'none',
    SSPR_MAIL_FROM: 'no-reply@example.org',
    // Each simulated user comes from an address of its own, through this "proxy", so the
    // per-client limits count them as the real ones would count real users.
    SSPR_TRUSTED_PROXIES: trustedProxy,
  };
}

/** Temporal, slapd, web and worker: the servers this process started, found in /proc. */
function stackProcesses(): Record<string, number> {
  return childProcesses((commandLine) => {
    if (/\btemporal\b.* server start-dev/.test(commandLine)) return 'temporal';
    if (/\bslapd\b/.test(commandLine)) return 'slapd';
    if (commandLine.includes('worker/main.ts')) return 'worker';
    if (commandLine.includes('web/main.ts')) return 'web';
    if (commandLine.includes('bench/ceiling-worker.ts')) return 'ceiling worker';
    return undefined;
  });
}
