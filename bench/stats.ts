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

/**
 * Mann–Whitney's U as an effect size: the probability that a value drawn from `a` is larger
 * than one drawn from `b`, ties counting half (0.5: neither tends to be larger; 0 or 1: every
 * value of one is larger). Unlike a p-value it does not shrink with the sample's size, so a
 * bound on it tells a real difference from noise at any size. NaN when a sample is empty.
 */
export function probabilityOfSuperiority(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return Number.NaN;
  const all: Array<{ value: number; inA: boolean }> = [
    ...a.map((value) => ({ value, inA: true })),
    ...b.map((value) => ({ value, inA: false })),
  ].sort((x, y) => x.value - y.value);
  // Ranks over both samples together, ties given their average rank; U of `a` from its rank sum.
  let rankSumA = 0;
  let start = 0;
  while (start < all.length) {
    let end = start;
    while (all[end + 1]?.value === all[start]?.value && end + 1 < all.length) end++;
    const averageRank = (start + end) / 2 + 1;
    for (const entry of all.slice(start, end + 1)) if (entry.inA) rankSumA += averageRank;
    start = end + 1;
  }
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  return u / (a.length * b.length);
}

/** A new array in random order (Fisher-Yates): interleaves the classes a benchmark compares. */
export function shuffled<T>(values: readonly T[]): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
