import {
  addDays,
  assertIsoDate,
  civilToDayNumber,
  dayNumberToCivil,
  dayOfWeekOfDayNumber,
  daysInMonth,
  fromDayNumber,
  type IsoDate,
  toDayNumber,
} from './dates.js';

/**
 * Reporting periods (measurement.md, "Time"): calendar months, quarters of the UK financial
 * year (Q1 = April-June ... Q4 = January-March), financial years (1 April - 31 March) and ISO
 * weeks (Monday-Sunday).
 *
 * Identifiers: month `2025-07`, quarter `2025-26-Q2`, financial year `2025-26`, week `2025-W27`.
 *
 * Ambiguity: for 2000-01 ... 2011-12 a financial-year id is also a month id (`2011-12` is
 * December 2011 and the year April 2011 - March 2012). Without a hint the month wins; pass the
 * granularity to `parsePeriod` to read it as a financial year.
 */

import { financialYearId, type Granularity, MONTH_NAMES } from './vocabulary.js';

export {
  financialYearId,
  GRANULARITIES,
  type Granularity,
  MONTH_ID,
  MONTH_NAMES,
  QUARTER_ID,
  WEEK_ID,
  YEAR_ID,
} from './vocabulary.js';

export type Period = {
  granularity: Granularity;
  id: string;
  start: IsoDate;
  /** Inclusive. */
  end: IsoDate;
  label: string;
};

const MIN_YEAR = 1;
const MAX_YEAR = 9998;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

function pad4(n: number): string {
  return `${n}`.padStart(4, '0');
}

function monthName(m: number): string {
  return MONTH_NAMES[m - 1] ?? `month ${m}`;
}

function checkYear(id: string, y: number): void {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`Invalid period "${id}": year ${y} is outside 0001-${MAX_YEAR}`);
  }
}

// --- financial years -------------------------------------------------------------------------

/** Start year of the financial year containing a date (1 April - 31 March). */
export function financialYearStartYear(d: IsoDate): number {
  assertIsoDate(d);
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m >= 4 ? y : y - 1;
}

// --- ISO weeks -------------------------------------------------------------------------------

/** Day number of the Monday of ISO week 1 of an ISO year (the week containing 4 January). */
function isoWeekOneMonday(isoYear: number): number {
  const jan4 = civilToDayNumber(isoYear, 1, 4);
  return jan4 - (dayOfWeekOfDayNumber(jan4) - 1);
}

/** 52 or 53. */
export function isoWeeksInYear(isoYear: number): number {
  return (isoWeekOneMonday(isoYear + 1) - isoWeekOneMonday(isoYear)) / 7;
}

/** ISO year and week number of a date. */
export function isoWeekOf(d: IsoDate): { isoYear: number; week: number } {
  const n = toDayNumber(d);
  const thursday = n - dayOfWeekOfDayNumber(n) + 4;
  const isoYear = dayNumberToCivil(thursday).year;
  const week = Math.floor((thursday - civilToDayNumber(isoYear, 1, 1)) / 7) + 1;
  return { isoYear, week };
}

// --- construction ----------------------------------------------------------------------------

function monthPeriod(y: number, m: number): Period {
  const id = `${pad4(y)}-${pad2(m)}`;
  checkYear(id, y);
  return {
    granularity: 'month',
    id,
    start: `${pad4(y)}-${pad2(m)}-01`,
    end: `${pad4(y)}-${pad2(m)}-${pad2(daysInMonth(y, m))}`,
    label: `${monthName(m)} ${y}`,
  };
}

function quarterPeriod(fyStart: number, q: number): Period {
  const id = `${financialYearId(fyStart)}-Q${q}`;
  checkYear(id, fyStart);
  // Q1 starts in April of the start year; Q4 runs January-March of the following year.
  const firstMonthIndex = 3 + (q - 1) * 3; // 0-based months counted from January of fyStart
  const y = fyStart + Math.floor(firstMonthIndex / 12);
  const m1 = (firstMonthIndex % 12) + 1;
  const m3 = m1 + 2;
  return {
    granularity: 'quarter',
    id,
    start: `${pad4(y)}-${pad2(m1)}-01`,
    end: `${pad4(y)}-${pad2(m3)}-${pad2(daysInMonth(y, m3))}`,
    label: `Q${q} ${financialYearId(fyStart)} (${monthName(m1)} to ${monthName(m3)} ${y})`,
  };
}

