import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../common/config';
import { dataConverterFor } from '../common/data-converter';
import { createLogger } from '../common/logger';
import { runMain } from '../common/main';
import { AesGcmPayloadCodec } from '../common/payload-codec';
import { SecretBox } from '../common/secret-box';
import { loadSecrets } from '../common/secrets';
import { temporalConnectionOptions } from '../common/temporal';
import { closeLimitStore, migrateToLatest, openDatabase, openLimitStore } from '../db/database';
import { createDirectory } from '../directory/create-directory';
import { createApp, type WebDeps } from './app';

runMain(async () => {
  const config = loadConfig();
  const log = createLogger('web', config.logLevel);
  const onConnectionError = (err: Error) => log.warn({ err }, 'database connection lost');
  const db = openDatabase(config.database, onConnectionError);
  await migrateToLatest(db);
  // The rate limits' counters: the same database, a connection of their own (web/rate-limit.ts).
  const limitStore = openLimitStore(config.database, onConnectionError);
  // Lazy: the pages come up even while Temporal is still starting, and say so if it is down.
  const connection = Connection.lazy(temporalConnectionOptions(config.temporal));
  const secrets = loadSecrets(config);
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverterFor(secrets.codecKeys),
  });
  const deps: WebDeps = {
    client,
    db,
    linkKey: secrets.linkKey,
    taskQueue: config.temporal.taskQueue,
    publicUrl: config.publicUrl,
    productName: config.productName,
    brand: config.brand,
    breakGlassAdmin: config.breakGlassAdmin,
    directory: createDirectory(config.ldap, log),
    adminGroupDn: config.adminGroupDn,
    secretBox: new SecretBox(secrets.secretsKeys),
    mailFrom: config.mailFrom,
    temporalUiUrl: config.temporalUiUrl,
    log,
    rateLimits: { store: limitStore, limits: config.rateLimits },
    trustedProxies: config.trustedProxies,
    codecEndpoint: config.codecEndpoint && {
      ...config.codecEndpoint,
      codec: new AesGcmPayloadCodec(secrets.codecKeys),
      namespace: config.temporal.namespace,
    },
  };
  const apart = config.adminListener;
  const app = createApp({ ...deps, serves: apart ? 'user-pages' : 'everything' });
  if (config.codecEndpoint) {
    log.info(
      {
        url: `${config.publicUrl}/codec`,
        origins: config.codecEndpoint.allowedOrigins,
        auth: config.codecEndpoint.token ? 'bearer token' : 'this machine only',
      },
      'codec endpoint on',
    );
  }
  const servers = [
    serve({ fetch: app.fetch, hostname: config.web.host, port: config.web.port }, () =>
      log.info({ url: config.publicUrl, console: apart ? 'apart' : '/admin' }, 'web ready'),
    ),
  ];
  if (apart) {
    const consoleApp = createApp({ ...deps, serves: { console: apart.url } });
    servers.push(
      serve({ fetch: consoleApp.fetch, hostname: apart.host, port: apart.port }, () =>
        log.info({ url: `${apart.url}/admin` }, 'admin console ready'),
      ),
    );
  }
  const stop = async () => {
    await Promise.all(
      servers.map((server) => new Promise<void>((done) => server.close(() => done()))),
    );
    await connection.close();
    await db.destroy();
    await closeLimitStore(limitStore);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
