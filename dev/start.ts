import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { argon2Options } from '../common/argon2';
import { loadConfig } from '../common/config';
import { runMain } from '../common/main';
import { searchAttributeTypes } from '../workflows/search-attributes';
import { logTail, type ServerProcess, spawnServer, waitFor } from './child-process';
import { demoUsers } from './demo-users';
import { startMailCatcher } from './mail-catcher';
import { startDemoActiveDirectory } from './samba-ad-demo';
import { startSlapd } from './slapd';
import { startTemporalServer } from './temporal-server';

/**
 * `npm start`: the whole service on this machine. It starts each server the configuration does
 * not point elsewhere (Temporal, the directory, SMTP), then the worker and the web process,
 * prints where everything is, and stops all of it on Ctrl-C. State lives in the data folder.
 */

interface Running {
  name: string;
  stop(): Promise<void>;
}

/** The demo's break-glass admin, printed in the banner: never for a real installation. */
const demoAdmin = { user: 'admin', password: 'Demo-Admin-2026' };
/** The Temporal Web UI's usual port, which operators know. */
const temporalUiPort = 8233;

const running: Running[] = [];
let stopping: Promise<void> | undefined;

function stopAll(): Promise<void> {
  stopping ??= (async () => {
    for (const service of running.reverse()) {
      await service.stop().catch((error: Error) => {
        console.error(`Could not stop ${service.name}: ${error.message}`);
      });
    }
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('\nStopping…');
    void stopAll().then(() => process.exit(0));
  });
}

