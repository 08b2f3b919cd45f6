import type { OutcomeCount } from '../../db/dashboard-stats';
import type { RecoveryOutcome } from '../../workflows/messages';

/** The chart's series, bottom to top: outcomes grouped so that six colours tell the story. */
export const outcomeGroups = ['reset', 'expired', 'stopped', 'locked', 'failed', 'quiet'] as const;
export type OutcomeGroup = (typeof outcomeGroups)[number];

/** Every outcome in one group; the compiler asks for a new outcome's group. */
export const groupOf: Record<RecoveryOutcome, OutcomeGroup> = {
  'password-reset': 'reset',
  'link-expired': 'expired',
  'session-expired': 'expired',
  // An admin deleted the user's questions while the recovery waited for them.
  'questions-deleted': 'stopped',
  'answers-locked': 'locked',
  'reset-failed': 'failed',
  // Ended without a word to the requester: unknown, no mail, disabled, locked out, the
  // address already at its inbox cap of links this hour.
  'no-account': 'quiet',
  'inbox-full': 'quiet',
  'no-mail': 'quiet',
  disabled: 'quiet',
  'locked-out': 'quiet',
};

export interface DayCounts {
  /** YYYY-MM-DD, UTC. */
  day: string;
  counts: Record<OutcomeGroup, number>;
  total: number;
}

/** The last `n` days (UTC) up to and including `today`'s, oldest first, as YYYY-MM-DD. */
export function lastDays(today: Date, n: number): string[] {
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: n }, (_, i) =>
    new Date(midnight - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** One entry per day (none missing), each outcome counted in its group; others are left out. */
export function dailySeries(days: readonly string[], rows: readonly OutcomeCount[]): DayCounts[] {
  const byDay = new Map(
    days.map((day) => [
      day,
      {
        day,
        counts: Object.fromEntries(outcomeGroups.map((g) => [g, 0])) as Record<
          OutcomeGroup,
          number
        >,
        total: 0,
      },
    ]),
  );
  for (const row of rows) {
    const entry = byDay.get(row.day);
    const group = Object.hasOwn(groupOf, row.outcome)
      ? groupOf[row.outcome as RecoveryOutcome]
      : undefined;
    if (!entry || !group) continue;
    entry.counts[group] += row.count;
    entry.total += row.count;
  }
  return [...byDay.values()];
}

/** Each group's sum over the days. */
export function totals(series: readonly DayCounts[]): Record<OutcomeGroup, number> & {
  all: number;
} {
  const sums = Object.fromEntries(outcomeGroups.map((g) => [g, 0])) as Record<OutcomeGroup, number>;
  for (const day of series) for (const g of outcomeGroups) sums[g] += day.counts[g];
  return { ...sums, all: series.reduce((n, day) => n + day.total, 0) };
}

/**
 * The axis's top: the smallest multiple of a round step (1, 2 or 5 times a power of ten) at
 * or above `max`, in at most `maxSteps` steps; whole numbers, since recoveries are counted.
 * An empty chart still has an axis from 0 to 1.
 */
export function niceScale(max: number, maxSteps = 5): { top: number; ticks: number[] } {
  const target = Math.max(max, 1);
  for (let magnitude = 1; ; magnitude *= 10) {
    for (const multiple of [1, 2, 5]) {
      const step = multiple * magnitude;
      const steps = Math.ceil(target / step);
      if (steps <= maxSteps) {
        return { top: step * steps, ticks: Array.from({ length: steps + 1 }, (_, i) => i * step) };
      }
    }
  }
}

export interface ChartArea {
  /** The plot's box inside the SVG's viewBox: left, top, width, height. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Bar {
  day: string;
  x: number;
  width: number;
  /** The day's label is drawn under every few bars, so that 30 labels do not collide. */
  labelled: boolean;
  segments: Array<{ group: OutcomeGroup; count: number; y: number; height: number }>;
}

/** Where each day's stacked bar and each tick go in `area` (y grows downwards, as in SVG). */
export function stackedBars(
  series: readonly DayCounts[],
  area: ChartArea,
  maxLabels = 10,
): { ticks: Array<{ value: number; y: number }>; bars: Bar[] } {
  const scale = niceScale(Math.max(0, ...series.map((d) => d.total)));
  const bottom = area.y + area.height;
  const yOf = (value: number) => bottom - (value / scale.top) * area.height;
  const slot = area.width / Math.max(series.length, 1);
  const labelEvery = Math.ceil(series.length / maxLabels);
  const bars = series.map((day, i) => {
    let below = 0;
    const segments = outcomeGroups
      .filter((group) => day.counts[group] > 0)
      .map((group) => {
        const count = day.counts[group];
        const y = yOf(below + count);
        const height = yOf(below) - y;
        below += count;
        return { group, count, y, height };
      });
    const labelled = (series.length - 1 - i) % labelEvery === 0;
    return {
      day: day.day,
      x: area.x + i * slot + slot * 0.15,
      width: slot * 0.7,
      labelled,
      segments,
    };
  });
  return { ticks: scale.ticks.map((value) => ({ value, y: yOf(value) })), bars };
}
