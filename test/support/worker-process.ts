import { fileURLToPath } from 'node:url';
import { logTail, type ServerProcess, spawnServer, waitFor } from '../../dev/child-process';
import { patienceMs, publicUrl, type Stack } from './stack';

const workerMain = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));

/** Where a worker process finds the servers; the rest comes from the stack it serves. */
export interface WorkerProcessServers {
  temporalAddress: string;
  namespace: string;
  smtpPort: number;
}

/**
 * The production worker entry point (worker/main.ts) as a process of its own, configured by
 * environment variables only, serving the stack's task queue with the stack's database,
 * link key and codec keys, so that the test can kill it as a crash would. Resolves once it
 * logs that it is ready; each process writes its own log file.
 */
export async function startWorkerProcess(
  stack: Stack,
  servers: WorkerProcessServers,
  logFile: string,
): Promise<ServerProcess> {
  const env = serviceEnv(stack, servers);
  // `--import tsx` resolves from the working directory, the repository's root, as `npm start`'s.
  const child = spawnServer(process.execPath, ['--import', 'tsx', workerMain], { logFile, env });
  try {
    await waitFor(async () => (await logTail(logFile, 200)).includes('worker ready'), {
      // It bundles the workflow code at start, as in production: allow a busy machine.
      timeoutMs: 2 * patienceMs,
      intervalMs: 200,
      what: `the worker process (${logFile})`,
      child,
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return child;
}

/**
 * The settings of a production entry point (worker/main.ts, web/main.ts) serving the stack:
 * its task queue, database, keys and directory, and nothing from the caller's environment.
 */
export function serviceEnv(stack: Stack, servers: WorkerProcessServers): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SSPR|TEMPORAL)_/.test(name)),
  );
  return {
    ...inherited,
    TEMPORAL_ADDRESS: servers.temporalAddress,
    TEMPORAL_NAMESPACE: servers.namespace,
    SSPR_TASK_QUEUE: stack.taskQueue,
    SSPR_DATA_DIR: stack.dataDir,
    SSPR_DATABASE_URL:
      stack.database.dialect === 'sqlite' ? `sqlite:${stack.database.file}` : stack.database.url,
    SSPR_LINK_KEY: stack.linkKey.toString('base64'),
    SSPR_CODEC_KEYS: stack.codecKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
    SSPR_SECRETS_KEY: stack.secretsKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
    SSPR_PUBLIC_URL: publicUrl,
    SSPR_PRODUCT_NAME: 'Test recovery',
    SSPR_DIRECTORY_KIND: stack.ldap.kind,
    SSPR_LDAP_URL: stack.ldap.url,
    SSPR_LDAP_CA_FILE: stack.ldap.caFile,
    SSPR_LDAP_BIND_DN: stack.ldap.bindDn,
    SSPR_LDAP_BIND_PASSWORD: stack.ldap.bindPassword,
    SSPR_LDAP_USER_BASE: stack.ldap.userBase,
    SSPR_LDAP_USER_FILTER: stack.ldap.userFilter,
    SSPR_LDAP_USERNAME_ATTRIBUTE: stack.ldap.usernameAttributes?.join(','),
    SSPR_LDAP_MAIL_ATTRIBUTE: stack.ldap.mailAttribute,
    SSPR_LDAP_TIMEOUT_MS: String(stack.ldap.timeoutMs),
    SSPR_SMTP_HOST: '127.0.0.1',
    SSPR_SMTP_PORT: String(servers.smtpPort),
    SSPR_SMTP_TLS: 'none',
    SSPR_MAIL_FROM: 'no-reply@example.org',
    SSPR_LOG_LEVEL: 'info',
  };
}
