import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { type Activities, type ActivityDeps, createActivities } from '../activities';
import { dataConverterFor } from '../common/data-converter';
import type { CodecKey } from '../common/payload-codec';

export interface RecoveryWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Payload codec keys (the first encrypts): every payload in history is encrypted. */
  codecKeys: readonly CodecKey[];
  /** A bundle made once (tests); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleOption;
  /** The activities to register; by default the real ones, made from `deps`. */
  activities?: Activities;
}

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** The worker that runs recovery workflows and their activities. */
export function createRecoveryWorker(options: RecoveryWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities ?? createActivities(options.deps),
    // A bundle made ahead of time must carry the same failure converter (failureConverterPath).
    dataConverter: dataConverterFor(options.codecKeys),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
  });
}
