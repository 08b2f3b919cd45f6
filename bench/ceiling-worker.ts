import { NativeConnection, Worker } from '@temporalio/worker';
import type { Activities, PolicySnapshot } from '../activities';
import { loadConfig } from '../common/config';
import { dataConverterFor } from '../common/data-converter';
import { recoveryWorkflowId } from '../common/domain/workflow-ids';
import { loadSecrets } from '../common/secrets';
import { temporalConnectionOptions } from '../common/temporal';
import { defaultPolicy } from '../db/defaults';
import { workflowsPath } from '../worker/create-worker';
import { ceilingLinkDigest } from './ceiling';

/**
 * The ceiling's worker (part 2): the recovery workflow as it is, with activities that do nothing
 * but answer what the real ones would for an enrolled user who answers right. The Temporal
 * server, the workflow code, its messages and the payload codec are the real ones; only the
 * work inside the activities (directory, database, mail, argon2) is gone. The two moments a
 * user learns of (the link e-mail, the key e-mail) are told on standard output, one line each.
 */

const policy: PolicySnapshot = {
  version: 1,
  minQuestions: defaultPolicy.min_questions,
  linkTtlSeconds: defaultPolicy.link_ttl_seconds,
  resendLimitPerHour: defaultPolicy.resend_limit_per_hour,
  maxWrongAnswers: defaultPolicy.max_wrong_answers,
  lockoutSeconds: defaultPolicy.lockout_seconds,
  resetMode: defaultPolicy.reset_mode,
  temporaryKeyTtlSeconds: defaultPolicy.temporary_key_ttl_seconds,
  minAnswerLength: 3,
};

const say = (line: string) => process.stdout.write(`${line}\n`);

const activities: Activities = {
  snapshotPolicy: async () => policy,
  lockedUntil: async () => undefined,
  findUser: async (username) => ({
    dn: `uid=${username},ou=people,dc=example,dc=org`,
    username,
    displayName: username,
    mail: `${username}@example.org`,
  }),
  passwordRules: async () => ({}),
  loadEnrollment: async () => ({
    enrolled: true,
    questionIds: [1, 2, 3],
    alternateVerified: false,
  }),
  issueLink: async (input) => {
    say(`link ${input.workflowId}`);
    return {
      digest: ceilingLinkDigest(input.workflowId),
      purpose: input.purpose,
      expiresAt: new Date(Date.now() + input.ttlSeconds * 1000).toISOString(),
    };
  },
  submitEnrollment: async () => ({ ok: true }),
  addQuestions: async () => ({ ok: true }),
  verifyAnswers: async () => true,
  lockRecoveries: async () => {},
  resetWithTemporaryKey: async (input) => {
    say(`key ${recoveryWorkflowId(input.username)}`);
  },
  setChosenPassword: async () => ({ ok: true }),
  expireUnusedKey: async () => 'used',
  sendNotice: async () => 0,
  audit: async () => {},
  pruneExpiredRecords: async () => ({ links: 0, adminSessions: 0, answerFailures: 0, lockouts: 0 }),
};

/** Configured as the real worker is (the stack's settings), on a task queue of its own. */
async function main() {
  const config = loadConfig();
  const connection = await NativeConnection.connect(temporalConnectionOptions(config.temporal));
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowsPath,
    activities,
    dataConverter: dataConverterFor(loadSecrets(config).codecKeys),
  });
  say('ready');
  await worker.run();
  await connection.close();
}

await main();
