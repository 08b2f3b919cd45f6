import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { median, probabilityOfSuperiority } from '../../bench/stats';
import { type StartClass, startClasses, timeInterleaved } from '../../bench/timing';
import { browser } from '../../dev/form-browser';
import { journeys } from '../support/journey';
import { type Stack, startStackOn, uniqueUid } from '../support/stack';
import type { TestDirectory } from '../support/test-directory';

/**
 * Enumeration by timing (S4): the start page must take as long for an unknown name, a user
 * without mail and a second request while a recovery runs as for a user who gets a link. The
 * classes' requests are interleaved in a shuffled order, so that the machine's load falls on
 * every class alike, and the first rounds are discarded as warm-up. The bound is on an effect
 * size, Mann-Whitney's probability of superiority, which noise does not push far from 0.5 at
 * this size (its standard deviation under no difference is about 0.06 here, so the bound is
 * over four of them away), while a directory lookup before answering puts it near 0 or 1.
 */
const servers = inject('servers');
const directories: Array<[string, TestDirectory | undefined]> = [
  ['OpenLDAP', servers.directory],
  ['Samba AD (skipped when not root)', servers.activeDirectory],
];
const count = 40;
const warmUp = 5;
/** |P(a slower than b) - 0.5| above this is a difference no noise explains at this size. */
const maxEffect = 0.28;

const classes = startClasses;

describe.each(directories)('the start page takes as long for everyone, on %s (S4)', (_, dir) => {
  let stack: Stack<TestDirectory>;

  beforeAll(async () => {
    if (!dir) return;
    stack = await startStackOn(dir);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it.skipIf(!dir)(
    'known, unknown, without mail and repeated requests: latencies no test tells apart',
    async () => {
      const user = journeys(stack);
      // Everyone each round needs, made before anything is timed.
      const names = Object.fromEntries(classes.map((kind) => [kind, [] as string[]])) as Record<
        StartClass,
        string[]
      >;
      for (let round = 0; round < count + warmUp; round++) {
        names['with mail'].push((await user.newUser()).uid);
        names.unknown.push(uniqueUid('nobody'));
        names['without mail'].push((await user.newUser({ mail: false })).uid);
        const running = (await user.newUser()).uid;
        await user.requestLink(running);
        names['again while running'].push(running);
      }

      const latencies = await timeInterleaved(classes, { count, warmUp }, async (kind, round) => {
        const b = browser(stack.app);
        await b.get('/');
        const started = performance.now();
        const response = await b.post('/', { username: names[kind][round] as string });
        const elapsed = performance.now() - started;
        expect(response.status).toBe(200);
        return elapsed;
      });

      const reference = latencies['with mail'];
      const effects = classes.slice(1).map((kind) => ({
        kind,
        effect: probabilityOfSuperiority(latencies[kind], reference),
        medianDifferenceMs: median(latencies[kind]) - median(reference),
      }));
      for (const { kind, effect } of effects) {
        expect(
          Math.abs(effect - 0.5),
          `${kind} against with mail: ${JSON.stringify(effects)}`,
        ).toBeLessThan(maxEffect);
      }
    },
  );
});
