import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'ldapts';
import { spawnServer, waitFor } from './child-process';
import { adLayout, type SambaPaths, serviceAccountAces, smbConf } from './samba-ad-config';

const run = promisify(execFile);

export interface SambaAdOptions {
  dataDir: string;
  /** A loopback address of its own (its LDAP ports are fixed); default: a free 127.0.0.x. */
  host?: string;
}

export interface SambaAd {
  kind: 'ad';
  host: string;
  /** The Kerberos realm; in lower case, the suffix of users' UPNs. */
  realm: string;
  /** LDAPS; Samba refuses simple binds over plain LDAP. */
  url: string;
  /** Plain LDAP, for StartTLS. */
  startTlsUrl: string;
  /** The self-signed certificate of both listeners, for clients to trust. */
  caFile: string;
  baseDn: string;
  usersDn: string;
  groupsDn: string;
  adminDn: string;
  adminPassword: string;
  serviceDn: string;
  servicePassword: string;
  adminGroupDn: string;
  /** Whether this start provisioned the domain (the folder held none). */
  provisioned: boolean;
  /** How long provisioning (0 when the folder held a domain already) and start-up took. */
  timings: { provisionMs: number; startMs: number };
  stop(): Promise<void>;
}

/**
 * Runs a Samba Active Directory domain controller of our own, LDAP service only, with its
 * domain, configuration, certificate and log in `dataDir`. A domain already there is reused
 * (the demo keeps its data); otherwise one is provisioned, with a password policy (complexity,
 * history, lockout), OUs for people, groups and services, and a service account that holds
 * only the rights the recovery needs on the people OU. Samba needs root.
 */
export async function startSambaAd(opts: SambaAdOptions): Promise<SambaAd> {
  if (process.getuid?.() !== 0) {
    throw new Error('Samba AD must run as root (samba and samba-tool need it)');
  }
  const dir = opts.dataDir;
  const host = opts.host ?? (await freeLoopbackAddress());
  const paths: SambaPaths = {
    dir,
    certFile: join(dir, 'tls', `${host}.pem`),
    keyFile: join(dir, 'tls', `${host}.key`),
  };
  const confFile = join(dir, 'etc', 'smb.conf');

  const provisionStart = performance.now();
  const existing = existsSync(join(dir, 'private', 'sam.ldb'));
  if (!existing) await provision(dir);
  // Written on every start: the address (and so the certificate) may change.
  await mkdir(join(dir, 'tls'), { recursive: true });
  if (!existsSync(paths.certFile)) await makeCertificate(paths, host);
  await writeFile(confFile, smbConf(paths, host));
  if (!existing) {
    try {
      await configureDomain(confFile);
    } catch (error) {
      // Half a domain would be reused as it is next time: start over instead.
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }
  const provisionMs = existing ? 0 : Math.round(performance.now() - provisionStart);

  const startedAt = performance.now();
  const url = `ldaps://${host}`;
  // Foreground, without a process group of its own: it dies with us, and Ctrl-C reaches it.
  // Not -i: interactive mode ends at once when stdin is not a terminal.
  const child = spawnServer(
    'samba',
    ['-s', confFile, '-M', 'single', '--foreground', '--no-process-group', '--debug-stdout'],
    { logFile: join(dir, 'log', 'samba.out') },
  );
  const ca = await readFile(paths.certFile);
  try {
    await waitFor(() => bindsOverTls(url, ca), {
      timeoutMs: 30_000,
      what: `Samba AD on ${url}`,
      child,
    });
  } catch (error) {
    await child.stop();
    throw error;
  }

  return {
    kind: 'ad',
    host,
    realm: adLayout.realm,
    url,
    startTlsUrl: `ldap://${host}`,
    caFile: paths.certFile,
    baseDn: adLayout.baseDn,
    usersDn: adLayout.usersDn,
    groupsDn: adLayout.groupsDn,
    adminDn: adLayout.adminDn,
    adminPassword: adLayout.adminPassword,
    serviceDn: adLayout.serviceDn,
    servicePassword: adLayout.servicePassword,
    adminGroupDn: adLayout.adminGroupDn,
    provisioned: !existing,
    timings: { provisionMs, startMs: Math.round(performance.now() - startedAt) },
    stop: child.stop,
  };
}

/** `samba-tool` against the domain's files (the server need not run); its output on failure. */
async function sambaTool(args: string[]): Promise<string> {
  try {
    return (await run('samba-tool', args)).stdout;
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`samba-tool ${args.slice(0, 2).join(' ')} failed: ${stderr || stdout}`);
  }
}

