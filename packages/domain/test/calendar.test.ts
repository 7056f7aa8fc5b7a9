import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  bankHolidays,
  buildCalendar,
  type Division,
  dayOfWeek,
  fromDayNumber,
  parseGovUkBankHolidays,
  toDayNumber,
  WorkingCalendar,
} from '../src/index.js';

/**
 * Bank holidays as published on GOV.UK (https://www.gov.uk/bank-holidays), 2020-2027, typed from
 * the published lists rather than derived from date-holidays.
 */
const GOVUK: Record<Division, Record<number, string[]>> = {
  england_and_wales: {
    2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
    2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
    2022: [
      '01-03',
      '04-15',
      '04-18',
      '05-02',
      '06-02',
      '06-03',
      '08-29',
      '09-19',
      '12-26',
      '12-27',
    ],
    2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
    2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
    2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
    2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
    2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
  },
  scotland: {
    2020: ['01-01', '01-02', '04-10', '05-08', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2021: ['01-01', '01-04', '04-02', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
    2022: [
      '01-03',
      '01-04',
      '04-15',
      '05-02',
      '06-02',
      '06-03',
      '08-01',
      '09-19',
      '11-30',
      '12-26',
      '12-27',
    ],
    2023: [
      '01-02',
      '01-03',
      '04-07',
      '05-01',
      '05-08',
      '05-29',
      '08-07',
      '11-30',
      '12-25',
      '12-26',
    ],
    2024: ['01-01', '01-02', '03-29', '05-06', '05-27', '08-05', '12-02', '12-25', '12-26'],
    2025: ['01-01', '01-02', '04-18', '05-05', '05-26', '08-04', '12-01', '12-25', '12-26'],
    2026: ['01-01', '01-02', '04-03', '05-04', '05-25', '08-03', '11-30', '12-25', '12-28'],
    2027: ['01-01', '01-04', '03-26', '05-03', '05-31', '08-02', '11-30', '12-27', '12-28'],
  },
  northern_ireland: {
    2020: [
      '01-01',
      '03-17',
      '04-10',
      '04-13',
      '05-08',
      '05-25',
      '07-13',
      '08-31',
      '12-25',
      '12-28',
    ],
    2021: [
      '01-01',
      '03-17',
      '04-02',
      '04-05',
      '05-03',
      '05-31',
      '07-12',
      '08-30',
      '12-27',
      '12-28',
    ],
    2022: [
      '01-03',
      '03-17',
      '04-15',
      '04-18',
      '05-02',
      '06-02',
      '06-03',
      '07-12',
      '08-29',
      '09-19',
      '12-26',
      '12-27',
    ],
    2023: [
      '01-02',
      '03-17',
      '04-07',
      '04-10',
      '05-01',
      '05-08',
      '05-29',
      '07-12',
      '08-28',
      '12-25',
      '12-26',
    ],
    2024: [
      '01-01',
      '03-18',
      '03-29',
      '04-01',
      '05-06',
      '05-27',
      '07-12',
      '08-26',
      '12-25',
      '12-26',
    ],
    2025: [
      '01-01',
      '03-17',
      '04-18',
      '04-21',
      '05-05',
      '05-26',
      '07-14',
      '08-25',
      '12-25',
      '12-26',
    ],
    2026: [
      '01-01',
      '03-17',
      '04-03',
      '04-06',
      '05-04',
      '05-25',
      '07-13',
      '08-31',
      '12-25',
      '12-28',
    ],
    2027: [
      '01-01',
      '03-17',
      '03-26',
      '03-29',
      '05-03',
      '05-31',
      '07-12',
      '08-30',
      '12-27',
      '12-28',
    ],
  },
};

const cases = (Object.keys(GOVUK) as Division[]).flatMap((division) =>
  Object.entries(GOVUK[division]).map(([year, days]) => ({
    division,
    year: Number(year),
    dates: days.map((md) => `${year}-${md}`),
  })),
);

describe('bankHolidays', () => {
  test.each(cases)('$division $year matches GOV.UK', ({ division, year, dates }) => {
    expect(bankHolidays(division, year, year).map((h) => h.date)).toEqual(dates);
  });

  test.each([
    ['england_and_wales', '2022-12-27'], // Christmas Day (substitute day)
    ['england_and_wales', '2021-12-28'], // Boxing Day (substitute day)
    ['england_and_wales', '2022-09-19'], // State funeral of Queen Elizabeth II
    ['england_and_wales', '2023-05-08'], // Coronation of King Charles III
    ['england_and_wales', '2022-06-02'], // Spring bank holiday moved for the Platinum Jubilee
    ['england_and_wales', '2022-06-03'], // Platinum Jubilee
    ['scotland', '2022-09-19'],
    ['scotland', '2023-05-08'],
    ['scotland', '2021-01-04'], // 2 January (substitute day)
    ['scotland', '2024-12-02'], // St Andrew's Day (substitute day)
    ['northern_ireland', '2022-09-19'],
    ['northern_ireland', '2023-05-08'],
    ['northern_ireland', '2024-03-18'], // St Patrick's Day (substitute day)
    ['northern_ireland', '2025-07-14'], // Battle of the Boyne (substitute day)
  ] as const)('%s includes %s', (division, date) => {
    const year = Number(date.slice(0, 4));
    const found = bankHolidays(division, year, year).find((h) => h.date === date);
    expect(found?.title).toBeTruthy();
  });

  test('regional days stay in their division', () => {
    const ew = bankHolidays('england_and_wales', 2025, 2025).map((h) => h.date);
    expect(ew).not.toContain('2025-01-02');
    expect(ew).not.toContain('2025-03-17');
    expect(ew).not.toContain('2025-07-14');
    expect(bankHolidays('scotland', 2025, 2025).map((h) => h.date)).not.toContain('2025-04-21');
  });

  test('never lists a weekend day and is sorted without duplicates', () => {
    for (const division of ['england_and_wales', 'scotland', 'northern_ireland'] as const) {
      const dates = bankHolidays(division, 2000, 2040).map((h) => h.date);
      expect(dates.every((d) => dayOfWeek(d) <= 5)).toBe(true);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
  });

  test('rejects a reversed year range', () => {
    expect(() => bankHolidays('england_and_wales', 2026, 2025)).toThrow(RangeError);
  });
});

describe('parseGovUkBankHolidays', () => {
  test('reads a division from the GOV.UK file shape', () => {
    const file = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'Boxing Day', date: '2025-12-26', notes: '', bunting: true },
          { title: 'Christmas Day', date: '2025-12-25', notes: '', bunting: true },
        ],
      },
    };
    expect(parseGovUkBankHolidays(file, 'england_and_wales')).toEqual([
      { date: '2025-12-25', title: 'Christmas Day' },
      { date: '2025-12-26', title: 'Boxing Day' },
    ]);
    expect(() => parseGovUkBankHolidays(file, 'scotland')).toThrow(/scotland/);
    const bad = {
      scotland: { division: 'scotland', events: [{ title: 'X', date: '2025-02-30' }] },
    };
    expect(() => parseGovUkBankHolidays(bad, 'scotland')).toThrow(RangeError);
  });
});

