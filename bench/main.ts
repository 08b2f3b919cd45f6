import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { recoveryWorkflowId } from '../common/domain/workflow-ids';
import { benchAdminSignIn } from './admin-sign-in';
import { benchArgon2 } from './argon2';
import { startCeiling } from './ceiling';
import { summariseProfile } from './cpu-profile';
import { historyTable, historyTimings } from './history-timing';
import { describeMachine } from './machine';
import { benchPages, defaultPageRates } from './pages';
import { type RecoveryRun, recoveriesSection, runRecoveries } from './recoveries';
import type { Section } from './report';
import { type BenchStack, startBenchStack } from './stack';
import { median } from './stats';
import { formatTable } from './table';
import { benchTiming } from './timing';
import { benchWaiting } from './waiting';

const allParts = [
  'argon2',
  'admin-sign-in',
  'journeys',
  'ceiling',
  'pages',
  'waiting',
  'timing',
] as const;

const usage = `Usage: npm run bench [-- [part...] [options]]

Parts (default: all, in this order): ${allParts.join(' ')}

Options:
  --runs N             runs of each journeys/ceiling level (default 3)
  --concurrency LIST   concurrency levels (default 1,10,50)
  --recoveries LIST    recoveries per run at each level (default 10,40,100)
  --seconds N          length of each load level of the pages part (default 10)
  --waiting N          recoveries left waiting for a click (default 1000; the issue's figure: 10000)
  --timing N           start forms of each kind of name the timing part compares (default 1000)
  --temporal-memory    Temporal keeps its state in memory, not in a SQLite file as npm start's
  --profile DIR        write web and worker CPU profiles there and summarise them
  --out FILE           also write the report (Markdown) to FILE
  --json FILE          write every figure as JSON to FILE
  --keep               keep the temporary folder (servers' data and logs)

Everything runs on this machine on free ports, in a temporary folder; Ctrl-C stops it all.`;

type Part = (typeof allParts)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '1,10,50' },
    recoveries: { type: 'string', default: '10,40,100' },
    seconds: { type: 'string', default: '10' },
    waiting: { type: 'string', default: '1000' },
    timing: { type: 'string', default: '1000' },
    'temporal-memory': { type: 'boolean', default: false },
    profile: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || positionals.some((p) => !allParts.includes(p as Part))) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}
const parts = new Set<Part>(positionals.length > 0 ? (positionals as Part[]) : allParts);
const list = (value: string) => value.split(',').map((v) => Number(v.trim()));
const levels = list(values.concurrency);
const sizes = list(values.recoveries);
const runs = Number(values.runs);
const log = (line: string) => console.error(`bench: ${line}`);

const root = await mkdtemp(join(tmpdir(), 'sspr-bench-'));
let stack: BenchStack | undefined;
let stopping: Promise<void> | undefined;
const cleanUp = () => {
  stopping ??= (async () => {
    await stack?.stop();
    if (!values.keep) await rm(root, { recursive: true, force: true });
  })();
  return stopping;
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log('stopping');
    void cleanUp().then(() => process.exit(130));
  });
}

const sections: Section[] = [];
const started = new Date();
const machine = describeMachine();
try {
  if (parts.has('argon2')) {
    log('argon2');
    sections.push(await benchArgon2(40));
  }
  if (parts.has('admin-sign-in')) {
    log('admin sign-in');
    sections.push(await benchAdminSignIn(root, 20));
  }
  // Those two start what they need themselves.
  const needsStack = [...parts].some((p) => p !== 'argon2' && p !== 'admin-sign-in');
  if (needsStack) {
    log(`starting the stack in ${root}`);
    const profileDir = values.profile ? resolve(values.profile) : undefined;
    stack = await startBenchStack({
      root,
      temporalInMemory: values['temporal-memory'],
      profileDir,
    });
    const measuringFrom = Date.now();
    if (parts.has('journeys') || parts.has('ceiling')) {
      sections.push(...(await journeysAndCeiling(stack)));
    }
    if (parts.has('pages')) {
      log('pages');
      const rates = defaultPageRates;
      sections.push(await benchPages(stack, { rates, seconds: Number(values.seconds) }, log));
    }
    if (parts.has('waiting')) {
      log(`${values.waiting} waiting recoveries`);
      sections.push(await benchWaiting(stack, { count: Number(values.waiting), clicks: 5 }, log));
    }
    if (parts.has('timing')) {
      log(`timing: ${values.timing} start forms of each kind of name`);
      sections.push(await benchTiming(stack, { count: Number(values.timing), warmUp: 20 }, log));
    }
    const measuredMs = Date.now() - measuringFrom;
    await stack.stop();
    if (profileDir) sections.push(profilesSection(profileDir, measuredMs));
  }
  const report = [
    '# SSPR benchmarks',
    `${started.toISOString()}, \`${process.argv.slice(2).join(' ') || '(defaults)'}\``,
    machine,
    ...sections.map((s) => `## ${s.title}\n\n${s.markdown}`),
  ].join('\n\n');
  console.log(report);
  if (values.out) await writeFile(values.out, `${report}\n`);
  if (values.json) {
    const figures = Object.fromEntries(sections.map((s) => [s.title, s.figures]));
    await writeFile(values.json, `${JSON.stringify({ started, machine, figures }, null, 2)}\n`);
  }
} finally {
  await cleanUp();
}

