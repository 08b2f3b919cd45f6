/** Markdown tables for the terminal and docs/BENCHMARKS.md alike. */

export type Cell = string | number;

/** A number as a table shows it: three significant figures or so, no exponent; '–' for none. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 || Number.isInteger(value) ? 0 : magnitude >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** Several runs' figure as "median (min–max)"; just the median when they agree. */
export function formatRange(range: { median: number; min: number; max: number }): string {
  const [median, min, max] = [range.median, range.min, range.max].map(formatNumber);
  return min === max ? (median as string) : `${median} (${min}–${max})`;
}

/** Columns padded to their widest cell; numbers right-aligned, text left-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
): string {
  const text = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)),
  );
  // Figures (numbers, and ranges such as "12 (10–14)") line up on the right.
  const numeric = headers.map(
    (_, i) => rows.length > 0 && text.every((row) => /^[\d–]/.test(row[i] ?? '')),
  );
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...text.map((row) => (row[i] ?? '').length), 3),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells
      .map((cell, i) =>
        numeric[i] ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number),
      )
      .join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [
    line(headers),
    rule,
    ...text.map((row) => line(headers.map((_, i) => row[i] ?? ''))),
  ].join('\n');
}