const ew = buildCalendar({ division: 'england_and_wales', from: '2019-01-01', to: '2028-12-31' });

describe('WorkingCalendar: elapsed working days (measurement.md examples)', () => {
  test.each([
    ['2025-07-02', '2025-07-02', 0, 'received and answered the same day'],
    ['2025-07-04', '2025-07-07', 1, 'received Friday, answered Monday'],
    ['2025-07-05', '2025-07-07', 1, 'received Saturday, answered Monday'],
    ['2025-07-06', '2025-07-07', 1, 'received Sunday, answered Monday'],
    ['2025-07-05', '2025-07-06', 0, 'Saturday to Sunday'],
    ['2025-07-07', '2025-07-14', 5, 'Monday to next Monday'],
    ['2025-08-22', '2025-08-26', 1, 'Friday to Tuesday over the summer bank holiday'],
    [
      '2025-12-24',
      '2026-01-02',
      4,
      'Christmas: 29, 30, 31 December and 2 January; 1 January closed',
    ],
    ['2022-09-16', '2022-09-20', 1, 'Friday to Tuesday over the Queen’s funeral (2022-09-19)'],
    ['2023-05-05', '2023-05-09', 1, 'Friday to Tuesday over the coronation (2023-05-08)'],
    ['2022-12-23', '2022-12-28', 1, 'Christmas 2022: 26 and 27 December (substitute) closed'],
    ['2021-12-24', '2021-12-29', 1, 'Christmas 2021: 27 and 28 December (substitutes) closed'],
    ['2022-06-01', '2022-06-06', 1, 'Platinum Jubilee: 2 and 3 June closed'],
  ])('%s -> %s = %i (%s)', (received, completed, expected) => {
    expect(ew.elapsedWorkingDays(received, completed)).toBe(expected);
  });

  test('bank holidays are not working days, weekdays otherwise are', () => {
    expect(ew.isWorkingDay('2022-09-19')).toBe(false);
    expect(ew.isWorkingDay('2023-05-08')).toBe(false);
    expect(ew.isWorkingDay('2022-12-27')).toBe(false);
    expect(ew.isWorkingDay('2025-07-05')).toBe(false);
    expect(ew.isWorkingDay('2025-07-07')).toBe(true);
    expect(ew.isWorkingDayNumber(toDayNumber('2025-07-07'))).toBe(true);
  });

  test('completion before receipt throws a RangeError', () => {
    expect(() => ew.elapsedWorkingDays('2025-07-07', '2025-07-04')).toThrow(RangeError);
  });

  test.each([
    ['2018-12-31', '2019-01-02'],
    ['2019-01-02', '2029-01-01'],
  ])('dates outside the range throw a RangeError naming the date (%s, %s)', (a, b) => {
    const outside = a < '2019-01-01' ? a : b;
    expect(() => ew.elapsedWorkingDays(a, b)).toThrow(RangeError);
    expect(() => ew.elapsedWorkingDays(a, b)).toThrow(outside);
    expect(() => ew.isWorkingDay(outside)).toThrow(outside);
  });

  test('malformed dates throw', () => {
    expect(() => ew.isWorkingDay('2025-02-30')).toThrow(RangeError);
  });
});

