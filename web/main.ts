import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { runMain } from '../common/main';
import { loadSecrets } from '../common/secrets';
import { temporalConnectionOptions } from '../common/temporal';
import { migrateToLatest, openDatabase } from '../db/database';
import { createApp } from './app';

runMain(async () => {
  const config = loadConfig();
  const log = createLogger('web', config.logLevel);
  const db = openDatabase(config.databaseFile);
  await migrateToLatest(db);
  // Lazy: the pages come up even while Temporal is still starting, and say so if it is down.
  const connection = Connection.lazy(temporalConnectionOptions(config.temporal));
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const app = createApp({
    client,
    db,
    linkKey: loadSecrets(config).linkKey,
    taskQueue: config.temporal.taskQueue,
    publicUrl: config.publicUrl,
    productName: config.productName,
    log,
  });
  const server = serve({ fetch: app.fetch, hostname: config.web.host, port: config.web.port }, () =>
    log.info({ url: config.publicUrl }, 'web ready'),
  );
  const stop = () => {
    server.close(async () => {
      await connection.close();
      await db.destroy();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
