/**
 * Calendar-date arithmetic on `YYYY-MM-DD` strings and the Europe/London local date of an instant.
 *
 * Dates are plain strings (no time zone, no time of day). Arithmetic goes through "day numbers":
 * days since 1970-01-01 in the proleptic Gregorian calendar, so it never touches the host's time
 * zone.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** 1 = Monday ... 7 = Sunday (ISO 8601). */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const MS_PER_DAY = 86_400_000;

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (`month` is 1-12). */
export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

/**
 * Day number of a civil date (Howard Hinnant's `days_from_civil`). Month is 1-12. No validation.
 */
export function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Civil date of a day number (Howard Hinnant's `civil_from_days`). */
export function dayNumberToCivil(n: number): { year: number; month: number; day: number } {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Parses `YYYY-MM-DD` into its parts, or returns null when malformed or not a real date. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | null {
  if (typeof s !== 'string' || s.length !== 10 || s[4] !== '-' || s[7] !== '-') return null;
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const m0 = digit(s, 5);
  const m1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

/** True when `s` is a real calendar date written `YYYY-MM-DD` (years 0001-9999). */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === 'string' && parseIsoDate(s) !== null;
}

/** Throws a RangeError naming the value unless it is a valid `YYYY-MM-DD` date. */
export function assertIsoDate(s: unknown, what = 'date'): asserts s is IsoDate {
  if (!isIsoDate(s)) {
    throw new RangeError(
      `Invalid ${what} ${JSON.stringify(s)}: expected a real date as YYYY-MM-DD`,
    );
  }
}

/** Days since 1970-01-01 (negative before). Throws a RangeError on a malformed date. */
export function toDayNumber(d: IsoDate): number {
  const p = parseIsoDate(d);
  if (p === null) {
    throw new RangeError(`Invalid date ${JSON.stringify(d)}: expected a real date as YYYY-MM-DD`);
  }
  return civilToDayNumber(p.year, p.month, p.day);
}

const MIN_DAY_NUMBER = civilToDayNumber(MIN_YEAR, 1, 1);
const MAX_DAY_NUMBER = civilToDayNumber(MAX_YEAR, 12, 31);

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function formatCivil(year: number, month: number, day: number): IsoDate {
  const y = year < 1000 ? `${year}`.padStart(4, '0') : `${year}`;
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** The date of a day number. Throws a RangeError outside years 0001-9999 or for non-integers. */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isInteger(n) || n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw new RangeError(`Day number ${n} is not an integer day in years 0001-9999`);
  }
  const { year, month, day } = dayNumberToCivil(n);
  return formatCivil(year, month, day);
}

export function addDays(d: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** `b - a` in days. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO day of week of a day number: 1 = Monday ... 7 = Sunday. 1970-01-01 was a Thursday. */
export function dayOfWeekOfDayNumber(n: number): DayOfWeek {
  return (((((n + 3) % 7) + 7) % 7) + 1) as DayOfWeek;
}

/** ISO day of week: 1 = Monday ... 7 = Sunday. */
export function dayOfWeek(d: IsoDate): DayOfWeek {
  return dayOfWeekOfDayNumber(toDayNumber(d));
}

/**
 * Adds calendar months, clamping the day to the end of the target month
 * (31 January + 1 month = 28 or 29 February). `n` may be negative.
 */
export function addMonthsClamped(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Month count ${n} is not an integer`);
  const p = parseIsoDate(d);
  if (p === null) {
    throw new RangeError(`Invalid date ${JSON.stringify(d)}: expected a real date as YYYY-MM-DD`);
  }
  const total = p.year * 12 + (p.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`${d} + ${n} months is outside years 0001-9999`);
  }
  return formatCivil(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/** Compares two ISO dates (string order equals date order for `YYYY-MM-DD`). */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Europe/London local date
// ---------------------------------------------------------------------------------------------

const HOUR_MS = 3_600_000;

/** Last Sunday of a month, as a day number. */
function lastSunday(year: number, month: number): number {
  const last = civilToDayNumber(year, month, daysInMonth(year, month));
  return last - (dayOfWeekOfDayNumber(last) % 7);
}

/** First Sunday on or after the given day of the month, as a day number. */
function sundayOnOrAfter(year: number, month: number, day: number): number {
  const n = civilToDayNumber(year, month, day);
  return n + ((7 - (dayOfWeekOfDayNumber(n) % 7)) % 7);
}

/**
 * UK summer time of a year as UTC milliseconds [start, end), following the tz database's
 * GB-Eire and EU rules:
 * - 1972-1980: third Sunday of March (Sun>=16) to Sunday >= 23 October, both at 02:00 GMT;
 * - 1981-1995: last Sunday of March 01:00 UTC to Sunday >= 23 October (1981-1989) or
 *   Sunday >= 22 October (1990-1995) 01:00 UTC;
 * - 1996 onwards (EU rule): last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
 * Years before 1972 (British Standard Time experiment, wartime double summer time) go through
 * Intl instead; no item in this product is that old.
 */
export function bstBounds(year: number): { start: number; end: number } {
  let start: number;
  let end: number;
  if (year >= 1996) {
    start = lastSunday(year, 3) * MS_PER_DAY + HOUR_MS;
    end = lastSunday(year, 10) * MS_PER_DAY + HOUR_MS;
  } else if (year >= 1981) {
    start = lastSunday(year, 3) * MS_PER_DAY + HOUR_MS;
    end = sundayOnOrAfter(year, 10, year >= 1990 ? 22 : 23) * MS_PER_DAY + HOUR_MS;
  } else if (year >= 1972) {
    start = sundayOnOrAfter(year, 3, 16) * MS_PER_DAY + 2 * HOUR_MS;
    end = sundayOnOrAfter(year, 10, 23) * MS_PER_DAY + 2 * HOUR_MS;
  } else {
    throw new RangeError(`UK summer-time rules are only modelled from 1972 (asked for ${year})`);
  }
  return { start, end };
}

const RULES_FROM_MS = Date.UTC(1972, 0, 1);
const RULES_TO_MS = Date.UTC(MAX_YEAR, 11, 31);

// One cached segment [segStart, segEnd) of constant offset. Imports process rows roughly in time
// order, so almost every call hits the segment of the previous call.
let segStart = 0;
let segEnd = 0;
let segOffset = 0;

function loadSegment(ms: number): void {
  const year = dayNumberToCivil(Math.floor(ms / MS_PER_DAY)).year;
  const { start, end } = bstBounds(year);
  if (ms < start) {
    segStart = year > 1972 ? bstBounds(year - 1).end : RULES_FROM_MS;
    segEnd = start;
    segOffset = 0;
  } else if (ms < end) {
    segStart = start;
    segEnd = end;
    segOffset = HOUR_MS;
  } else {
    segStart = end;
    segEnd = year < MAX_YEAR ? bstBounds(year + 1).start : RULES_TO_MS;
    segOffset = 0;
  }
}

// Formatted dates for 1972-2100 by day number, filled lazily: formatting is the costly part.
const CACHE_FROM_DAY = civilToDayNumber(1972, 1, 1);
const CACHE_TO_DAY = civilToDayNumber(2100, 12, 31);
const formattedDays: (string | undefined)[] = new Array(CACHE_TO_DAY - CACHE_FROM_DAY + 1);

function dayNumberToIsoCached(n: number): IsoDate {
  if (n >= CACHE_FROM_DAY && n <= CACHE_TO_DAY) {
    const cached = formattedDays[n - CACHE_FROM_DAY];
    if (cached !== undefined) return cached;
    const s = fromDayNumber(n);
    formattedDays[n - CACHE_FROM_DAY] = s;
    return s;
  }
  return fromDayNumber(n);
}

let intlFormatter: Intl.DateTimeFormat | undefined;

function intlLondonDate(ms: number): IsoDate {
  intlFormatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const parts = intlFormatter.formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/** Offset of Europe/London from UTC at an instant, in milliseconds (0 or 3 600 000). */
export function londonOffsetMs(ms: number): number {
  if (ms < RULES_FROM_MS || ms >= RULES_TO_MS) {
    throw new RangeError(`Instant ${ms} is outside the modelled years 1972-9999`);
  }
  if (ms < segStart || ms >= segEnd) loadSegment(ms);
  return segOffset;
}

// Transitions happen at 01:00 or 02:00 UTC, so the London date differs from the UTC date only
// from 23:00 UTC on a day whose evening is in summer time. One bit per UTC day for 1972-2100
// turns londonDate into two array reads, whatever the order of the rows.
let bstEvening: Uint8Array | undefined;

function buildBstEvenings(): Uint8Array {
  const table = new Uint8Array(CACHE_TO_DAY - CACHE_FROM_DAY + 1);
  for (let year = 1972; year <= 2100; year++) {
    const { start, end } = bstBounds(year);
    const first = civilToDayNumber(year, 1, 1);
    const last = civilToDayNumber(year, 12, 31);
    for (let day = first; day <= last; day++) {
      const evening = day * MS_PER_DAY + 23 * HOUR_MS;
      if (evening >= start && evening < end) table[day - CACHE_FROM_DAY] = 1;
    }
  }
  return table;
}

/** Europe/London local date of an instant given as epoch milliseconds. */
export function londonDateFromMs(ms: number): IsoDate {
  const utcDay = Math.floor(ms / MS_PER_DAY);
  const i = utcDay - CACHE_FROM_DAY;
  if (i >= 0 && utcDay <= CACHE_TO_DAY) {
    bstEvening ??= buildBstEvenings();
    const local =
      ms - utcDay * MS_PER_DAY >= 23 * HOUR_MS && bstEvening[i] === 1 ? utcDay + 1 : utcDay;
    return dayNumberToIsoCached(local);
  }
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid instant ${ms}`);
  if (ms < RULES_FROM_MS || ms >= RULES_TO_MS) return intlLondonDate(ms);
  if (ms < segStart || ms >= segEnd) loadSegment(ms);
  return dayNumberToIsoCached(Math.floor((ms + segOffset) / MS_PER_DAY));
}

/**
 * The Europe/London local date of an instant: `2025-07-01T23:30:00Z` is '2025-07-02'.
 * Summer time is computed by rule (cached), not with Intl, because this runs for every imported
 * row.
 */
export function londonDate(instant: Date): IsoDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date passed to londonDate');
  return londonDateFromMs(ms);
}

/**
 * The instant a Europe/London calendar day begins, as epoch milliseconds: UTC midnight in
 * winter, 23:00 UTC the day before in summer. (Clocks change at 01:00 UTC, so the offset at UTC
 * midnight is the offset at London midnight.)
 */
export function londonMidnightMs(d: IsoDate): number {
  const utcMidnight = toDayNumber(d) * MS_PER_DAY;
  return utcMidnight - londonOffsetMs(utcMidnight);
}
