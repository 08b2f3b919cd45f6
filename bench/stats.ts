/** Order statistics of a sample, for the benchmarks' tables. */

/** The p-th percentile (0-100) by linear interpolation between the closest ranks; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Spread {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  count: number;
}

export function spread(values: readonly number[]): Spread {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
    count: values.length,
  };
}

/** "median (min–max)" of several runs' figures, for noisy machines. */
export function acrossRuns(values: readonly number[]): {
  median: number;
  min: number;
  max: number;
} {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}
