import { openDatabase } from '../db/database';
import { type JourneyTimings, journeySteps, recoverOverHttp, runPool } from './journey';
import { loadAverage, type ProcessUsage, watchProcesses } from './process-usage';
import { processTable } from './report';
import type { BenchStack } from './stack';
import { acrossRuns, percentile } from './stats';
import { type Cell, formatRange, formatTable } from './table';
import { enrollUsers, seedUsers } from './users';

export interface RecoveryRun {
  concurrency: number;
  recoveries: number;
  failures: string[];
  seconds: number;
  perSecond: number;
  timings: JourneyTimings[];
  usage: Record<string, ProcessUsage>;
  loadBefore: number;
  loadAfter: number;
}

/**
 * Part 1: enrolled users go through the whole recovery over HTTP, `concurrency` at a time;
 * each run has users of its own (seeded in slapd and enrolled in the database beforehand).
 */
export async function runRecoveries(
  stack: BenchStack,
  options: { concurrency: number; recoveries: number; label: string },
): Promise<RecoveryRun> {
  const users = await seedUsers(stack.slapd, options.label, options.recoveries);
  const db = openDatabase(stack.database);
  try {
    await enrollUsers(db, users);
  } finally {
    await db.destroy();
  }
  return measureRun(stack, users, options.concurrency, (user) => recoverOverHttp(stack, user));
}

/** Runs the recoveries through a pool, watching every process and the load around them. */
export async function measureRun<T>(
  stack: Pick<BenchStack, 'processes'>,
  items: readonly T[],
  concurrency: number,
  recover: (item: T) => Promise<JourneyTimings>,
): Promise<RecoveryRun> {
  const loadBefore = loadAverage();
  const watch = watchProcesses(stack.processes());
  const pool = await runPool(items, concurrency, recover);
  const usage = watch.stop();
  return {
    concurrency,
    recoveries: pool.results.length,
    failures: pool.failures,
    seconds: pool.seconds,
    perSecond: pool.results.length / pool.seconds,
    timings: pool.results,
    usage,
    loadBefore,
    loadAfter: loadAverage(),
  };
}

const stepNames: Record<(typeof journeySteps)[number], string> = {
  request: 'request (start page, form)',
  linkMail: 'link e-mail received',
  open: 'open (link, button, questions)',
  answers: 'answers (form, next page)',
  keyMail: 'temporary key e-mail received',
  total: 'whole recovery',
};

/** The tables of part 1, from every run at every concurrency. */
export function recoveriesSection(runs: readonly RecoveryRun[], ceiling?: Map<number, number>) {
  const levels = [...new Set(runs.map((r) => r.concurrency))];
  const at = (c: number) => runs.filter((r) => r.concurrency === c);
  const summary: Cell[][] = levels.map((c) => {
    const rate = acrossRuns(at(c).map((r) => r.perSecond));
    const limit = ceiling?.get(c);
    return [
      c,
      at(c).length,
      at(c)[0]?.recoveries ?? 0,
      formatRange(rate),
      limit === undefined ? '–' : `${((100 * rate.median) / limit).toFixed(0)} %`,
      at(c).reduce((n, r) => n + r.failures.length, 0),
    ];
  });
  const steps: Cell[][] = levels.flatMap((c) =>
    journeySteps.map((step) => {
      const of = (p: number) =>
        formatRange(
          acrossRuns(
            at(c).map((r) =>
              percentile(
                r.timings.map((t) => t[step]),
                p,
              ),
            ),
          ),
        );
      return [c, stepNames[step], of(50), of(95), of(99)];
    }),
  );
  const processes = levels
    .map(
      (c) =>
        `Concurrency ${c}:\n\n${processTable(
          at(c).map((r) => ({ usage: r.usage, units: r.recoveries })),
          'recovery',
        )}`,
    )
    .join('\n\n');
  const failures = runs.flatMap((r) => r.failures);
  const loads = runs.map((r) => `${r.loadBefore.toFixed(1)}→${r.loadAfter.toFixed(1)}`).join(', ');
  const markdown = [
    formatTable(
      ['concurrency', 'runs', 'recoveries per run', 'recoveries/s', 'of the ceiling', 'failed'],
      summary,
    ),
    'Each step, in milliseconds (median over the runs of each run’s percentile):',
    formatTable(['concurrency', 'step', 'p50', 'p95', 'p99'], steps),
    'CPU and memory of each process while the recoveries ran (“bench” is this program: the ' +
      'simulated browsers and the SMTP catcher):',
    processes,
    `Load average (1 min) before→after each run: ${loads}.`,
    ...(failures.length > 0
      ? [`First failures: ${[...new Set(failures)].slice(0, 3).join('; ')}`]
      : []),
  ].join('\n\n');
  return { title: 'Full recoveries over HTTP', markdown, figures: runs.map(withoutTimings) };
}

function withoutTimings({ timings, ...run }: RecoveryRun) {
  const steps = Object.fromEntries(
    journeySteps.map((step) => {
      const values = timings.map((t) => t[step]);
      return [
        step,
        { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) },
      ];
    }),
  );
  return { ...run, failures: run.failures.length, steps };
}
