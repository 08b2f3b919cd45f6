import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { failureConverterPath } from '../common/data-converter';
import { startMailCatcher } from '../dev/mail-catcher';
import { postgresUnavailable, startPostgres } from '../dev/postgres';
import { startSambaAd } from '../dev/samba-ad';
import { startSlapd } from '../dev/slapd';
import { startTemporalServer } from '../dev/temporal-server';
import { workflowsPath } from '../worker/create-worker';
import { searchAttributeTypes } from '../workflows/search-attributes';
import type { Servers } from './support/servers';

/**
 * Once per test run: a real Temporal dev server, a real slapd, a real Samba AD domain
 * controller (as root only: Samba needs it), a real SMTP server and a throwaway PostgreSQL
 * (when its programs are installed) on free ports, and the workflow code bundled once. Tests
 * reach them through inject('servers').
 */
export default async function setup(project: TestProject) {
  const root = await mkdtemp(join(tmpdir(), 'sspr-test-'));
  const stoppers: Array<() => Promise<void>> = [];
  const track = <T extends { stop(): Promise<void> }>(starting: Promise<T>) =>
    starting.then((server) => {
      stoppers.push(server.stop);
      return server;
    });
  const stopAll = async () => {
    await Promise.allSettled(stoppers.map((stop) => stop()));
    await rm(root, { recursive: true, force: true });
  };

  const temporal = track(
    startTemporalServer({
      headless: true,
      searchAttributes: searchAttributeTypes,
      logFile: join(root, 'temporal.log'),
    }),
  );
  const slapdStart = performance.now();
  let slapdMs = 0;
  const slapd = track(
    startSlapd({ dataDir: join(root, 'slapd'), seed: 'empty' }).then((server) => {
      slapdMs = Math.round(performance.now() - slapdStart);
      return server;
    }),
  );
  const activeDirectory =
    process.getuid?.() === 0
      ? track(startSambaAd({ dataDir: join(root, 'samba-ad') }))
      : Promise.resolve(undefined);
  const mail = track(startMailCatcher());
  // As root it runs as the `postgres` user; without the server's programs its suites are skipped.
  const postgresMissing = postgresUnavailable();
  const postgres = postgresMissing ? Promise.resolve(undefined) : track(startPostgres());
  // With the service's failure converter, as the worker's own bundling would (data converter).
  const bundle = bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quietLogger });
  try {
    // Let every start finish, failed or not, so that none is left running behind an error.
    await Promise.allSettled([temporal, slapd, activeDirectory, mail, postgres, bundle]);
    const bundlePath = join(root, 'workflow-bundle.js');
    await writeFile(bundlePath, (await bundle).code);
    const { stop: _stop, ...directory } = await slapd;
    const ad = await activeDirectory;
    // How long each directory takes to come up, for CI's log.
    console.log(`slapd ready in ${slapdMs} ms`);
    if (ad) {
      const { provisionMs, startMs } = ad.timings;
      console.log(`Samba AD provisioned in ${provisionMs} ms, ready ${startMs} ms after start`);
    } else {
      console.warn(notRootWarning);
    }
    const pg = await postgres;
    if (pg) {
      console.log(
        `PostgreSQL initialised in ${pg.timings.initMs} ms, ready ${pg.timings.startMs} ms after start`,
      );
    } else {
      console.warn(`No PostgreSQL, so its suites are skipped (CI runs them): ${postgresMissing}`);
    }
    const servers: Servers = {
      temporalAddress: (await temporal).address,
      namespace: (await temporal).namespace,
      directory,
      ...(ad && { activeDirectory: withoutStop(ad) }),
      postgres: pg ? { url: pg.url } : { unavailable: postgresMissing as string },
      smtpPort: (await mail).smtpPort,
      inboxUrl: (await mail).inboxUrl,
      workflowBundlePath: bundlePath,
      root,
    };
    project.provide('servers', servers);
    return stopAll;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function withoutStop<T extends { stop(): Promise<void> }>({ stop: _stop, ...rest }: T) {
  return rest;
}

const notRootWarning =
  'Not running as root: Samba AD is not started, and the Active Directory suites are skipped ' +
  '(CI runs as root and runs them).';

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