function yearPeriod(fyStart: number): Period {
  const id = financialYearId(fyStart);
  checkYear(id, fyStart);
  return {
    granularity: 'year',
    id,
    start: `${pad4(fyStart)}-04-01`,
    end: `${pad4(fyStart + 1)}-03-31`,
    label: id,
  };
}

function weekPeriod(isoYear: number, week: number): Period {
  const id = `${pad4(isoYear)}-W${pad2(week)}`;
  checkYear(id, isoYear);
  const startN = isoWeekOneMonday(isoYear) + (week - 1) * 7;
  const start = dayNumberToCivil(startN);
  const end = dayNumberToCivil(startN + 6);
  let range: string;
  if (start.year !== end.year) {
    range = `${start.day} ${monthName(start.month)} ${start.year} to ${end.day} ${monthName(end.month)} ${end.year}`;
  } else if (start.month !== end.month) {
    range = `${start.day} ${monthName(start.month)} to ${end.day} ${monthName(end.month)}`;
  } else {
    range = `${start.day} to ${end.day} ${monthName(end.month)}`;
  }
  return {
    granularity: 'week',
    id,
    start: fromDayNumber(startN),
    end: fromDayNumber(startN + 6),
    label: `Week ${week} ${isoYear} (${range})`,
  };
}

// --- parsing ---------------------------------------------------------------------------------

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const QUARTER_RE = /^(\d{4})-(\d{2})-Q(\d+)$/;
const PAIR_RE = /^(\d{4})-(\d{2})$/;

const EXPECTED =
  'expected a month (2025-07), a financial-year quarter (2025-26-Q2), a financial year (2025-26) or an ISO week (2025-W27)';

/**
 * Parses a period identifier. Throws a RangeError saying what is wrong when it is malformed.
 * `granularity` settles the month / financial-year ambiguity of 2000-01 ... 2011-12 and, when
 * given, the id must be of that granularity.
 */
export function parsePeriod(id: string, granularity?: Granularity): Period {
  if (typeof id !== 'string')
    throw new RangeError(`Invalid period ${JSON.stringify(id)}: ${EXPECTED}`);
  const period = parseAny(id, granularity);
  if (granularity !== undefined && period.granularity !== granularity) {
    throw new RangeError(
      `Invalid period "${id}": it is a ${period.granularity}, not a ${granularity}`,
    );
  }
  return period;
}

function parseAny(id: string, hint: Granularity | undefined): Period {
  let m = WEEK_RE.exec(id);
  if (m) {
    const y = Number(m[1]);
    const w = Number(m[2]);
    checkYear(id, y);
    const weeks = isoWeeksInYear(y);
    if (w < 1 || w > weeks) {
      throw new RangeError(`Invalid period "${id}": ISO year ${y} has weeks 01 to ${weeks}`);
    }
    return weekPeriod(y, w);
  }
  m = QUARTER_RE.exec(id);
  if (m) {
    const y = Number(m[1]);
    const yy = Number(m[2]);
    const q = Number(m[3]);
    checkYear(id, y);
    if (yy !== (y + 1) % 100) {
      throw new RangeError(
        `Invalid period "${id}": a financial year names consecutive years, e.g. ${financialYearId(y)}`,
      );
    }
    if (m[3]!.length !== 1 || q < 1 || q > 4) {
      throw new RangeError(`Invalid period "${id}": quarters are Q1 to Q4`);
    }
    return quarterPeriod(y, q);
  }
  m = PAIR_RE.exec(id);
  if (m) {
    const y = Number(m[1]);
    const second = Number(m[2]);
    checkYear(id, y);
    const isMonth = second >= 1 && second <= 12;
    const isYear = second === (y + 1) % 100;
    if (isYear && (hint === 'year' || !isMonth)) return yearPeriod(y);
    if (isMonth) return monthPeriod(y, second);
    throw new RangeError(
      `Invalid period "${id}": ${m[2]} is not a month (01 to 12), and a financial year names consecutive years (${financialYearId(y)})`,
    );
  }
  throw new RangeError(`Invalid period ${JSON.stringify(id)}: ${EXPECTED}`);
}

