import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../common/config';
import { dataConverterFor } from '../common/data-converter';
import { createLogger } from '../common/logger';
import { runMain } from '../common/main';
import { SecretBox } from '../common/secret-box';
import { loadSecrets, loadWorkerKey } from '../common/secrets';
import { temporalConnectionOptions } from '../common/temporal';
import { migrateToLatest, openDatabase } from '../db/database';
import { resealSmtpPasswords } from '../db/smtp-configs';
import { createDirectory } from '../directory/create-directory';
import { createConfiguredMailer } from '../mail/smtp-configs';
import { createRecoveryWorker } from './create-worker';
import { ensureHousekeepingSchedule } from './housekeeping-schedule';

runMain(async () => {
  const config = loadConfig();
  const log = createLogger('worker', config.logLevel);
  const db = openDatabase(config.database, (err) => log.warn({ err }, 'database connection lost'));
  await migrateToLatest(db);
  const secrets = loadSecrets(config);
  const secretBox = new SecretBox(secrets.secretsKeys);
  // After a new secrets key was put first: the stored SMTP passwords move to it.
  const sealing = await resealSmtpPasswords(db, secretBox);
  if (sealing.resealed > 0) log.info({ resealed: sealing.resealed }, 'SMTP passwords sealed again');
  if (sealing.unreadable.length > 0) {
    log.warn(
      { smtpConfigs: sealing.unreadable },
      'SMTP passwords no configured SSPR_SECRETS_KEY opens: enter them again in the admin console',
    );
  }
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const worker = await createRecoveryWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    codecKeys: secrets.codecKeys,
    deps: {
      db,
      directory: createDirectory(config.ldap, log),
      mailer: createConfiguredMailer({
        db,
        box: secretBox,
        fallback: config.smtp,
        defaultFrom: config.mailFrom,
      }),
      serviceKey: secrets.linkKey,
      workerKey: loadWorkerKey(config),
      secretBox,
      publicUrl: config.publicUrl,
      productName: config.productName,
    },
  });
  // The hourly housekeeping: a schedule in Temporal, so it runs once however many workers.
  const client = new Client({
    connection: await Connection.connect(temporalConnectionOptions(config.temporal)),
    namespace: config.temporal.namespace,
    dataConverter: dataConverterFor(secrets.codecKeys),
  });
  await ensureHousekeepingSchedule(client, config.temporal.taskQueue);
  log.info(
    { taskQueue: config.temporal.taskQueue, temporal: config.temporal.address },
    'worker ready',
  );
  // The SDK stops polling on SIGINT/SIGTERM and lets running tasks finish before run() returns.
  await worker.run();
  await connection.close();
  await client.connection.close();
  await db.destroy();
  log.info('worker stopped');
});
