import { describe, expect, test } from 'vitest';
import {
  buildCalendar,
  deriveWorkItem,
  openItemAge,
  type Threshold,
  wholeMonthsBetween,
} from '../src/index.js';

const cal = buildCalendar({ division: 'england_and_wales', from: '2020-01-01', to: '2027-12-31' });
const t = (value: number, unit: Threshold['unit']): Threshold => ({ value, unit });
const at = (s: string) => new Date(s);

describe('deriveWorkItem', () => {
  test('open item: only the received date', () => {
    expect(
      deriveWorkItem(
        { receivedAt: at('2025-07-01T23:30:00Z'), completedAt: null },
        t(5, 'working_days'),
        cal,
      ),
    ).toEqual({
      receivedDate: '2025-07-02',
      completedDate: null,
      elapsedSeconds: null,
      elapsedWorkingDays: null,
      elapsedCalendarDays: null,
      withinThreshold: null,
    });
  });

  test('uses London dates: 23:30 UTC in July is the next day', () => {
    const d = deriveWorkItem(
      { receivedAt: at('2025-07-03T23:30:00Z'), completedAt: at('2025-07-07T08:00:00Z') },
      t(1, 'working_days'),
      cal,
    );
    // Received Friday 4 July in London, completed Monday 7 July: 1 working day.
    expect(d.receivedDate).toBe('2025-07-04');
    expect(d.completedDate).toBe('2025-07-07');
    expect(d.elapsedWorkingDays).toBe(1);
    expect(d.elapsedCalendarDays).toBe(3);
    expect(d.withinThreshold).toBe(true);
  });

  test.each([
    // seconds: completedAt - receivedAt <= N, whole seconds (floor)
    ['2025-07-01T09:00:00.000Z', '2025-07-01T09:01:00.000Z', t(60, 'seconds'), 60, true],
    ['2025-07-01T09:00:00.000Z', '2025-07-01T09:01:00.999Z', t(60, 'seconds'), 60, true],
    ['2025-07-01T09:00:00.000Z', '2025-07-01T09:01:01.000Z', t(60, 'seconds'), 61, false],
    ['2025-07-01T09:00:00.500Z', '2025-07-01T09:01:01.400Z', t(60, 'seconds'), 60, true],
    ['2025-07-01T09:00:00Z', '2025-07-01T09:00:00Z', t(0, 'seconds'), 0, true],
  ] as const)('seconds: %s -> %s, %o', (r, c, threshold, seconds, within) => {
    const d = deriveWorkItem({ receivedAt: at(r), completedAt: at(c) }, threshold, cal);
    expect(d.elapsedSeconds).toBe(seconds);
    expect(d.withinThreshold).toBe(within);
    expect(d.elapsedWorkingDays).toBe(0); // always computed for completed items
  });

  test.each([
    // working_days: elapsed working days <= N
    ['2025-07-04T10:00:00Z', '2025-07-11T16:00:00Z', 5, 5, true], // Fri -> next Fri
    ['2025-07-04T10:00:00Z', '2025-07-14T09:00:00Z', 5, 6, false],
    ['2025-07-05T10:00:00Z', '2025-07-07T10:00:00Z', 1, 1, true], // Sat -> Mon
    ['2025-07-07T10:00:00Z', '2025-07-07T16:00:00Z', 0, 0, true], // same day
    ['2022-09-16T10:00:00Z', '2022-09-23T10:00:00Z', 4, 4, true], // funeral week: 19 Sept closed
    ['2023-05-05T10:00:00Z', '2023-05-12T10:00:00Z', 4, 4, true], // coronation week
  ] as const)('working_days: %s -> %s (N=%i) elapsed %i', (r, c, n, elapsed, within) => {
    const d = deriveWorkItem({ receivedAt: at(r), completedAt: at(c) }, t(n, 'working_days'), cal);
    expect(d.elapsedWorkingDays).toBe(elapsed);
    expect(d.withinThreshold).toBe(within);
  });

  test.each([
    ['2025-07-01T10:00:00Z', '2025-07-08T10:00:00Z', 7, true],
    ['2025-07-01T10:00:00Z', '2025-07-08T23:30:00Z', 7, false], // 9 July in London
    ['2025-01-01T10:00:00Z', '2025-01-01T11:00:00Z', 0, true],
  ] as const)('calendar_days: %s -> %s (N=%i)', (r, c, n, within) => {
    const d = deriveWorkItem({ receivedAt: at(r), completedAt: at(c) }, t(n, 'calendar_days'), cal);
    expect(d.withinThreshold).toBe(within);
  });

  test.each([
    // calendar_months: completedDate <= receivedDate + N months (clamped)
    ['2025-01-31T10:00:00Z', '2025-02-28T16:00:00Z', 1, true],
    ['2025-01-31T10:00:00Z', '2025-03-01T10:00:00Z', 1, false],
    ['2024-01-31T10:00:00Z', '2024-02-29T10:00:00Z', 1, true],
    ['2024-01-31T10:00:00Z', '2024-03-01T10:00:00Z', 1, false],
    ['2025-03-15T10:00:00Z', '2025-09-15T22:00:00Z', 6, true], // 23:00 BST, still 15 September
    ['2025-03-15T10:00:00Z', '2025-09-15T23:30:00Z', 6, false], // 16 September in London
    ['2025-08-31T10:00:00Z', '2025-10-31T10:00:00Z', 2, true],
  ] as const)('calendar_months: %s -> %s (N=%i)', (r, c, n, within) => {
    const d = deriveWorkItem(
      { receivedAt: at(r), completedAt: at(c) },
      t(n, 'calendar_months'),
      cal,
    );
    expect(d.withinThreshold).toBe(within);
  });

  test('no threshold: derived values but withinThreshold null', () => {
    const d = deriveWorkItem(
      { receivedAt: at('2025-07-04T10:00:00Z'), completedAt: at('2025-07-07T10:00:00Z') },
      null,
      cal,
    );
    expect(d.withinThreshold).toBeNull();
    expect(d.elapsedWorkingDays).toBe(1);
    expect(d.elapsedSeconds).toBe(3 * 86_400);
  });

  test('completion before receipt is rejected', () => {
    expect(() =>
      deriveWorkItem(
        { receivedAt: at('2025-07-07T10:00:00Z'), completedAt: at('2025-07-07T09:59:59Z') },
        t(5, 'working_days'),
        cal,
      ),
    ).toThrow(RangeError);
  });

  test('dates outside the calendar are rejected, not guessed', () => {
    expect(() =>
      deriveWorkItem(
        { receivedAt: at('2019-12-31T10:00:00Z'), completedAt: at('2020-01-02T10:00:00Z') },
        t(5, 'working_days'),
        cal,
      ),
    ).toThrow(/2019-12-31/);
  });
});

