import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ldapts';
import { spawnServer, waitFor } from './child-process';
import { freePort } from './ports';
import { layout, slapdConf } from './slapd-config';
import { seedLdif } from './slapd-seed';

export { demoUsers } from './demo-users';

const run = promisify(execFile);

export interface SlapdOptions {
  dataDir: string;
  port?: number;
  ldapsPort?: number;
  seed: 'demo' | 'empty';
}

export interface Slapd {
  url: string;
  ldapsUrl: string;
  /** Self-signed certificate of the LDAPS listener, for clients to trust. */
  caFile: string;
  suffix: string;
  usersDn: string;
  groupsDn: string;
  rootDn: string;
  rootPassword: string;
  /** The account the application binds as. */
  serviceDn: string;
  servicePassword: string;
  adminGroupDn: string;
  stop(): Promise<void>;
}

/**
 * Runs an OpenLDAP slapd of our own on 127.0.0.1 with its configuration, database, certificate
 * and log in `dataDir`. A database already there is reused as it is, so the demo keeps its data.
 */
export async function startSlapd(opts: SlapdOptions): Promise<Slapd> {
  const { dataDir } = opts;
  const paths = {
    dbDir: join(dataDir, 'db'),
    certFile: join(dataDir, 'tls', 'cert.pem'),
    keyFile: join(dataDir, 'tls', 'key.pem'),
  };
  const confFile = join(dataDir, 'slapd.conf');
  await mkdir(join(dataDir, 'tls'), { recursive: true });
  if (!existsSync(paths.certFile) || !existsSync(paths.keyFile)) await makeCertificate(paths);
  // Written on every start (ports and paths may change); it holds the root password.
  await writeFile(confFile, slapdConf(paths), { mode: 0o600 });
  if (!existsSync(join(paths.dbDir, 'data.mdb'))) await seed(confFile, paths.dbDir, opts.seed);

  const port = opts.port ?? (await freePort());
  const ldapsPort = opts.ldapsPort ?? (await freePort());
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = `ldaps://127.0.0.1:${ldapsPort}`;
  // `-d stats` keeps slapd in the foreground (no daemon to lose track of) and logs each operation.
  const child = spawnServer(
    'slapd',
    ['-f', confFile, '-h', `${url}/ ${ldapsUrl}/`, '-d', 'stats'],
    { logFile: join(dataDir, 'slapd.log') },
  );
  try {
    await waitFor(() => answersRootDse(url), { timeoutMs: 15_000, what: `slapd on ${url}`, child });
  } catch (error) {
    await child.stop();
    throw error;
  }

  return {
    url,
    ldapsUrl,
    caFile: paths.certFile,
    suffix: layout.suffix,
    usersDn: layout.usersDn,
    groupsDn: layout.groupsDn,
    rootDn: layout.rootDn,
    rootPassword: layout.rootPassword,
    serviceDn: layout.serviceDn,
    servicePassword: layout.servicePassword,
    adminGroupDn: layout.adminGroupDn,
    stop: child.stop,
  };
}

async function makeCertificate(paths: { certFile: string; keyFile: string }): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout',
    paths.keyFile,
    '-out',
    paths.certFile,
  ]);
}

/** Offline load with slapadd; a failed load is removed so the next start tries again. */
async function seed(confFile: string, dbDir: string, kind: 'demo' | 'empty'): Promise<void> {
  const ldifFile = join(dbDir, '..', 'seed.ldif');
  await mkdir(dbDir, { recursive: true });
  await writeFile(ldifFile, await seedLdif(kind));
  try {
    await run('slapadd', ['-q', '-f', confFile, '-l', ldifFile]);
  } catch (error) {
    await rm(dbDir, { recursive: true, force: true });
    const { stderr } = error as { stderr?: string };
    throw new Error(`slapadd could not load ${ldifFile}: ${stderr || (error as Error).message}`);
  }
}

async function answersRootDse(url: string): Promise<boolean> {
  const client = new Client({ url, connectTimeout: 1_000, timeout: 2_000 });
  try {
    await client.search('', { scope: 'base', attributes: ['namingContexts'] });
    return true;
  } finally {
    await client.unbind();
  }
}