/** A fresh domain in `dir`; a failed one is removed so the next start tries again. */
async function provision(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  try {
    await sambaTool([
      'domain',
      'provision',
      `--targetdir=${dir}`,
      `--realm=${adLayout.realm}`,
      `--domain=${adLayout.domain}`,
      '--server-role=dc',
      '--dns-backend=NONE',
      '--use-rfc2307',
      '--host-name=dc1',
      `--adminpass=${adLayout.adminPassword}`,
    ]);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The policy, the OUs, the admin group and the delegated service account (about 2 s). */
async function configureDomain(confFile: string): Promise<void> {
  const s = ['-s', confFile];
  const { minLength, history, lockoutThreshold } = adLayout.policy;
  await sambaTool([
    'domain',
    'passwordsettings',
    'set',
    ...s,
    '--complexity=on',
    `--min-pwd-length=${minLength}`,
    `--history-length=${history}`,
    // Users may change a password just set (a temporary key), and passwords never expire.
    '--min-pwd-age=0',
    '--max-pwd-age=0',
    `--account-lockout-threshold=${lockoutThreshold}`,
    '--account-lockout-duration=30',
    '--reset-account-lockout-after=30',
  ]);
  for (const ou of [adLayout.usersDn, adLayout.groupsDn, adLayout.servicesDn]) {
    await sambaTool(['ou', 'create', ou, ...s]);
  }
  await sambaTool([
    'user',
    'create',
    adLayout.serviceName,
    adLayout.servicePassword,
    `--userou=${adLayout.servicesDn.replace(`,${adLayout.baseDn}`, '')}`,
    ...s,
  ]);
  await sambaTool([
    'group',
    'add',
    adLayout.adminGroupName,
    `--groupou=${adLayout.groupsDn.replace(`,${adLayout.baseDn}`, '')}`,
    ...s,
  ]);
  const shown = await sambaTool([
    'user',
    'show',
    adLayout.serviceName,
    '--attributes=objectSid',
    ...s,
  ]);
  const sid = /^objectSid: (S-[\d-]+)$/m.exec(shown)?.[1];
  if (!sid) throw new Error(`no objectSid for ${adLayout.serviceName} in:\n${shown}`);
  await sambaTool([
    'dsacl',
    'set',
    ...s,
    `--objectdn=${adLayout.usersDn}`,
    `--sddl=${serviceAccountAces(sid)}`,
  ]);
}

/** RSA: what Samba's GnuTLS surely takes; the address in the SAN so clients can verify it. */
async function makeCertificate(paths: SambaPaths, host: string): Promise<void> {
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '3650',
    '-subj',
    `/CN=${host}`,
    '-addext',
    `subjectAltName=IP:${host}`,
    '-keyout',
    paths.keyFile,
    '-out',
    paths.certFile,
  ]);
}

/**
 * A 127.0.0.x (x from 2) where nothing listens on Samba's fixed LDAP ports, so it clashes
 * neither with 127.0.0.1 nor with another run's Samba. Linux answers on all of 127.0.0.0/8
 * without an alias. The search starts at a random one, so concurrent runs rarely meet.
 */
async function freeLoopbackAddress(): Promise<string> {
  const first = Math.floor(Math.random() * 253);
  for (let i = 0; i < 253; i++) {
    const host = `127.0.0.${((first + i) % 253) + 2}`;
    const free = await Promise.all([389, 636, 3268, 3269].map((port) => canListen(host, port)));
    if (free.every(Boolean)) return host;
  }
  throw new Error('no 127.0.0.x address has the LDAP ports free');
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Ready means what clients need: TLS with our certificate and the service account's bind. */
async function bindsOverTls(url: string, ca: Buffer): Promise<boolean> {
  const client = new Client({ url, connectTimeout: 1_000, timeout: 2_000, tlsOptions: { ca } });
  try {
    await client.bind(adLayout.serviceDn, adLayout.servicePassword);
    return true;
  } finally {
    await client.unbind();
  }
}
