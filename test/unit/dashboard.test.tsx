import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n';
import { enrollmentCoverage } from '../../web/admin/enrollment-coverage';
import {
  dailySeries,
  lastDays,
  niceScale,
  outcomeGroups,
  stackedBars,
  totals,
} from '../../web/admin/outcome-chart';
import { OutcomeChart } from '../../web/admin/views/outcome-chart';

describe("the dashboard's chart of recoveries per day", () => {
  it('lists the last days in UTC, oldest first, across a month end', () => {
    expect(lastDays(new Date('2026-03-02T23:59:00Z'), 4)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(lastDays(new Date('2026-03-02T00:00:00Z'), 1)).toEqual(['2026-03-02']);
  });

  it('fills every day, groups the outcomes, and leaves out days and outcomes it does not know', () => {
    const series = dailySeries(
      ['2026-03-01', '2026-03-02'],
      [
        { day: '2026-03-01', outcome: 'password-reset', count: 3 },
        { day: '2026-03-01', outcome: 'link-expired', count: 1 },
        { day: '2026-03-01', outcome: 'session-expired', count: 2 },
        { day: '2026-03-01', outcome: 'no-mail', count: 1 },
        { day: '2026-03-01', outcome: 'no-account', count: 4 },
        { day: '2026-02-28', outcome: 'password-reset', count: 9 },
        { day: '2026-03-01', outcome: 'toString', count: 9 },
      ],
    );
    expect(series).toEqual([
      {
        day: '2026-03-01',
        counts: { reset: 3, expired: 3, stopped: 0, locked: 0, failed: 0, quiet: 5 },
        total: 11,
      },
      {
        day: '2026-03-02',
        counts: { reset: 0, expired: 0, stopped: 0, locked: 0, failed: 0, quiet: 0 },
        total: 0,
      },
    ]);
    expect(totals(series)).toEqual({
      reset: 3,
      expired: 3,
      stopped: 0,
      locked: 0,
      failed: 0,
      quiet: 5,
      all: 11,
    });
  });

  it('puts the axis top on a round number at or above the tallest bar, in at most five steps', () => {
    expect(niceScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(niceScale(3)).toEqual({ top: 3, ticks: [0, 1, 2, 3] });
    expect(niceScale(7)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
    expect(niceScale(10)).toEqual({ top: 10, ticks: [0, 2, 4, 6, 8, 10] });
    expect(niceScale(11)).toEqual({ top: 15, ticks: [0, 5, 10, 15] });
    expect(niceScale(1234)).toEqual({ top: 1500, ticks: [0, 500, 1000, 1500] });
  });

  it('stacks each day from the bottom in the groups order, its height in proportion to the count', () => {
    const area = { x: 40, y: 10, width: 200, height: 100 };
    const series = dailySeries(
      ['2026-03-01', '2026-03-02'],
      [
        { day: '2026-03-01', outcome: 'password-reset', count: 2 },
        { day: '2026-03-01', outcome: 'answers-locked', count: 1 },
        { day: '2026-03-02', outcome: 'reset-failed', count: 4 },
      ],
    );
    const { ticks, bars } = stackedBars(series, area);
    expect(ticks.map((t) => [t.value, t.y])).toEqual([
      [0, 110],
      [1, 85],
      [2, 60],
      [3, 35],
      [4, 10],
    ]);
    const [first, second] = bars;
    expect(first).toMatchObject({ day: '2026-03-01', x: 55, width: 70, labelled: true });
    expect(first?.segments).toEqual([
      { group: 'reset', count: 2, y: 60, height: 50 },
      { group: 'locked', count: 1, y: 35, height: 25 },
    ]);
    expect(second).toMatchObject({ x: 155, labelled: true });
    expect(second?.segments).toEqual([{ group: 'failed', count: 4, y: 10, height: 100 }]);
    expect(outcomeGroups.indexOf('reset')).toBeLessThan(outcomeGroups.indexOf('locked'));
  });

  it('labels every few days of thirty, always today, and leaves an empty day without segments', () => {
    const days = lastDays(new Date('2026-03-30T12:00:00Z'), 30);
    const { bars } = stackedBars(dailySeries(days, []), { x: 0, y: 0, width: 300, height: 100 });
    const labelled = bars.filter((b) => b.labelled).map((b) => b.day);
    expect(labelled.length).toBeLessThanOrEqual(10);
    expect(labelled.at(-1)).toBe('2026-03-30');
    expect(bars.every((b) => b.segments.length === 0)).toBe(true);
  });
});

describe("the dashboard's numbers", () => {
  it("are written in the reader's language: the chart's axis, legend and table", () => {
    const series = dailySeries(
      ['2026-03-01'],
      [{ day: '2026-03-01', outcome: 'password-reset', count: 12_345 }],
    );
    const html = (locale: 'en' | 'es') =>
      String(
        <OutcomeChart series={series} locale={locale} t={messagesFor(locale).admin.dashboard} />,
      );
    const en = html('en');
    expect(en).toContain('<td>12,345</td>');
    expect(en).toContain('<th scope="row">Mar 1</th>');
    expect(en).toContain('>15,000</text>');
    expect(en).toContain('12,345 recoveries ended in the last 1 days');
    const es = html('es');
    expect(es).toContain('<td>12.345</td>');
    expect(es).toContain('<th scope="row">1 mar</th>');
    expect(es).toContain('Contraseña restablecida (12.345)');
    expect(es).toContain('12.345 recuperaciones terminaron en los últimos 1 días');
  });

  it('enrollment coverage counts only users who can recover, and never above all of them', () => {
    const census = {
      users: 10,
      disabled: 2,
      withoutMail: 3,
      withoutMailSample: [],
      complete: true,
    };
    expect(enrollmentCoverage(census, 4)).toEqual({ eligible: 5, enrolled: 4, ratio: 0.8 });
    expect(enrollmentCoverage(census, 9)).toEqual({ eligible: 5, enrolled: 5, ratio: 1 });
    expect(enrollmentCoverage({ ...census, users: 5 }, 1)).toEqual({
      eligible: 0,
      enrolled: 0,
      ratio: 0,
    });
  });
});
