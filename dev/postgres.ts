import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { spawnServer, waitFor } from './child-process';
import { freePort } from './ports';

const run = promisify(execFile);

export interface Postgres {
  /** The superuser's URL (over TCP on 127.0.0.1, with a password): createDatabase's admin. */
  url: string;
  port: number;
  /** How long initdb and the start took, for CI's log. */
  timings: { initMs: number; startMs: number };
  /** A fast shutdown; the folder with the data, socket and log goes too. */
  stop(): Promise<void>;
}

/** Who runs the server: ourselves, or (as root, which PostgreSQL refuses) the `postgres` user. */
interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * Why no throwaway PostgreSQL can be started here, or undefined when one can: the server's
 * programs (Debian's `postgresql` package: /usr/lib/postgresql/<version>/bin) and, as root,
 * the `postgres` system user the package creates.
 */
export function postgresUnavailable(): string | undefined {
  if (!postgresBinDir()) {
    return 'no PostgreSQL server programs (initdb, postgres) in /usr/lib/postgresql/*/bin or on PATH: install Debian\'s "postgresql" package';
  }
  if (process.getuid?.() === 0 && !postgresUser()) {
    return 'running as root, and there is no "postgres" user to run the server as (PostgreSQL refuses root)';
  }
  return undefined;
}

/**
 * A PostgreSQL of its own for tests: a new cluster in a temporary folder (initdb, as the
 * `postgres` user when we are root), listening on 127.0.0.1 at a free port with its Unix socket
 * in that folder, durability off (fsync) since nothing in it is worth keeping. Resolves once it
 * accepts connections; stop() leaves nothing behind.
 */
export async function startPostgres(): Promise<Postgres> {
  const reason = postgresUnavailable();
  if (reason) throw new Error(`Cannot start PostgreSQL: ${reason}`);
  const bin = postgresBinDir() as string;
  const runAs: RunAs = process.getuid?.() === 0 ? (postgresUser() as RunAs) : {};
  const dir = await mkdtemp(join(tmpdir(), 'sspr-postgres-'));
  let stopServer = async () => {};
  const stop = async () => {
    await stopServer();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    if (runAs.uid !== undefined) await chown(dir, runAs.uid, runAs.gid as number);
    const dataDir = join(dir, 'data');
    const user = 'sspr';
    const password = randomBytes(24).toString('hex');

    const initStart = performance.now();
    const pwFile = join(dir, 'password');
    await writeFile(pwFile, password, { mode: 0o600 });
    if (runAs.uid !== undefined) await chown(pwFile, runAs.uid, runAs.gid as number);
    try {
      await run(
        join(bin, 'initdb'),
        [
          `--pgdata=${dataDir}`,
          `--username=${user}`,
          `--pwfile=${pwFile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--locale=C',
          '--no-sync',
          '--no-instructions',
        ],
        { ...runAs, cwd: dir },
      );
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`initdb failed: ${stderr || stdout || (error as Error).message}`);
    } finally {
      await rm(pwFile, { force: true });
    }
    const initMs = Math.round(performance.now() - initStart);

    const startStart = performance.now();
    const port = await freePort();
    const child = spawnServer(
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-p',
        String(port),
        '-c',
        `unix_socket_directories=${dir}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=200',
      ],
      { logFile: join(dir, 'postgres.log'), ...runAs },
    );
    stopServer = async () => {
      // SIGINT is a fast shutdown: it ends open sessions rather than wait for them (SIGTERM).
      child.kill('SIGINT');
      const gone = await Promise.race([
        child.exited.then(() => true),
        sleep(10_000, false, { ref: false }),
      ]);
      if (!gone) await child.stop();
    };
    const url = `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
    await waitFor(() => accepts(url), {
      timeoutMs: 30_000,
      what: `PostgreSQL on 127.0.0.1:${port}`,
      child,
    });
    return {
      url,
      port,
      timings: { initMs, startMs: Math.round(performance.now() - startStart) },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A new, empty database on the server `adminUrl` reaches; its URL. */
export async function createDatabase(adminUrl: string, prefix = 'sspr'): Promise<string> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  // An error after connect (the server going away) must not go unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Debian's newest /usr/lib/postgresql/<version>/bin, else a folder on PATH with initdb. */
function postgresBinDir(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...versions.map((v) => join(debian, v, 'bin')),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean),
  ];
  return candidates.find(has);
}

/** The `postgres` system user's ids, from /etc/passwd. */
function postgresUser(): Required<RunAs> | undefined {
  let passwd: string;
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  const fields = passwd
    .split('\n')
    .map((line) => line.split(':'))
    .find((f) => f[0] === 'postgres');
  if (!fields) return undefined;
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}
