import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summariseProfile } from '../../bench/cpu-profile';
import { linkPath } from '../../bench/journey';
import { Mailbox } from '../../bench/mailbox';
import {
  acrossRuns,
  median,
  percentile,
  probabilityOfSuperiority,
  spread,
} from '../../bench/stats';
import { formatNumber, formatRange, formatTable } from '../../bench/table';
import { clientAddressOf } from '../../bench/users';

/** The benchmarks' pure helpers (bench/), so that `npm run bench` cannot rot unnoticed. */
describe('bench: statistics', () => {
  it('interpolates percentiles between the closest ranks', () => {
    const values = [40, 10, 30, 20];
    expect(percentile(values, 0)).toBe(10);
    expect(percentile(values, 100)).toBe(40);
    expect(median(values)).toBe(25);
    expect(percentile(values, 75)).toBe(32.5);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises a sample and several runs', () => {
    const values = Array.from({ length: 101 }, (_, i) => i);
    expect(spread(values)).toEqual({ p50: 50, p95: 95, p99: 99, max: 100, count: 101 });
    expect(acrossRuns([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
  });

  it("gives Mann-Whitney's U as the probability that one sample's value is the larger", () => {
    expect(probabilityOfSuperiority([4, 5, 6], [1, 2, 3])).toBe(1);
    expect(probabilityOfSuperiority([1, 2, 3], [4, 5, 6])).toBe(0);
    // Ties count half: the same sample is neither larger nor smaller.
    expect(probabilityOfSuperiority([1, 2, 2, 3], [1, 2, 2, 3])).toBe(0.5);
    expect(probabilityOfSuperiority([7, 7], [7, 7, 7])).toBe(0.5);
    // [1, 3] against [2]: one of the two pairs is larger.
    expect(probabilityOfSuperiority([1, 3], [2])).toBe(0.5);
    // Against every pair counted by hand: 5 of [5, 1, 9] x [2, 6, 4] pairs, and none tied.
    expect(probabilityOfSuperiority([5, 1, 9], [2, 6, 4])).toBeCloseTo(5 / 9);
    expect(probabilityOfSuperiority([3, 2], [2])).toBe(0.75);
    expect(probabilityOfSuperiority([], [1])).toBeNaN();
  });
});

describe('bench: tables', () => {
  it('writes numbers with about three significant figures', () => {
    expect(formatNumber(1234.56)).toBe('1,235');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(1.2345)).toBe('1.23');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatRange({ median: 2, min: 1.5, max: 3 })).toBe('2 (1.50–3)');
    expect(formatRange({ median: 2, min: 2, max: 2 })).toBe('2');
  });

  it('lines up a Markdown table: figures to the right, text to the left', () => {
    const table = formatTable(
      ['step', 'p50'],
      [
        ['request', 12.5],
        ['link e-mail received', '700 (650–720)'],
      ],
    );
    expect(table.split('\n')).toEqual([
      '| step                 |           p50 |',
      '| -------------------- | ------------: |',
      '| request              |          12.5 |',
      '| link e-mail received | 700 (650–720) |',
    ]);
  });
});

describe('bench: simulated users', () => {
  it('finds the one-time link in an e-mail', () => {
    const token = 'a'.repeat(43);
    expect(linkPath(`Open http://127.0.0.1:3000/link/${token} within 15 minutes`)).toBe(
      `/link/${token}`,
    );
    expect(linkPath('no link here')).toBeUndefined();
  });

  it('gives each user an address of its own in 198.18.0.0/15', () => {
    expect(clientAddressOf({ uid: 'u', mail: 'u@x', index: 0 })).toBe('198.18.0.0');
    expect(clientAddressOf({ uid: 'u', mail: 'u@x', index: 258 })).toBe('198.18.1.2');
    expect(clientAddressOf({ uid: 'u', mail: 'u@x', index: 65_536 })).toBe('198.19.0.0');
  });

  it('hands each message to the one waiting for it, whether it came before or after', async () => {
    const mailbox = new Mailbox();
    mailbox.deliver({ to: ['Ana@example.org'], subject: 'first', text: '' });
    const later = mailbox.take('ana@example.org', (m) => m.subject === 'second', 1_000);
    mailbox.deliver({ to: ['ana@example.org'], subject: 'second', text: '' });
    expect((await later).subject).toBe('second');
    expect((await mailbox.take('ana@example.org', () => true, 1_000)).subject).toBe('first');
    expect(mailbox.received).toBe(2);
    await expect(mailbox.take('ana@example.org', () => true, 10)).rejects.toThrow(/no matching/);
  });
});

describe('bench: CPU profiles', () => {
  it("counts each function's own samples, by package and by function, idle left out", async () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(idle)', '') },
        { id: 2, callFrame: frame('parse', 'file:///x/node_modules/mailparser/lib/a.js') },
        { id: 3, callFrame: frame('hash', 'file:///x/node_modules/@node-rs/argon2/index.js') },
      ],
      samples: [1, 2, 3, 2, 1],
      timeDeltas: [0, 1000, 1000, 2000, 5000],
      startTime: 0,
      endTime: 9000,
    };
    const file = join(await mkdtemp(join(tmpdir(), 'bench-profile-')), 'p.cpuprofile');
    await writeFile(file, JSON.stringify(profile));
    const all = summariseProfile(file);
    expect(all.busyMs).toBe(4);
    expect(all.places.map((p) => [p.name, p.ms, p.share])).toEqual([
      ['mailparser', 3, 0.75],
      ['@node-rs/argon2', 1, 0.25],
    ]);
    // The last 6 ms: the samples at 4 ms and later.
    expect(summariseProfile(file, { lastMs: 6 }).busyMs).toBe(2);
  });
});
