import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { spawnServer, waitFor } from './child-process';
import { freePort } from './ports';

export interface TemporalServerOptions {
  /** Default: $SSPR_TEMPORAL_CLI, else .tools/bin/temporal in the repository. */
  cliPath?: string;
  /** SQLite file to keep state in; omit for an in-memory server. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  /** Remote codec endpoint the Web UI decodes payloads through. */
  codecEndpoint?: string;
  /** Default: 'default'. */
  namespace?: string;
  searchAttributes: Record<string, 'Keyword' | 'Text' | 'Int' | 'Datetime' | 'Bool'>;
  logFile: string;
}

export interface TemporalDevServer {
  /** 127.0.0.1:PORT, for Connection.connect({ address }). */
  address: string;
  /** Only when not headless. */
  uiUrl?: string;
  namespace: string;
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const readyTimeoutMs = 60_000;

/** Runs `temporal server start-dev` on 127.0.0.1 and waits until the namespace answers. */
export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalDevServer> {
  const cli = resolve(
    repoRoot,
    opts.cliPath ?? process.env.SSPR_TEMPORAL_CLI ?? '.tools/bin/temporal',
  );
  try {
    await access(cli, constants.X_OK);
  } catch {
    throw new Error(
      `Temporal CLI not found at ${cli}. Run \`bash scripts/sspr provision\` to build it, ` +
        'or set SSPR_TEMPORAL_CLI to an existing one.',
    );
  }

  const namespace = opts.namespace ?? 'default';
  const port = opts.port ?? (await freePort());
  const address = `127.0.0.1:${port}`;
  // Every port is chosen here, so servers started side by side never clash.
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--http-port',
    String(await freePort()),
    '--metrics-port',
    String(await freePort()),
    '--log-level',
    'warn',
    '--namespace',
    namespace,
  ];
  let uiUrl: string | undefined;
  if (opts.headless) {
    args.push('--headless');
  } else {
    const uiPort = opts.uiPort ?? (await freePort());
    uiUrl = `http://127.0.0.1:${uiPort}`;
    args.push('--ui-port', String(uiPort));
    if (opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  }
  if (opts.dbFile) {
    await mkdir(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const [name, type] of Object.entries(opts.searchAttributes)) {
    args.push('--search-attribute', `${name}=${type}`);
  }

  const child = spawnServer(cli, args, { logFile: opts.logFile });
  try {
    // Our own generous wait: the SDK's 5 s start-up limit is not enough on 2 cores.
    await waitFor(() => answersNamespace(address, namespace), {
      timeoutMs: readyTimeoutMs,
      what: `Temporal dev server on ${address}`,
      child,
      intervalMs: 250,
    });
    if (uiUrl) {
      const ui = uiUrl;
      await waitFor(async () => (await fetch(ui)).ok, {
        timeoutMs: readyTimeoutMs,
        what: `Temporal Web UI on ${ui}`,
        child,
        intervalMs: 250,
      });
    }
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { address, uiUrl, namespace, stop: child.stop };
}

async function answersNamespace(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.withDeadline(Date.now() + 5_000, async () => {
      await connection.workflowService.getSystemInfo({});
      await connection.workflowService.describeNamespace({ namespace });
    });
    return true;
  } finally {
    await connection.close();
  }
}