describe('WorkingCalendar: organisation closures and other queries', () => {
  const cal = new WorkingCalendar({
    closures: ['2025-07-09', '2025-12-25', '2025-12-26'],
    from: '2025-07-01',
    to: '2025-12-31',
  });

  test('an organisation closure day is not a working day', () => {
    expect(cal.isWorkingDay('2025-07-09')).toBe(false);
    expect(cal.elapsedWorkingDays('2025-07-08', '2025-07-10')).toBe(1);
  });

  test.each([
    ['2025-07-07', '2025-07-11', 4], // Mon-Fri minus the Wednesday closure
    ['2025-07-01', '2025-07-31', 22],
    ['2025-07-05', '2025-07-06', 0],
    ['2025-07-08', '2025-07-07', 0], // empty range
    ['2025-12-01', '2025-12-31', 21],
  ])('workingDaysInRange(%s, %s) = %i', (a, b, expected) => {
    expect(cal.workingDaysInRange(a, b)).toBe(expected);
  });

  test.each([
    ['2025-07-04', 1, '2025-07-07'],
    ['2025-07-05', 1, '2025-07-07'],
    ['2025-07-08', 1, '2025-07-10'],
    ['2025-07-04', 5, '2025-07-14'],
    ['2025-07-04', 0, '2025-07-04'],
    ['2025-07-10', -1, '2025-07-08'],
    ['2025-07-07', -1, '2025-07-04'],
    ['2025-12-24', 1, '2025-12-29'],
  ])('nthWorkingDayAfter(%s, %i) = %s', (d, n, expected) => {
    expect(cal.nthWorkingDayAfter(d, n)).toBe(expected);
  });

  test('nthWorkingDayAfter beyond the range throws', () => {
    expect(() => cal.nthWorkingDayAfter('2025-12-30', 5)).toThrow(RangeError);
    expect(() => cal.nthWorkingDayAfter('2025-07-01', -1)).toThrow(RangeError);
  });

  test('rejects malformed closures and an empty range', () => {
    expect(
      () => new WorkingCalendar({ closures: ['2025-13-01'], from: '2025-01-01', to: '2025-12-31' }),
    ).toThrow(RangeError);
    expect(
      () => new WorkingCalendar({ closures: [], from: '2025-02-01', to: '2025-01-01' }),
    ).toThrow(RangeError);
  });

  test('buildCalendar merges bank holidays with organisation closures', () => {
    const sc = buildCalendar({
      division: 'scotland',
      organisationClosures: ['2025-07-09'],
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(sc.isWorkingDay('2025-01-02')).toBe(false); // Scottish bank holiday
    expect(sc.isWorkingDay('2025-04-21')).toBe(true); // Easter Monday is not one in Scotland
    expect(sc.isWorkingDay('2025-07-09')).toBe(false);
    expect(sc.isWorkingDay('2025-12-01')).toBe(false); // St Andrew's Day (substitute day)
  });
});

describe('WorkingCalendar: properties', () => {
  const closures = new Set(bankHolidays('england_and_wales', 2024, 2026).map((h) => h.date));
  closures.add('2025-03-12');
  const cal = new WorkingCalendar({ closures, from: '2024-01-01', to: '2026-12-31' });
  const lo = toDayNumber('2024-01-01');
  const hi = toDayNumber('2026-12-31');
  const day = fc.integer({ min: lo, max: hi });
  const sorted3 = fc
    .tuple(day, day, day)
    .map(([x, y, z]) => [x, y, z].sort((p, q) => p - q) as [number, number, number]);

  // Naive reference: walk the days one by one.
  const naive = (a: number, b: number) => {
    let count = 0;
    for (let n = a + 1; n <= b; n++) {
      const d = fromDayNumber(n);
      const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (dow !== 0 && dow !== 6 && !closures.has(d)) count++;
    }
    return count;
  };

  test('equals a naive day-by-day count', () => {
    fc.assert(
      fc.property(sorted3, ([a, , c]) => {
        expect(cal.elapsedWorkingDays(fromDayNumber(a), fromDayNumber(c))).toBe(naive(a, c));
        expect(cal.elapsedWorkingDaysByNumber(a, c)).toBe(naive(a, c));
      }),
      { numRuns: 300 },
    );
  });

  test('is additive: a->b + b->c = a->c', () => {
    fc.assert(
      fc.property(sorted3, ([a, b, c]) => {
        expect(cal.elapsedWorkingDaysByNumber(a, b) + cal.elapsedWorkingDaysByNumber(b, c)).toBe(
          cal.elapsedWorkingDaysByNumber(a, c),
        );
      }),
    );
  });

  test('is monotone in the completion date and antitone in the receipt date', () => {
    fc.assert(
      fc.property(sorted3, ([a, b, c]) => {
        expect(cal.elapsedWorkingDaysByNumber(a, b)).toBeLessThanOrEqual(
          cal.elapsedWorkingDaysByNumber(a, c),
        );
        expect(cal.elapsedWorkingDaysByNumber(b, c)).toBeLessThanOrEqual(
          cal.elapsedWorkingDaysByNumber(a, c),
        );
      }),
    );
  });

  test('nthWorkingDayAfter is the first working day reaching n elapsed working days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: lo, max: hi - 60 }),
        fc.integer({ min: 1, max: 30 }),
        (a, n) => {
          const d = fromDayNumber(a);
          const r = cal.nthWorkingDayAfter(d, n);
          expect(cal.isWorkingDay(r)).toBe(true);
          expect(cal.elapsedWorkingDays(d, r)).toBe(n);
          expect(cal.elapsedWorkingDays(d, addDays(r, -1))).toBe(n - 1);
        },
      ),
    );
  });

  test('workingDaysInRange(a, b) = elapsed(a - 1, b)', () => {
    fc.assert(
      fc.property(sorted3, ([a, , c]) => {
        fc.pre(a > lo);
        expect(cal.workingDaysInRange(fromDayNumber(a), fromDayNumber(c))).toBe(naive(a - 1, c));
      }),
      { numRuns: 200 },
    );
  });
});
