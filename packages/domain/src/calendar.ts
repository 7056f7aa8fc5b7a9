import Holidays from 'date-holidays';
import {
  assertIsoDate,
  dayOfWeekOfDayNumber,
  fromDayNumber,
  type IsoDate,
  isIsoDate,
  toDayNumber,
} from './dates.js';

import type { Division } from './vocabulary.js';

export { DIVISIONS, type Division } from './vocabulary.js';

/** The GOV.UK `bank-holidays.json` key of each division. */
export const GOVUK_DIVISION_KEYS: Readonly<Record<Division, string>> = {
  england_and_wales: 'england-and-wales',
  scotland: 'scotland',
  northern_ireland: 'northern-ireland',
};

const DATE_HOLIDAYS_STATE: Readonly<Record<Division, string>> = {
  england_and_wales: 'ENG',
  scotland: 'SCT',
  northern_ireland: 'NIR',
};

export type BankHoliday = { date: IsoDate; title: string };

const holidaysByDivision = new Map<Division, Holidays>();

function holidaysOf(division: Division): Holidays {
  let hd = holidaysByDivision.get(division);
  if (hd === undefined) {
    const state = DATE_HOLIDAYS_STATE[division];
    if (state === undefined) throw new RangeError(`Unknown division ${JSON.stringify(division)}`);
    hd = new Holidays('GB', state, { types: ['public', 'bank'] });
    holidaysByDivision.set(division, hd);
  }
  return hd;
}

const byDivisionYear = new Map<string, readonly { date: string; name: string; type: string }[]>();

// date-holidays takes ~10 ms per year to evaluate its rules; calendars are rebuilt often.
function holidaysOfYear(division: Division, year: number) {
  const key = `${division}:${year}`;
  let list = byDivisionYear.get(key);
  if (list === undefined) {
    list = holidaysOf(division)
      .getHolidays(year, 'en')
      .map((h) => ({ date: h.date, name: h.name, type: h.type }));
    byDivisionYear.set(key, list);
  }
  return list;
}

/**
 * Bank holidays of a division for the years `fromYear..toYear` (inclusive), sorted by date.
 *
 * Source: the `date-holidays` package (country GB, state ENG / SCT / NIR), public and bank types
 * only. Checked against GOV.UK for 2020-2027 (test/calendar.test.ts): substitute days, the
 * 2022 Platinum Jubilee days, 2022-09-19 and 2023-05-08 are all present in date-holidays 3.37, so
 * nothing is patched by hand; an upgrade that loses one fails those tests.
 *
 * Holidays that fall on a Saturday or Sunday are left out: GOV.UK lists the substitute weekday
 * instead (date-holidays reports both), and a weekend is not a working day anyway.
 */
