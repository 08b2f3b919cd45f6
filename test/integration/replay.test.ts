import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, type ReplayResult, Runtime, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { dataConverterFor } from '../../common/data-converter';
import { fixtureCodecKeys } from '../fixtures/codec-keys';
import type { RecordedHistory } from '../fixtures/record-histories';

/**
 * R19 durability across deployments: recoveries run for minutes to days, so a new release's
 * workflow code must replay the histories of recoveries that started under the old one.
 * Histories of real runs (test/fixtures/histories, recorded by record-histories.ts with the
 * TEST-ONLY codec key) are replayed against the current code, bundled once by the global
 * setup. A change that is not deterministic against them fails here: version it with
 * patched() instead, or, if no running recovery can be affected, record again (README there).
 */

const historiesDir = new URL('../fixtures/histories/', import.meta.url);
const manifest = JSON.parse(
  readFileSync(new URL('manifest.json', historiesDir), 'utf8'),
) as RecordedHistory[];
const historyOf = (name: string): { events: Array<Record<string, unknown>> } =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`${name}.json`, historiesDir)), 'utf8'));

const replayOptions = () => ({
  workflowBundle: { codePath: inject('servers').workflowBundlePath },
  dataConverter: dataConverterFor(fixtureCodecKeys),
});

const results = new Map<string, ReplayResult>();

beforeAll(async () => {
  // Quiet: the last test makes the native core warn about the violation it is meant to find.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
  });
  // One replay worker for every history.
  const replayed = Worker.runReplayHistories(
    replayOptions(),
    manifest.map((entry) => ({ workflowId: entry.workflowId, history: historyOf(entry.name) })),
  );
  let index = 0;
  for await (const result of replayed) {
    results.set((manifest[index] as RecordedHistory).name, result);
    index += 1;
  }
});

describe('R19 replay: recorded histories against the current workflow code', () => {
  it('the fixtures cover every kind of run', () => {
    expect(manifest.map((entry) => entry.name)).toEqual(
      expect.arrayContaining([
        'new-user-temporary-key',
        'enrolled-user-answers',
        'user-chooses-rejected',
        'answers-locked',
        'locked-out',
        'link-expired',
        'repeated-request',
        'no-account',
        'key-check-used',
        'key-check-expired',
        'questions-deleted',
        'alternate-link',
        'admin-reset',
      ]),
    );
  });

  it.each(manifest.map((entry) => [entry.name, entry] as const))(
    'R19: %s replays deterministically',
    (name, entry) => {
      const result = results.get(name);
      expect(result, `${name} was not replayed`).toBeDefined();
      expect(result?.workflowId).toBe(entry.workflowId);
      expect(result?.error, `${name} (${entry.about})`).toBeUndefined();
    },
  );

  it('R19: a history the code does not produce is reported as a determinism violation', async () => {
    // The check is not vacuous: the same history, with one activity renamed, must fail.
    const history = historyOf('new-user-temporary-key');
    const scheduled = history.events.find(
      (event) => event.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    ) as { activityTaskScheduledEventAttributes: { activityType: { name: string } } };
    scheduled.activityTaskScheduledEventAttributes.activityType.name = 'anActivityNobodyCalls';
    const entry = manifest.find((e) => e.name === 'new-user-temporary-key') as RecordedHistory;
    await expect(
      Worker.runReplayHistory(replayOptions(), history, entry.workflowId),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