/** `parsePeriod` that returns null instead of throwing. */
export function tryParsePeriod(id: string, granularity?: Granularity): Period | null {
  try {
    return parsePeriod(id, granularity);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * Granularity of an identifier from its shape (throws a RangeError when it has none). A
 * `YYYY-NN` id is a month when NN is 01-12, otherwise a financial year; values are not checked
 * further (use `parsePeriod` for that).
 */
export function granularityOf(id: string): Granularity {
  if (WEEK_RE.test(id)) return 'week';
  if (QUARTER_RE.test(id)) return 'quarter';
  const m = PAIR_RE.exec(id);
  if (m) {
    const second = Number(m[2]);
    return second >= 1 && second <= 12 ? 'month' : 'year';
  }
  throw new RangeError(`Invalid period ${JSON.stringify(id)}: ${EXPECTED}`);
}

// --- navigation ------------------------------------------------------------------------------

/** The period of a granularity that contains a date. */
export function periodContaining(d: IsoDate, granularity: Granularity): Period {
  assertIsoDate(d);
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  switch (granularity) {
    case 'month':
      return monthPeriod(y, m);
    case 'quarter': {
      const fy = m >= 4 ? y : y - 1;
      const q = m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4;
      return quarterPeriod(fy, q);
    }
    case 'year':
      return yearPeriod(m >= 4 ? y : y - 1);
    case 'week': {
      const { isoYear, week } = isoWeekOf(d);
      return weekPeriod(isoYear, week);
    }
    default:
      throw new RangeError(`Unknown granularity ${JSON.stringify(granularity)}`);
  }
}

/** Re-reads a period from its id and granularity, so a hand-built object cannot be inconsistent. */
function normalise(p: Period): Period {
  return parsePeriod(p.id, p.granularity);
}

export function previousPeriod(p: Period): Period {
  const q = normalise(p);
  return periodContaining(addDays(q.start, -1), q.granularity);
}

export function nextPeriod(p: Period): Period {
  const q = normalise(p);
  return periodContaining(addDays(q.end, 1), q.granularity);
}

/**
 * The same period one year earlier: same month, same quarter of the previous financial year,
 * the previous financial year, or the same ISO week number of the previous ISO year (week 52 when
 * that year has no week 53).
 */
export function samePeriodLastYear(p: Period): Period {
  const q = normalise(p);
  const y = Number(q.id.slice(0, 4));
  switch (q.granularity) {
    case 'month':
      return monthPeriod(y - 1, Number(q.id.slice(5, 7)));
    case 'quarter':
      return quarterPeriod(y - 1, Number(q.id.slice(9)));
    case 'year':
      return yearPeriod(y - 1);
    case 'week': {
      const w = Number(q.id.slice(6));
      return weekPeriod(y - 1, Math.min(w, isoWeeksInYear(y - 1)));
    }
    default:
      throw new RangeError(`Unknown granularity ${JSON.stringify(q.granularity)}`);
  }
}

/** The financial year (1 April - 31 March) containing a date, as a period. */
export function financialYearOf(d: IsoDate): Period {
  return periodContaining(d, 'year');
}

/** From 1 April of the financial year containing the period's end, to the period's end. */
export function financialYearToDate(p: Period): { start: IsoDate; end: IsoDate } {
  const q = normalise(p);
  return { start: financialYearOf(q.end).start, end: q.end };
}

/**
 * The latest period that has ended before `today`. The period containing today is still in
 * progress even on its last day, because that day is not over.
 */
export function latestCompletePeriod(today: IsoDate, granularity: Granularity): Period {
  return previousPeriod(periodContaining(today, granularity));
}

export function comparePeriods(a: Period, b: Period): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/**
 * Every period from `from` to `to`, both included, oldest first. Both must have the same
 * granularity and `from` must not be after `to` (RangeError otherwise).
 */
export function periodsBetween(from: Period, to: Period): Period[] {
  const a = normalise(from);
  const b = normalise(to);
  if (a.granularity !== b.granularity) {
    throw new RangeError(`Cannot list periods from a ${a.granularity} to a ${b.granularity}`);
  }
  if (a.start > b.start) throw new RangeError(`Period ${a.id} is after ${b.id}`);
  const out: Period[] = [a];
  let current = a;
  while (current.id !== b.id) {
    current = periodContaining(addDays(current.end, 1), a.granularity);
    out.push(current);
  }
  return out;
}

/** The `n` periods ending with `p`, oldest first. */
export function lastNPeriods(p: Period, n: number): Period[] {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Period count ${n} must be a whole number >= 0`);
  const out: Period[] = [];
  let current = normalise(p);
  for (let i = 0; i < n; i++) {
    out.push(current);
    if (i < n - 1) current = previousPeriod(current);
  }
  return out.reverse();
}

/** True when a date falls inside a period. */
export function periodContains(p: Period, d: IsoDate): boolean {
  return d >= p.start && d <= p.end;
}
