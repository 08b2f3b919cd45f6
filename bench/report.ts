import type { ProcessUsage } from './process-usage';
import { acrossRuns } from './stats';
import { type Cell, formatRange, formatTable } from './table';

/** One part's results: a title, its tables and notes in Markdown, and the raw figures. */
export interface Section {
  title: string;
  markdown: string;
  figures: unknown;
}

const mib = (bytes: number) => bytes / 2 ** 20;

/**
 * CPU and memory of each process over several runs of one phase: CPU as a share of one core and
 * per unit of work (a recovery, a request), the peak resident memory; medians (min–max).
 */
export function processTable(
  runs: ReadonlyArray<{ usage: Record<string, ProcessUsage>; units: number }>,
  unit: string,
): string {
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.usage)))];
  const rows: Cell[][] = names.map((name) => {
    const of = (pick: (u: ProcessUsage, units: number) => number) =>
      formatRange(
        acrossRuns(
          runs.flatMap((run) => {
            const usage = run.usage[name];
            return usage ? [pick(usage, run.units)] : [];
          }),
        ),
      );
    return [
      name,
      of((u) => u.cpuPercent),
      of((u, units) => (1000 * u.cpuSeconds) / Math.max(units, 1)),
      of((u) => mib(u.peakRssBytes)),
    ];
  });
  return formatTable(['process', 'CPU % of one core', `CPU ms per ${unit}`, 'peak RSS MiB'], rows);
}