describe('openItemAge', () => {
  test.each([
    ['2025-07-04T10:00:00Z', '2025-07-11T10:00:00Z', t(5, 'working_days'), 5, false],
    ['2025-07-04T10:00:00Z', '2025-07-14T10:00:00Z', t(5, 'working_days'), 6, true],
    ['2025-07-01T09:00:00Z', '2025-07-01T09:01:00Z', t(60, 'seconds'), 60, false],
    ['2025-07-01T09:00:00Z', '2025-07-01T09:01:01Z', t(60, 'seconds'), 61, true],
    ['2025-07-01T10:00:00Z', '2025-07-08T10:00:00Z', t(7, 'calendar_days'), 7, false],
    ['2025-07-01T10:00:00Z', '2025-07-08T23:30:00Z', t(7, 'calendar_days'), 8, true],
    // calendar_months: late once the local date passes receivedDate + N months.
    ['2025-01-15T10:00:00Z', '2025-02-15T10:00:00Z', t(1, 'calendar_months'), 1, false],
    ['2025-01-15T10:00:00Z', '2025-02-16T10:00:00Z', t(1, 'calendar_months'), 1, true],
    ['2025-01-31T10:00:00Z', '2025-02-28T10:00:00Z', t(1, 'calendar_months'), 1, false],
    ['2025-01-31T10:00:00Z', '2025-03-01T10:00:00Z', t(1, 'calendar_months'), 1, true],
    ['2025-01-15T10:00:00Z', '2025-02-14T10:00:00Z', t(1, 'calendar_months'), 0, false],
  ] as const)('%s at %s, %o: age %i, late %s', (r, asOf, threshold, age, late) => {
    expect(openItemAge(at(r), at(asOf), threshold, cal)).toEqual({ age, late });
  });

  test('late exactly when completing now would miss the threshold', () => {
    const r = at('2025-07-04T10:00:00Z');
    for (const threshold of [
      t(5, 'working_days'),
      t(10, 'calendar_days'),
      t(1, 'calendar_months'),
    ]) {
      for (let h = 0; h < 24 * 60; h += 7) {
        const asOf = new Date(r.getTime() + h * 3_600_000);
        const { late } = openItemAge(r, asOf, threshold, cal);
        const derived = deriveWorkItem({ receivedAt: r, completedAt: asOf }, threshold, cal);
        expect(late).toBe(!derived.withinThreshold);
      }
    }
  });

  test('asOf before receipt throws', () => {
    expect(() =>
      openItemAge(
        at('2025-07-04T10:00:00Z'),
        at('2025-07-03T10:00:00Z'),
        t(5, 'working_days'),
        cal,
      ),
    ).toThrow(RangeError);
  });
});

describe('wholeMonthsBetween', () => {
  test.each([
    ['2025-01-31', '2025-02-27', 0],
    ['2025-01-31', '2025-02-28', 1],
    ['2025-01-15', '2025-07-14', 5],
    ['2025-01-15', '2025-07-15', 6],
    ['2024-11-30', '2025-02-28', 3],
    ['2025-05-20', '2025-05-20', 0],
  ])('%s to %s = %i', (a, b, m) => {
    expect(wholeMonthsBetween(a, b)).toBe(m);
  });
});