runMain(async () => {
  const config = loadConfig();
  const logs = join(config.dataDir, 'logs');
  const env: Record<string, string> = {};
  const urls: Array<[string, string]> = [['Password recovery', config.publicUrl]];
  /** The demo directory's admin group, when the demo starts one. */
  let adminGroupDn: string | undefined;

  try {
    if (config.temporal.local) {
      const temporal = await startTemporalServer({
        dbFile: join(config.dataDir, 'temporal.sqlite'),
        port: Number(config.temporal.address.split(':')[1]),
        uiPort: temporalUiPort,
        // The Web UI decodes payloads through the web process (browser to 127.0.0.1 only).
        codecEndpoint: `${config.publicUrl}/codec`,
        namespace: config.temporal.namespace,
        searchAttributes: searchAttributeTypes,
        logFile: join(logs, 'temporal.log'),
      });
      running.push({ name: 'Temporal', stop: temporal.stop });
      // Turn the codec endpoint on for the demo's UI, unless the configuration says otherwise.
      if (!config.codecEndpoint) {
        env.SSPR_CODEC_ENDPOINT_ORIGINS = `http://127.0.0.1:${temporalUiPort},http://localhost:${temporalUiPort}`;
      }
      urls.push(['Temporal Web UI', temporal.uiUrl ?? '']);
      // The admin console links each recovery to it.
      if (temporal.uiUrl && !config.temporalUiUrl) env.SSPR_TEMPORAL_UI_URL = temporal.uiUrl;
      urls.push(['Payload codec (for the UI)', `${config.publicUrl}/codec`]);
    }
    if (!process.env.SSPR_LDAP_URL && config.ldap.kind === 'ad') {
      const { ad, env: adEnv } = await startDemoActiveDirectory(join(config.dataDir, 'samba-ad'));
      running.push({ name: 'Samba AD', stop: ad.stop });
      Object.assign(env, adEnv);
      adminGroupDn = ad.adminGroupDn;
      urls.push(['Samba AD', `${ad.url}  (StartTLS: ${ad.startTlsUrl})`]);
    } else if (!process.env.SSPR_LDAP_URL) {
      const slapd = await startSlapd({
        dataDir: join(config.dataDir, 'slapd'),
        // Where the settings' default URL points, so the demo needs no SSPR_LDAP_URL.
        port: Number(new URL(config.ldap.url).port),
        ldapsPort: 3636,
        seed: 'demo',
      });
      running.push({ name: 'OpenLDAP', stop: slapd.stop });
      Object.assign(env, {
        SSPR_LDAP_URL: slapd.url,
        SSPR_LDAP_BIND_DN: slapd.serviceDn,
        SSPR_LDAP_BIND_PASSWORD: slapd.servicePassword,
        SSPR_LDAP_USER_BASE: slapd.usersDn,
      });
      adminGroupDn = slapd.adminGroupDn;
      urls.push(['OpenLDAP', `${slapd.url}  ${slapd.ldapsUrl}`]);
    }
    if (!process.env.SSPR_SMTP_HOST) {
      const mail = await startMailCatcher({ smtpPort: config.smtp.port, httpPort: 1080 });
      running.push({ name: 'mail catcher', stop: mail.stop });
      Object.assign(env, { SSPR_SMTP_HOST: '127.0.0.1', SSPR_SMTP_PORT: String(mail.smtpPort) });
      urls.push(['Mail inbox', mail.inboxUrl]);
    }
    // Demo admins for the console; a real installation configures its own (README).
    const admins: string[] = [];
    if (!config.breakGlassAdmin) {
      Object.assign(env, {
        SSPR_ADMIN_USER: demoAdmin.user,
        SSPR_ADMIN_PASSWORD_HASH: await hash(demoAdmin.password, argon2Options),
      });
      admins.push(`break-glass admin ${demoAdmin.user}, password ${demoAdmin.password}`);
    }
    // The demo directory's admin group: its [admin] users sign in with their own password.
    if (adminGroupDn && !config.adminGroupDn) {
      env.SSPR_ADMIN_GROUP_DN = adminGroupDn;
      for (const u of demoUsers.filter((user) => user.admin)) {
        admins.push(`directory admin ${u.uid}, password ${u.password} (group ${adminGroupDn})`);
      }
    }
    // On its own listener when SSPR_ADMIN_LISTEN says so; under the public address otherwise.
    const consoleUrl = `${config.adminListener?.url ?? config.publicUrl}/admin`;
    urls.push(['Admin console', consoleUrl], ...admins.map((a) => ['', a] as [string, string]));

    const worker = startNode('worker', 'worker/main.ts', env, logs);
    const web = startNode('web', 'web/main.ts', env, logs);
    await waitFor(
      async () => (await fetch(`http://${config.web.host}:${config.web.port}/healthz`)).ok,
      { timeoutMs: 60_000, what: 'the web process', child: web },
    );
    await waitFor(async () => (await logTail(worker.logFile, 200)).includes('worker ready'), {
      timeoutMs: 120_000,
      what: 'the worker process',
      child: worker,
    });
    printBanner(urls, logs);
    // Either process ending on its own is a failure: show why, and stop the rest.
    const ended = await Promise.race([worker, web].map(async (p) => ({ p, how: await p.exited })));
    if (stopping) return;
    console.error(`\nThe ${nameOf(ended.p, worker)} process stopped (${ended.how}):`);
    console.error(await logTail(ended.p.logFile));
    await stopAll();
    process.exit(1);
  } catch (error) {
    await stopAll();
    throw error;
  }
});

function startNode(
  name: string,
  entry: string,
  env: Record<string, string>,
  logs: string,
): ServerProcess {
  const child = spawnServer(process.execPath, ['--import', 'tsx', entry], {
    logFile: join(logs, `${name}.log`),
    env: { ...process.env, ...env },
  });
  running.push({ name, stop: child.stop });
  return child;
}

function nameOf(process: ServerProcess, worker: ServerProcess): string {
  return process === worker ? 'worker' : 'web';
}

function printBanner(urls: Array<[string, string]>, logs: string) {
  const width = Math.max(...urls.map(([name]) => name.length));
  const users = demoUsers.map(
    (u) =>
      `  ${u.uid.padEnd(12)} ${u.password.padEnd(16)} ${u.mail ?? '(no e-mail: cannot recover)'}${u.admin ? '  [admin]' : ''}`,
  );
  console.log(
    [
      '',
      'Self-service password recovery is running:',
      ...urls.map(([name, url]) => `  ${name.padEnd(width)}  ${url}`),
      '',
      'Demo users (username, current password, e-mail):',
      ...users,
      '',
      `Logs: ${logs}. Press Ctrl-C to stop everything.`,
    ].join('\n'),
  );
}
