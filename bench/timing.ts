import { performance } from 'node:perf_hooks';
import { httpBrowser } from './journey';
import type { Section } from './report';
import type { BenchStack } from './stack';
import { median, percentile, probabilityOfSuperiority, shuffled } from './stats';
import { formatTable } from './table';
import { type BenchUser, seedUsers } from './users';

/** The kinds of name the start form must not tell apart (S4); the first is the reference. */
export const startClasses = [
  'with mail',
  'unknown',
  'without mail',
  'again while running',
] as const;
export type StartClass = (typeof startClasses)[number];

/**
 * Milliseconds of `send` for each kind, `count` each: every round sends one of each kind in a
 * new random order, so that the machine's load falls on every kind alike, and the first
 * `warmUp` rounds are not kept.
 */
export async function timeInterleaved<K extends string>(
  kinds: readonly K[],
  options: { count: number; warmUp: number },
  send: (kind: K, round: number) => Promise<number>,
): Promise<Record<K, number[]>> {
  const latencies = Object.fromEntries(kinds.map((kind) => [kind, [] as number[]])) as Record<
    K,
    number[]
  >;
  for (let round = 0; round < options.count + options.warmUp; round++) {
    for (const kind of shuffled(kinds)) {
      const elapsed = await send(kind, round);
      if (round >= options.warmUp) latencies[kind].push(elapsed);
    }
  }
  return latencies;
}

/**
 * Part 5, enumeration by timing (S4): `count` start forms of each class sent to the real web
 * process one at a time, the classes interleaved in a shuffled order each round, the first
 * `warmUp` rounds discarded. Each class's median is compared with that of users who get a
 * link; test/integration/start-timing.test.ts holds the same comparison to a bound.
 */
export async function benchTiming(
  stack: BenchStack,
  options: { count: number; warmUp: number },
  log: (line: string) => void,
): Promise<Section> {
  const rounds = options.count + options.warmUp;
  log(`seeding ${3 * rounds} users`);
  // One client address per user (its index), so that no per-client limit is reached.
  const users: Record<StartClass, BenchUser[]> = {
    'with mail': await seedUsers(stack.slapd, 'bench.timing.mail', rounds, 0),
    unknown: Array.from({ length: rounds }, (_, i) => ({
      uid: `bench.timing.nobody.${i}`,
      mail: '',
      index: rounds + i,
    })),
    'without mail': await seedUsers(stack.slapd, 'bench.timing.nomail', rounds, 2 * rounds, false),
    'again while running': await seedUsers(stack.slapd, 'bench.timing.again', rounds, 3 * rounds),
  };
  log('starting the recoveries asked for again');
  for (const user of users['again while running']) await sendStartForm(stack, user);

  log(`${rounds} rounds of ${startClasses.length} start forms`);
  const latencies = await timeInterleaved(startClasses, options, (kind, round) =>
    sendStartForm(stack, users[kind][round] as BenchUser),
  );

  const reference = latencies['with mail'];
  const rows = startClasses.map((kind) => {
    const values = latencies[kind];
    return {
      kind,
      count: values.length,
      p50: median(values),
      p95: percentile(values, 95),
      differenceMs: median(values) - median(reference),
      superiority: probabilityOfSuperiority(values, reference),
    };
  });
  return {
    title: 'Enumeration by timing: the start form for every kind of name',
    markdown: [
      `${options.count} start forms of each kind (after ${options.warmUp} rounds of warm-up), one at a time to the web process, the kinds interleaved in a new random order each round. "Difference" is the kind's median less that of users with mail; "P(slower)" the probability that one of its requests is slower than one of theirs (Mann–Whitney; 0.5: no tendency either way).`,
      formatTable(
        ['kind of name', 'requests', 'p50 ms', 'p95 ms', 'difference of medians, ms', 'P(slower)'],
        rows.map((r) => [
          r.kind,
          r.count,
          r.p50,
          r.p95,
          r.differenceMs.toFixed(2),
          r.superiority.toFixed(3),
        ]),
      ),
    ].join('\n\n'),
    figures: rows,
  };
}

/** The start page, then its form, as the user's browser; returns the form's milliseconds. */
async function sendStartForm(stack: BenchStack, user: BenchUser): Promise<number> {
  const b = httpBrowser(stack.baseUrl, user);
  await b.get('/');
  const started = performance.now();
  const answer = await b.post('/', { username: user.uid });
  const elapsed = performance.now() - started;
  if (answer.status !== 200) throw new Error(`start form for ${user.uid}: ${answer.status}`);
  return elapsed;
}
