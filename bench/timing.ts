import { performance } from 'node:perf_hooks';
import { httpBrowser } from './journey';
import type { Section } from './report';
import type { BenchStack } from './stack';
import { median, percentile, probabilityOfSuperiority, shuffled } from './stats';
import { formatTable } from './table';
import { type BenchUser, seedUsers } from './users';

const classes = ['with mail', 'unknown', 'without mail', 'again while running'] as const;
type RequestClass = (typeof classes)[number];

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
  const users: Record<RequestClass, BenchUser[]> = {
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

  log(`${rounds} rounds of ${classes.length} start forms`);
  const latencies: Record<RequestClass, number[]> = {
    'with mail': [],
    unknown: [],
    'without mail': [],
    'again while running': [],
  };
  for (let round = 0; round < rounds; round++) {
    for (const kind of shuffled(classes)) {
      const elapsed = await sendStartForm(stack, users[kind][round] as BenchUser);
      if (round >= options.warmUp) latencies[kind].push(elapsed);
    }
  }

  const reference = latencies['with mail'];
  const rows = classes.map((kind) => {
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
