import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  financialYearOf,
  financialYearToDate,
  type Granularity,
  granularityOf,
  lastNPeriods,
  latestCompletePeriod,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodsBetween,
  previousPeriod,
  samePeriodLastYear,
  tryParsePeriod,
} from '../src/index.js';

const isoOfDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const dates = fc.integer({ min: 0, max: 47_000 }).map(isoOfDayNumber); // 1970 .. 2098
const granularities = fc.constantFrom<Granularity>('week', 'month', 'quarter', 'year');

describe('parsePeriod', () => {
  test.each([
    ['2025-07', 'month', '2025-07-01', '2025-07-31', 'July 2025'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29', 'February 2024'],
    ['2025-26-Q1', 'quarter', '2025-04-01', '2025-06-30', 'Q1 2025-26 (April to June 2025)'],
    ['2025-26-Q2', 'quarter', '2025-07-01', '2025-09-30', 'Q2 2025-26 (July to September 2025)'],
    ['2025-26-Q3', 'quarter', '2025-10-01', '2025-12-31', 'Q3 2025-26 (October to December 2025)'],
    ['2025-26-Q4', 'quarter', '2026-01-01', '2026-03-31', 'Q4 2025-26 (January to March 2026)'],
    ['2025-26', 'year', '2025-04-01', '2026-03-31', '2025-26'],
    ['1999-00', 'year', '1999-04-01', '2000-03-31', '1999-00'],
    ['2025-W27', 'week', '2025-06-30', '2025-07-06', 'Week 27 2025 (30 June to 6 July)'],
    ['2025-W28', 'week', '2025-07-07', '2025-07-13', 'Week 28 2025 (7 to 13 July)'],
    [
      '2026-W01',
      'week',
      '2025-12-29',
      '2026-01-04',
      'Week 1 2026 (29 December 2025 to 4 January 2026)',
    ],
    [
      '2020-W53',
      'week',
      '2020-12-28',
      '2021-01-03',
      'Week 53 2020 (28 December 2020 to 3 January 2021)',
    ],
    [
      '2015-W53',
      'week',
      '2015-12-28',
      '2016-01-03',
      'Week 53 2015 (28 December 2015 to 3 January 2016)',
    ],
    ['2024-W01', 'week', '2024-01-01', '2024-01-07', 'Week 1 2024 (1 to 7 January)'],
  ])('%s', (id, granularity, start, end, label) => {
    expect(parsePeriod(id)).toEqual({ id, granularity, start, end, label });
    expect(granularityOf(id)).toBe(granularity);
  });

  test.each([
    ['2025-13', /month/],
    ['2025-00', /month/],
    ['2025-27', /consecutive/], // not a financial year
    ['2025-26-Q5', /Q1 to Q4/],
    ['2025-26-Q0', /Q1 to Q4/],
    ['2025-27-Q1', /consecutive/],
    ['2025-W54', /52/],
    ['2025-W53', /52/], // 2025 has 52 ISO weeks
    ['2025-W00', /weeks 01/],
    ['2025-W1', /expected/],
    ['2025-7', /expected/],
    ['July 2025', /expected/],
    ['', /expected/],
    ['0000-01', /year/],
  ])('rejects %j with a clear message', (id, message) => {
    expect(() => parsePeriod(id)).toThrow(RangeError);
    expect(() => parsePeriod(id)).toThrow(message);
    expect(tryParsePeriod(id)).toBeNull();
  });

  test('2011-12 is December 2011 unless read as a financial year', () => {
    expect(parsePeriod('2011-12').granularity).toBe('month');
    expect(parsePeriod('2011-12', 'year')).toMatchObject({
      start: '2011-04-01',
      end: '2012-03-31',
    });
    expect(() => parsePeriod('2025-26', 'month')).toThrow(/not a month/);
  });

  test('granularityOf rejects shapeless ids', () => {
    expect(() => granularityOf('2025')).toThrow(RangeError);
  });
});

describe('periodContaining and navigation', () => {
  test.each([
    ['2025-07-15', 'month', '2025-07'],
    ['2025-03-31', 'quarter', '2024-25-Q4'],
    ['2025-04-01', 'quarter', '2025-26-Q1'],
    ['2025-12-31', 'quarter', '2025-26-Q3'],
    ['2025-03-31', 'year', '2024-25'],
    ['2025-04-01', 'year', '2025-26'],
    ['2025-07-01', 'week', '2025-W27'],
    ['2025-12-29', 'week', '2026-W01'],
    ['2021-01-03', 'week', '2020-W53'],
    ['2027-01-01', 'week', '2026-W53'],
  ] as const)('periodContaining(%s, %s) = %s', (d, g, id) => {
    expect(periodContaining(d, g).id).toBe(id);
  });

  test.each([
    ['2025-07', '2025-06', '2025-08'],
    ['2025-01', '2024-12', '2025-02'],
    ['2025-26-Q1', '2024-25-Q4', '2025-26-Q2'],
    ['2025-26-Q4', '2025-26-Q3', '2026-27-Q1'],
    ['2025-26', '2024-25', '2026-27'],
    ['2026-W01', '2025-W52', '2026-W02'],
    ['2020-W53', '2020-W52', '2021-W01'],
  ])('around %s: previous %s, next %s', (id, prev, next) => {
    const p = parsePeriod(id);
    expect(previousPeriod(p).id).toBe(prev);
    expect(nextPeriod(p).id).toBe(next);
  });

  test.each([
    ['2025-07', '2024-07'],
    ['2025-26-Q2', '2024-25-Q2'],
    ['2025-26', '2024-25'],
    ['2025-W27', '2024-W27'],
    ['2021-W01', '2020-W01'],
    ['2021-W52', '2020-W52'], // 2020 has a week 53 but the number is kept
    ['2026-W53', '2025-W52'], // 2025 has no week 53
  ])('samePeriodLastYear(%s) = %s', (id, expected) => {
    expect(samePeriodLastYear(parsePeriod(id)).id).toBe(expected);
  });

  test.each([
    ['2025-07', '2025-04-01', '2025-07-31'],
    ['2026-02', '2025-04-01', '2026-02-28'],
    ['2025-26-Q4', '2025-04-01', '2026-03-31'],
    ['2025-W14', '2025-04-01', '2025-04-06'], // week of 31 March - 6 April: FY of its end
    ['2024-25', '2024-04-01', '2025-03-31'],
  ])('financialYearToDate(%s) = %s..%s', (id, start, end) => {
    expect(financialYearToDate(parsePeriod(id))).toEqual({ start, end });
  });

  test('financialYearOf', () => {
    expect(financialYearOf('2025-03-31').id).toBe('2024-25');
    expect(financialYearOf('2025-04-01').id).toBe('2025-26');
  });

  test.each([
    ['2025-08-01', 'month', '2025-07'],
    ['2025-07-31', 'month', '2025-06'], // July is not over on its last day
    ['2025-10-01', 'quarter', '2025-26-Q2'],
    ['2025-04-01', 'year', '2024-25'],
    ['2025-07-07', 'week', '2025-W27'],
    ['2025-07-06', 'week', '2025-W26'],
  ] as const)('latestCompletePeriod(%s, %s) = %s', (today, g, id) => {
    expect(latestCompletePeriod(today, g).id).toBe(id);
  });

  test('periodsBetween and lastNPeriods', () => {
    expect(periodsBetween(parsePeriod('2025-11'), parsePeriod('2026-02')).map((p) => p.id)).toEqual(
      ['2025-11', '2025-12', '2026-01', '2026-02'],
    );
    expect(periodsBetween(parsePeriod('2025-07'), parsePeriod('2025-07')).map((p) => p.id)).toEqual(
      ['2025-07'],
    );
    expect(lastNPeriods(parsePeriod('2025-26-Q1'), 3).map((p) => p.id)).toEqual([
      '2024-25-Q3',
      '2024-25-Q4',
      '2025-26-Q1',
    ]);
    expect(lastNPeriods(parsePeriod('2025-07'), 0)).toEqual([]);
    expect(() => periodsBetween(parsePeriod('2025-08'), parsePeriod('2025-07'))).toThrow(
      RangeError,
    );
    expect(() => periodsBetween(parsePeriod('2025-07'), parsePeriod('2025-26'))).toThrow(
      RangeError,
    );
  });
});

describe('period properties', () => {
  test('parsePeriod(periodContaining(d).id) contains d and round-trips', () => {
    fc.assert(
      fc.property(dates, granularities, (d, g) => {
        const p = periodContaining(d, g);
        const parsed = parsePeriod(p.id, g);
        expect(parsed).toEqual(p);
        expect(parsed.start <= d && d <= parsed.end).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('previous(next(p)) = p and next(previous(p)) = p; periods tile the calendar', () => {
    fc.assert(
      fc.property(dates, granularities, (d, g) => {
        const p = periodContaining(d, g);
        const n = nextPeriod(p);
        expect(previousPeriod(n)).toEqual(p);
        expect(nextPeriod(previousPeriod(p))).toEqual(p);
        const after = new Date(`${p.end}T00:00:00Z`);
        after.setUTCDate(after.getUTCDate() + 1);
        expect(n.start).toBe(after.toISOString().slice(0, 10));
      }),
      { numRuns: 1000 },
    );
  });

  test('period lengths are right: 7 days, 28-31, 90-92, 365-366', () => {
    const bounds: Record<Granularity, [number, number]> = {
      week: [7, 7],
      month: [28, 31],
      quarter: [90, 92],
      year: [365, 366],
    };
    fc.assert(
      fc.property(dates, granularities, (d, g) => {
        const p = periodContaining(d, g);
        const days = (Date.parse(p.end) - Date.parse(p.start)) / 86_400_000 + 1;
        expect(days).toBeGreaterThanOrEqual(bounds[g][0]);
        expect(days).toBeLessThanOrEqual(bounds[g][1]);
        if (g === 'week') expect(new Date(`${p.start}T00:00:00Z`).getUTCDay()).toBe(1);
      }),
    );
  });

  test('samePeriodLastYear goes back about a year', () => {
    fc.assert(
      fc.property(
        dates.filter((d) => d >= '1972'),
        granularities,
        (d, g) => {
          const p = periodContaining(d, g);
          const q = samePeriodLastYear(p);
          const gap = (Date.parse(p.start) - Date.parse(q.start)) / 86_400_000;
          expect(q.granularity).toBe(g);
          expect(gap).toBeGreaterThanOrEqual(g === 'week' ? 357 : 365);
          expect(gap).toBeLessThanOrEqual(g === 'week' ? 371 : 366);
        },
      ),
    );
  });
});
