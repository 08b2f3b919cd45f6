import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startMailCatcher } from '../dev/mail-catcher';
import { startSlapd } from '../dev/slapd';
import { startTemporalServer } from '../dev/temporal-server';
import { workflowsPath } from '../worker/create-worker';
import { searchAttributeTypes } from '../workflows/search-attributes';
import type { Servers } from './support/servers';

/**
 * Once per test run: a real Temporal dev server, a real slapd and a real SMTP server on free
 * ports, and the workflow code bundled once. Tests reach them through inject('servers').
 */
export default async function setup(project: TestProject) {
  const root = await mkdtemp(join(tmpdir(), 'sspr-test-'));
  const [temporal, slapd, mail, bundle] = await Promise.all([
    startTemporalServer({
      headless: true,
      searchAttributes: searchAttributeTypes,
      logFile: join(root, 'temporal.log'),
    }),
    startSlapd({ dataDir: join(root, 'slapd'), seed: 'empty' }),
    startMailCatcher(),
    bundleWorkflowCode({ workflowsPath, logger: quietLogger }),
  ]);
  const bundlePath = join(root, 'workflow-bundle.js');
  await writeFile(bundlePath, bundle.code);
  const { stop: _stop, ...directory } = slapd;
  const servers: Servers = {
    temporalAddress: temporal.address,
    namespace: temporal.namespace,
    directory,
    smtpPort: mail.smtpPort,
    inboxUrl: mail.inboxUrl,
    workflowBundlePath: bundlePath,
    root,
  };
  project.provide('servers', servers);

  return async () => {
    await Promise.allSettled([temporal.stop(), slapd.stop(), mail.stop()]);
    await rm(root, { recursive: true, force: true });
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