export function bankHolidays(division: Division, fromYear: number, toYear: number): BankHoliday[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear) {
    throw new RangeError(`Invalid year range ${fromYear}..${toYear}`);
  }
  const byDate = new Map<IsoDate, string>();
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of holidaysOfYear(division, year)) {
      if (h.type !== 'public' && h.type !== 'bank') continue;
      const date = h.date.slice(0, 10);
      if (!isIsoDate(date)) {
        throw new RangeError(`date-holidays returned an unreadable date ${JSON.stringify(h.date)}`);
      }
      if (dayOfWeekOfDayNumber(toDayNumber(date)) >= 6) continue;
      // Two rules can land on one day (e.g. a substitute day and a one-off day); keep the first.
      if (!byDate.has(date)) byDate.set(date, h.name);
    }
  }
  return [...byDate.entries()]
    .map(([date, title]) => ({ date, title }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The shape of GOV.UK's https://www.gov.uk/bank-holidays.json. */
export type GovUkBankHolidaysFile = Record<
  string,
  {
    division: string;
    events: { title: string; date: string; notes?: string; bunting?: boolean }[];
  }
>;

/**
 * Reads the bank holidays of one division from a file in the GOV.UK `bank-holidays.json` shape.
 * Throws a RangeError when the division is missing or a date is malformed.
 */
export function parseGovUkBankHolidays(
  file: GovUkBankHolidaysFile,
  division: Division,
): BankHoliday[] {
  const key = GOVUK_DIVISION_KEYS[division];
  const entry = file[key];
  if (entry === undefined || !Array.isArray(entry.events)) {
    throw new RangeError(`The bank-holidays file has no "${key}" division`);
  }
  return entry.events
    .map((e) => {
      if (!isIsoDate(e.date)) {
        throw new RangeError(
          `Bank holiday ${JSON.stringify(e.title)} has an invalid date ${JSON.stringify(e.date)}`,
        );
      }
      return { date: e.date, title: e.title };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export type WorkingCalendarOptions = {
  /** Closure days: the division's bank holidays plus organisation closure days. */
  closures: Iterable<IsoDate>;
  /** First date the calendar can answer for (inclusive). */
  from: IsoDate;
  /** Last date the calendar can answer for (inclusive). */
  to: IsoDate;
};

/**
 * Working days (Monday-Friday and not a closure day) over a fixed date range, with O(1) queries.
 *
 * `prefix[i]` is the number of working days among the first `i` days of the range, so a count
 * over any sub-range is one subtraction. Every query outside [from, to] throws a RangeError
 * naming the date: a silently wrong count is worse than a failure.
 */
export class WorkingCalendar {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly fromDay: number;
  readonly toDay: number;
  private readonly prefix: Int32Array;
  /** Day numbers of the working days in the range, ascending. */
  private readonly workingDayNumbers: Int32Array;
  private readonly closureSet: ReadonlySet<IsoDate>;

  constructor(options: WorkingCalendarOptions) {
    const fromDay = toDayNumber(options.from);
    const toDay = toDayNumber(options.to);
    if (toDay < fromDay) {
      throw new RangeError(`Calendar range is empty: ${options.from} is after ${options.to}`);
    }
    this.from = options.from;
    this.to = options.to;
    this.fromDay = fromDay;
    this.toDay = toDay;
    const length = toDay - fromDay + 1;
    const closed = new Uint8Array(length);
    const closureSet = new Set<IsoDate>();
    for (const c of options.closures) {
      const n = toDayNumber(c); // throws on a malformed closure date
      closureSet.add(c);
      if (n >= fromDay && n <= toDay) closed[n - fromDay] = 1;
    }
    this.closureSet = closureSet;
    const prefix = new Int32Array(length + 1);
    let count = 0;
    for (let i = 0; i < length; i++) {
      if (closed[i] === 0 && dayOfWeekOfDayNumber(fromDay + i) <= 5) count++;
      prefix[i + 1] = count;
    }
    this.prefix = prefix;
    const working = new Int32Array(count);
    let j = 0;
    for (let i = 0; i < length; i++) {
      if (prefix[i + 1]! > prefix[i]!) working[j++] = fromDay + i;
    }
    this.workingDayNumbers = working;
  }

  /** Closure days given to the constructor (including any outside the range). */
  get closures(): ReadonlySet<IsoDate> {
    return this.closureSet;
  }

  private index(n: number, original: IsoDate | number): number {
    if (!Number.isInteger(n) || n < this.fromDay || n > this.toDay) {
      const shown = typeof original === 'number' ? describeDayNumber(original) : original;
      throw new RangeError(
        `Date ${shown} is outside the working calendar (${this.from} to ${this.to})`,
      );
    }
    return n - this.fromDay;
  }

  private dayNumber(d: IsoDate): number {
    return toDayNumber(d); // RangeError on a malformed date
  }

  isWorkingDayNumber(n: number): boolean {
    const i = this.index(n, n);
    return this.prefix[i + 1]! > this.prefix[i]!;
  }

  isWorkingDay(d: IsoDate): boolean {
    const i = this.index(this.dayNumber(d), d);
    return this.prefix[i + 1]! > this.prefix[i]!;
  }

  /**
   * Number of working days `d` with `received < d <= completed` (measurement.md: the day of
   * receipt is day 0). Throws a RangeError when `completed` is before `received`.
   */
  elapsedWorkingDays(received: IsoDate, completed: IsoDate): number {
    const a = this.dayNumber(received);
    const b = this.dayNumber(completed);
    this.index(a, received);
    this.index(b, completed);
    if (b < a) {
      throw new RangeError(`Completion date ${completed} is before the date received ${received}`);
    }
    return this.prefix[b - this.fromDay + 1]! - this.prefix[a - this.fromDay + 1]!;
  }

  /** `elapsedWorkingDays` on day numbers (no string parsing), for bulk work. */
  elapsedWorkingDaysByNumber(received: number, completed: number): number {
    const i = this.index(received, received);
    const j = this.index(completed, completed);
    if (j < i) {
      throw new RangeError(
        `Completion date ${describeDayNumber(completed)} is before the date received ${describeDayNumber(received)}`,
      );
    }
    return this.prefix[j + 1]! - this.prefix[i + 1]!;
  }

  /** Working days in [fromInclusive, toInclusive]; 0 when the range is empty (to < from). */
  workingDaysInRange(fromInclusive: IsoDate, toInclusive: IsoDate): number {
    const a = this.dayNumber(fromInclusive);
    const b = this.dayNumber(toInclusive);
    if (b < a) return 0;
    const i = this.index(a, fromInclusive);
    const j = this.index(b, toInclusive);
    return this.prefix[j + 1]! - this.prefix[i]!;
  }

  /**
   * The n-th working day after `d` (n >= 1), so that `elapsedWorkingDays(d, result) === n`;
   * n = 0 returns `d`; a negative n counts back to the |n|-th working day before `d`.
   */
  nthWorkingDayAfter(d: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`Working-day count ${n} is not an integer`);
    const i = this.index(this.dayNumber(d), d);
    if (n === 0) return d;
    // prefix[i + 1] = working days on or before d; prefix[i] = working days before d.
    const k = n > 0 ? this.prefix[i + 1]! + n - 1 : this.prefix[i]! + n;
    const day = this.workingDayNumbers[k];
    if (k < 0 || day === undefined) {
      throw new RangeError(
        `The ${n}${ordinalSuffix(n)} working day after ${d} is outside the working calendar (${this.from} to ${this.to})`,
      );
    }
    return fromDayNumber(day);
  }
}

function describeDayNumber(n: number): string {
  if (Number.isInteger(n) && n >= -719_162 && n <= 2_932_896)
    return `${fromDayNumber(n)} (day ${n})`;
  return `day number ${n}`;
}

function ordinalSuffix(n: number): string {
  const a = Math.abs(n);
  if (a % 100 >= 11 && a % 100 <= 13) return 'th';
  return a % 10 === 1 ? 'st' : a % 10 === 2 ? 'nd' : a % 10 === 3 ? 'rd' : 'th';
}

/**
 * A working calendar for a division: its bank holidays (from date-holidays) for every year the
 * range touches, plus the organisation's own closure days.
 */
export function buildCalendar(options: {
  division: Division;
  organisationClosures?: Iterable<IsoDate>;
  from: IsoDate;
  to: IsoDate;
}): WorkingCalendar {
  assertIsoDate(options.from, 'calendar start');
  assertIsoDate(options.to, 'calendar end');
  const fromYear = Number(options.from.slice(0, 4));
  const toYear = Number(options.to.slice(0, 4));
  const closures: IsoDate[] = bankHolidays(
    options.division,
    fromYear,
    Math.max(fromYear, toYear),
  ).map((h) => h.date);
  for (const c of options.organisationClosures ?? []) closures.push(c);
  return new WorkingCalendar({ closures, from: options.from, to: options.to });
}
