import proto from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeys } from '../support/journey';
import { type Stack, startStack } from '../support/stack';

/**
 * The recovery's reads of the service's own database (the policy, a lockout, the enrollment)
 * run inside the workflow task that needs them, as local activities: no activity task and no
 * workflow task of their own, no round trip through the Temporal server each (docs/BENCHMARKS.md).
 */
const { EventType } = proto.temporal.api.enums.v1;
const localReads = ['snapshotPolicy', 'lockedUntil', 'loadEnrollment'];

let stack: Stack;
let user: ReturnType<typeof journeys>;

beforeAll(async () => {
  stack = await startStack();
  user = journeys(stack);
});
afterAll(async () => {
  await stack?.stop();
});

describe('database reads as local activities (R19)', () => {
  it('a request reaches its link with the reads recorded as markers, not scheduled as activity tasks', async () => {
    const { uid, mail, workflowId } = await user.newUser();
    await user.requestLink(uid);
    await user.linkFor(mail);

    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.flatMap(
      (e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? [],
    );
    expect(scheduled).toEqual(expect.arrayContaining(['findUser', 'issueLink']));
    expect(scheduled.filter((name) => localReads.includes(name))).toEqual([]);
    const markers = events.flatMap((e) =>
      e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED
        ? [e.markerRecordedEventAttributes?.markerName]
        : [],
    );
    // The patch that tells new recoveries from those started before (which replay as they ran).
    expect(markers).toContain('core_patch');
    expect(markers.filter((name) => name === 'core_local_activity')).toHaveLength(3);
  });
});
