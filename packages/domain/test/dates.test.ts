import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  dayOfWeek,
  diffDays,
  fromDayNumber,
  isIsoDate,
  toDayNumber,
} from '../src/index.js';

// Reference: JavaScript's own UTC calendar arithmetic, independent of the implementation.
const viaDate = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const isoOfDayNumber = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

const dayNumbers = fc.integer({ min: -25_567, max: 47_482 }); // 1900-01-01 .. 2099-12-31

describe('day numbers', () => {
  test.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11_017],
    ['2025-07-01', 20_270],
  ])('toDayNumber(%s) = %i', (d, n) => {
    expect(toDayNumber(d)).toBe(n);
    expect(fromDayNumber(n)).toBe(d);
  });

  test('agrees with Date.UTC on 1900-2099', () => {
    fc.assert(
      fc.property(dayNumbers, (n) => {
        const iso = isoOfDayNumber(n);
        expect(fromDayNumber(n)).toBe(iso);
        expect(toDayNumber(iso)).toBe(viaDate(iso));
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '25-01-01',
    '2025-1-01',
    '',
    'abcd-ef-gh',
    '2025-01-01T00:00:00Z',
  ])('rejects %j', (bad) => {
    expect(isIsoDate(bad)).toBe(false);
    expect(() => toDayNumber(bad)).toThrow(RangeError);
  });

  test.each(['2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (ok) => {
      expect(isIsoDate(ok)).toBe(true);
    },
  );

  test('1900 and 2100 are not leap years', () => {
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
  });
});

describe('addDays, diffDays, dayOfWeek', () => {
  test.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2025-07-01', 0, '2025-07-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(diffDays(d, expected)).toBe(n);
  });

  test.each([
    ['2025-06-30', 1], // Monday
    ['2025-07-04', 5], // Friday
    ['2025-07-05', 6],
    ['2025-07-06', 7], // Sunday
    ['1970-01-01', 4], // Thursday
    ['2000-01-01', 6], // Saturday
  ])('dayOfWeek(%s) = %i', (d, dow) => {
    expect(dayOfWeek(d)).toBe(dow);
  });

  test('dayOfWeek agrees with Date.getUTCDay', () => {
    fc.assert(
      fc.property(dayNumbers, (n) => {
        const iso = isoOfDayNumber(n);
        const js = new Date(`${iso}T00:00:00Z`).getUTCDay();
        expect(dayOfWeek(iso)).toBe(js === 0 ? 7 : js);
      }),
    );
  });

  test('diffDays(a, addDays(a, n)) = n', () => {
    fc.assert(
      fc.property(dayNumbers, fc.integer({ min: -5000, max: 5000 }), (a, n) => {
        const d = isoOfDayNumber(a);
        expect(diffDays(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe('addMonthsClamped', () => {
  test.each([
    ['2025-01-31', 1, '2025-02-28'], // measurement.md: 31 Jan + 1 month = 28/29 Feb
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-01-15', 1, '2025-02-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-10-31', 2, '2025-12-31'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-01-10', -1, '2024-12-10'],
    ['2025-05-20', 0, '2025-05-20'],
    ['2025-05-20', 12, '2026-05-20'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('%s + %i months = %s', (d, n, expected) => {
    expect(addMonthsClamped(d, n)).toBe(expected);
  });

  test('the result is in the right month and never past its end', () => {
    fc.assert(
      fc.property(dayNumbers, fc.integer({ min: -120, max: 120 }), (a, n) => {
        const d = isoOfDayNumber(a);
        const r = addMonthsClamped(d, n);
        const months = (y: string) => Number(y.slice(0, 4)) * 12 + Number(y.slice(5, 7)) - 1;
        expect(months(r) - months(d)).toBe(n);
        expect(isIsoDate(r)).toBe(true);
        const day = Number(d.slice(8));
        const rDay = Number(r.slice(8));
        expect(rDay).toBeLessThanOrEqual(day);
        if (rDay < day)
          expect(isIsoDate(`${r.slice(0, 8)}${String(rDay + 1).padStart(2, '0')}`)).toBe(false);
      }),
    );
  });
});
