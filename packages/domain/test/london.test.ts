import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type IsoDate,
  londonDate,
  londonDateFromMs,
  londonMidnightMs,
  londonOffsetMs,
} from '../src/index.js';

const intl = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const intlDate = (d: Date) => intl.format(d);

describe('londonDate', () => {
  test.each([
    // measurement.md: 2025-07-01T23:30:00Z is 2 July in London.
    ['2025-07-01T23:30:00Z', '2025-07-02'],
    ['2025-07-01T22:59:59.999Z', '2025-07-01'],
    ['2025-07-01T23:00:00Z', '2025-07-02'],
    // Winter: London is UTC.
    ['2025-01-15T23:30:00Z', '2025-01-15'],
    ['2025-12-31T23:59:59Z', '2025-12-31'],
    // Spring forward, last Sunday of March 2025 (30 March) at 01:00 UTC.
    ['2025-03-30T00:30:00Z', '2025-03-30'],
    ['2025-03-29T23:30:00Z', '2025-03-29'], // still GMT the evening before
    ['2025-03-30T01:30:00Z', '2025-03-30'],
    ['2025-03-30T23:00:00Z', '2025-03-31'], // first BST midnight
    ['2025-03-30T22:59:59Z', '2025-03-30'],
    // Fall back, last Sunday of October 2025 (26 October) at 01:00 UTC.
    ['2025-10-25T23:00:00Z', '2025-10-26'], // BST midnight before the change
    ['2025-10-25T22:59:59Z', '2025-10-25'],
    ['2025-10-26T00:30:00Z', '2025-10-26'],
    ['2025-10-26T01:30:00Z', '2025-10-26'],
    ['2025-10-26T23:30:00Z', '2025-10-26'], // GMT again
    // 2024: 31 March and 27 October.
    ['2024-03-30T23:30:00Z', '2024-03-30'],
    ['2024-03-31T23:30:00Z', '2024-04-01'],
    ['2024-10-26T23:30:00Z', '2024-10-27'],
    ['2024-10-27T23:30:00Z', '2024-10-27'],
    // Before 1996 October ended on the Sunday after the fourth Saturday: 24 October 1993.
    ['1993-10-24T23:30:00Z', '1993-10-24'],
    ['1993-10-23T23:30:00Z', '1993-10-24'],
    ['1993-10-30T23:30:00Z', '1993-10-30'],
  ])('%s is %s in London', (instant, expected) => {
    const d = new Date(instant);
    expect(londonDate(d)).toBe(expected);
    expect(intlDate(d)).toBe(expected); // the table itself is checked against the tz database
  });

  test('summer time starts at 01:00 UTC on the last Sunday of March: 00:30 UTC vs 01:30 UTC', () => {
    // 23:30 local would be the previous day in GMT and the same day in BST; use the hour at which
    // the offset changes the date: at 23:30 UTC on Sunday BST makes it Monday.
    expect(londonDate(new Date('2026-03-29T00:30:00Z'))).toBe('2026-03-29');
    expect(londonDate(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(londonDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
  });

  test.each([
    // Last Sunday of March 2025 (30th): 00:30 UTC is GMT, 01:30 UTC is BST.
    ['2025-03-30T00:30:00Z', 0],
    ['2025-03-30T00:59:59Z', 0],
    ['2025-03-30T01:00:00Z', 3_600_000],
    ['2025-03-30T01:30:00Z', 3_600_000],
    // Last Sunday of October 2025 (26th): 00:30 UTC is BST, 01:30 UTC is GMT.
    ['2025-10-26T00:30:00Z', 3_600_000],
    ['2025-10-26T00:59:59Z', 3_600_000],
    ['2025-10-26T01:00:00Z', 0],
    ['2025-10-26T01:30:00Z', 0],
    // 1993 ended on 24 October, not the last Sunday (31st).
    ['1993-10-24T00:30:00Z', 3_600_000],
    ['1993-10-24T01:30:00Z', 0],
    ['1993-10-31T00:30:00Z', 0],
  ])('londonOffsetMs(%s) = %i, as Intl says', (instant, offset) => {
    const ms = Date.parse(instant);
    expect(londonOffsetMs(ms)).toBe(offset);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(ms));
    expect((Number(local) - new Date(ms).getUTCHours() + 24) % 24).toBe(offset / 3_600_000);
  });

  test('londonOffsetMs equals Intl for random instants 1972-2040', () => {
    const hourFormat = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1972, 0, 1), max: Date.UTC(2040, 11, 31) }), (ms) => {
        const d = new Date(ms);
        const intlOffsetHours = (Number(hourFormat.format(d)) - d.getUTCHours() + 24) % 24;
        expect(londonOffsetMs(ms)).toBe(intlOffsetHours * 3_600_000);
      }),
      { numRuns: 20_000 },
    );
  });

  test.each([1990, 1995, 1996, 2000, 2020, 2025, 2030, 2037, 2040])(
    'every hour of %i matches Intl',
    (year) => {
      const start = Date.UTC(year, 0, 1);
      const end = Date.UTC(year + 1, 0, 1);
      for (let ms = start + 30 * 60_000; ms < end; ms += 3_600_000) {
        const d = new Date(ms);
        if (londonDate(d) !== intlDate(d)) {
          throw new Error(`${d.toISOString()}: ${londonDate(d)} vs Intl ${intlDate(d)}`);
        }
      }
    },
  );

  test('equals Intl Europe/London for random instants 1990-2040', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 11, 31, 23, 59, 59, 999) }),
        (ms) => {
          const d = new Date(ms);
          expect(londonDate(d)).toBe(intlDate(d));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  test('equals Intl near every transition 1972-2040 (within 2 hours either side)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1972, max: 2040 }),
        fc.constantFrom(2, 9),
        fc.integer({ min: 14, max: 31 }),
        fc.integer({ min: -2 * 3_600_000, max: 26 * 3_600_000 }),
        (year, month, day, offset) => {
          const d = new Date(Date.UTC(year, month, day) + offset);
          expect(londonDate(d)).toBe(intlDate(d));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  test('works before 1972 through the slow path', () => {
    const d = new Date('1970-06-01T23:30:00Z'); // British Standard Time, UTC+1 all year
    expect(londonDate(d)).toBe(intlDate(d));
    expect(londonDate(d)).toBe('1970-06-02');
  });

  test('rejects an invalid Date', () => {
    expect(() => londonDate(new Date('nope'))).toThrow(RangeError);
  });

  // Its cost per call is printed by `pnpm --filter @ipo/api bench:london`, not asserted here.
  test('londonDateFromMs takes epoch milliseconds and rejects what is not an instant', () => {
    expect(londonDateFromMs(Date.UTC(2025, 6, 1, 23, 30))).toBe('2025-07-02');
    expect(londonDateFromMs(Date.UTC(2025, 0, 15, 23, 30))).toBe('2025-01-15');
    expect(londonDateFromMs(Date.UTC(1960, 5, 1, 23, 30))).toBe('1960-06-02');
    expect(() => londonDateFromMs(Number.NaN)).toThrow(RangeError);
    expect(() => londonDateFromMs(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('londonMidnightMs', () => {
  test('is UTC midnight in winter and 23:00 UTC the day before in summer', () => {
    expect(new Date(londonMidnightMs('2026-01-15' as IsoDate)).toISOString()).toBe(
      '2026-01-15T00:00:00.000Z',
    );
    expect(new Date(londonMidnightMs('2026-07-01' as IsoDate)).toISOString()).toBe(
      '2026-06-30T23:00:00.000Z',
    );
    // The days the clocks change: forward on 29 March 2026 (at 01:00 UTC), back on 25 October.
    expect(new Date(londonMidnightMs('2026-03-29' as IsoDate)).toISOString()).toBe(
      '2026-03-29T00:00:00.000Z',
    );
    expect(new Date(londonMidnightMs('2026-10-25' as IsoDate)).toISOString()).toBe(
      '2026-10-24T23:00:00.000Z',
    );
    expect(londonDate(new Date(londonMidnightMs('2026-10-25' as IsoDate)))).toBe('2026-10-25');
  });
});