/** Parts 1 and 2, their runs interleaved so that the machine's noise falls on both alike. */
async function journeysAndCeiling(stack: BenchStack): Promise<Section[]> {
  const ours: RecoveryRun[] = [];
  const limit: RecoveryRun[] = [];
  const ceiling = parts.has('ceiling') ? await startCeiling(stack, root) : undefined;
  try {
    for (let run = 1; run <= runs; run++) {
      for (const [i, concurrency] of levels.entries()) {
        const recoveries = sizes[i] ?? sizes.at(-1) ?? 10;
        if (parts.has('journeys')) {
          const label = `bench.r${run}c${concurrency}`;
          ours.push(await runRecoveries(stack, { concurrency, recoveries, label }));
          log(`run ${run}, concurrency ${concurrency}: ${rate(ours.at(-1))}`);
        }
        if (ceiling) {
          const label = `ceiling.r${run}c${concurrency}`;
          limit.push(await ceiling.run({ concurrency, recoveries, label }));
          log(`ceiling, run ${run}, concurrency ${concurrency}: ${rate(limit.at(-1))}`);
        }
      }
    }
  } finally {
    await ceiling?.stop();
  }
  const ceilingRates = new Map(
    levels.map((c) => [
      c,
      median(limit.filter((r) => r.concurrency === c).map((r) => r.perSecond)),
    ]),
  );
  const sections: Section[] = [];
  if (ours.length > 0) {
    const section = recoveriesSection(ours, limit.length > 0 ? ceilingRates : undefined);
    section.markdown += `\n\n${await whereTimeWent(stack, 'bench')}`;
    sections.push(section);
  }
  if (limit.length > 0) {
    const section = recoveriesSection(limit);
    sections.push({
      title: 'The ceiling: the same workflow, activities that do nothing',
      markdown: section.markdown,
      figures: section.figures,
    });
  }
  return sections;
}

function rate(run: RecoveryRun | undefined): string {
  if (!run) return '';
  const failed = run.failures.length > 0 ? `, ${run.failures.length} failed` : '';
  return `${run.recoveries} recoveries in ${run.seconds.toFixed(1)} s, ${run.perSecond.toFixed(2)}/s${failed}`;
}

/** Temporal's own clock over the last run's recoveries at the lowest and highest concurrency. */
async function whereTimeWent(stack: BenchStack, prefix: string): Promise<string> {
  const connection = await Connection.connect({ address: stack.temporal.address });
  try {
    const client = new Client({ connection, namespace: stack.temporal.namespace });
    const tables: string[] = [];
    for (const concurrency of new Set([Math.min(...levels), Math.max(...levels)])) {
      const size = sizes[levels.indexOf(concurrency)] ?? 10;
      const ids = Array.from({ length: Math.min(size, 20) }, (_, i) =>
        recoveryWorkflowId(`${prefix}.r${runs}c${concurrency}.${i}`),
      );
      tables.push(
        `Where a recovery's time went by Temporal's clock (its history), concurrency ${concurrency}, ` +
          `${ids.length} recoveries of the last run:\n\n${historyTable(await historyTimings(client, ids))}`,
      );
    }
    return tables.join('\n\n');
  } finally {
    await connection.close();
  }
}

/** The web's and worker's CPU profiles over the measured parts, where their time went. */
function profilesSection(dir: string, lastMs: number): Section {
  const figures: Record<string, unknown> = {};
  const markdown = ['web', 'worker']
    .map((name) => {
      const summary = summariseProfile(join(dir, `${name}.cpuprofile`), { lastMs, top: 10 });
      figures[name] = summary;
      const rows = (entries: typeof summary.places) =>
        entries.map((e) => [e.name, e.ms, `${(100 * e.share).toFixed(1)} %`]);
      return [
        `${name}: ${(summary.busyMs / 1000).toFixed(1)} s of the main thread busy (profile in ${dir})`,
        formatTable(['where', 'ms', 'share'], rows(summary.places)),
        formatTable(['function', 'ms', 'share'], rows(summary.functions)),
      ].join('\n\n');
    })
    .join('\n\n');
  return { title: 'CPU profiles (main threads of web and worker)', markdown, figures };
}
