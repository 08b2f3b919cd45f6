import { NativeConnection } from '@temporalio/worker';
import { createDirectory } from '../activities/directory/create-directory';
import { createSmtpMailer } from '../activities/mail/mailer';
import { loadConfig } from '../common/config';
import { createLogger } from '../common/logger';
import { runMain } from '../common/main';
import { loadSecrets } from '../common/secrets';
import { temporalConnectionOptions } from '../common/temporal';
import { migrateToLatest, openDatabase } from '../db/database';
import { createRecoveryWorker } from './create-worker';

runMain(async () => {
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  const db = openDatabase(config.databaseFile);
  await migrateToLatest(db);
  const secrets = loadSecrets(config);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const worker = await createRecoveryWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    codecKeys: secrets.codecKeys,
    deps: {
      db,
      directory: createDirectory(config.ldap, log),
      mailer: createSmtpMailer(config.smtp, config.mailFrom),
      serviceKey: loadSecrets(config).linkKey,
      publicUrl: config.publicUrl,
      ...(config.productName ? { productName: config.productName } : {}),
    },
  });
  log.info(
    { taskQueue: config.temporal.taskQueue, temporal: config.temporal.address },
    'worker ready',
  );
  // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() returns.
  await worker.run();
  await connection.close();
  await db.destroy();
  log.info('worker stopped');
});
