import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor } from '../common/data-converter';
import { recoveryWorkflowId } from '../common/domain/workflow-ids';
import { SecretBox } from '../common/secret-box';
import { createRecoveryClient } from '../web/recoveries';
import { submitAnswers } from '../workflows/messages';
import { type JourneyTimings, patienceMs, stepClock } from './journey';
import { measureRun, type RecoveryRun } from './recoveries';
import type { BenchStack } from './stack';

const taskQueue = 'bench-ceiling';
const ceilingWorker = fileURLToPath(new URL('./ceiling-worker.ts', import.meta.url));

/** The one link of a ceiling recovery: the worker issues it, the driver sends it back. */
export function ceilingLinkDigest(workflowId: string): string {
  return `ceiling:${workflowId}`;
}

/**
 * Part 2, the ceiling: the recovery workflow with activities that do nothing (ceiling-worker.ts),
 * on the same Temporal server, driven with the web's own calls (web/recoveries.ts) in the same
 * order as a person's journey sends them. Its recoveries per second are what Temporal and the
 * workflow allow on this machine, whatever the activities cost.
 */
export async function startCeiling(stack: BenchStack, root: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', ceilingWorker], {
    env: { ...stack.env, SSPR_TASK_QUEUE: taskQueue },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.stderr.pipe(createWriteStream(join(root, 'logs', 'ceiling-worker.log')));
  const waiting = new Map<string, () => void>();
  const arrived = new Set<string>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ceiling worker ended (exit code ${code})`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') return resolve();
      const wake = waiting.get(line);
      waiting.delete(line);
      if (wake) wake();
      else arrived.add(line);
    });
  });
  await ready;

  /** Resolves when the worker has told `line` (the link's or the key's "e-mail"). */
  const told = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (arrived.delete(line)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no "${line}"`)), patienceMs);
      waiting.set(line, () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const connection = await Connection.connect({ address: stack.temporal.address });
  const client = new Client({
    connection,
    namespace: stack.temporal.namespace,
    dataConverter: dataConverterFor(stack.codecKeys),
  });
  const recoveries = createRecoveryClient(client, {
    taskQueue,
    deadlineMs: patienceMs,
    secretBox: new SecretBox(stack.secretsKeys),
  });

  /** One recovery, step by step as the web calls Temporal for a person's journey. */
  async function recover(username: string): Promise<JourneyTimings> {
    const workflowId = recoveryWorkflowId(username);
    const sessionDigest = `session:${username}`;
    const { mark, timings } = stepClock();
    must(await recoveries.request({ username, locale: 'en' }), 'request');
    mark();
    await told(`link ${workflowId}`);
    mark();
    must(
      await recoveries.openLink(workflowId, {
        linkDigest: ceilingLinkDigest(workflowId),
        sessionDigest,
      }),
      'open',
    );
    must(await recoveries.state(workflowId, sessionDigest), 'questions');
    mark();
    must(
      await recoveries.submit(workflowId, submitAnswers, { sessionDigest, answers: [] }),
      'answers',
    );
    must(await recoveries.state(workflowId, sessionDigest), 'next page');
    mark();
    await told(`key ${workflowId}`);
    mark();
    return timings();
  }

  return {
    /** `recoveries` recoveries, `concurrency` at a time, by users nobody else has. */
    async run(options: {
      concurrency: number;
      recoveries: number;
      label: string;
    }): Promise<RecoveryRun> {
      const usernames = Array.from(
        { length: options.recoveries },
        (_, i) => `${options.label}.${i}`,
      );
      return measureRun(stack, usernames, options.concurrency, recover);
    },
    async stop() {
      await connection.close();
      child.kill('SIGTERM');
      process.off('exit', killOnExit);
    },
  };
}

function must(answer: { ok: boolean; reason?: string }, step: string) {
  if (!answer.ok) throw new Error(`${step}: ${answer.reason}`);
}
