import {
  addDays,
  type Granularity,
  granularityOf,
  type IsoDate,
  isIsoDate,
  latestCompletePeriod,
  type Period,
  parsePeriod,
  periodContaining,
} from '@ipo/domain';
import { HttpError } from '../plugins/errors.js';

const bad = (field: string, message: string) =>
  new HttpError(400, `${field}: ${message}`, [{ field, message }]);

/** A month, quarter or year (or week, where allowed) id; default the latest complete month. */
export function scorecardPeriod(
  id: string | undefined,
  today: IsoDate,
  field = 'period',
  allowWeeks = false,
): Period {
  if (id === undefined) return latestCompletePeriod(today, 'month');
  try {
    const period = parsePeriod(id);
    if (period.granularity === 'week' && !allowWeeks) {
      throw new RangeError('weeks are not a scorecard period');
    }
    return period;
  } catch (error) {
    throw bad(field, error instanceof Error ? error.message : 'is not a period');
  }
}

const DEFAULT_POINTS: Record<Granularity, number> = { week: 26, month: 24, quarter: 8, year: 5 };
const MAX_POINTS = 400;

/** `from`/`to` of a series: period ids of the chosen granularity, or ISO dates. */
export function seriesRange(
  granularity: Granularity,
  from: string | undefined,
  to: string | undefined,
  today: IsoDate,
): { first: Period; last: Period } {
  const resolve = (value: string, field: string): Period => {
    if (isIsoDate(value)) return periodContaining(value, granularity);
    let g: Granularity;
    try {
      g = granularityOf(value);
    } catch {
      throw bad(
        field,
        `must be a ${granularity} such as ${example(granularity)}, or a date (YYYY-MM-DD)`,
      );
    }
    if (g !== granularity) {
      throw bad(
        field,
        `is a ${g}, but the series is by ${granularity}: use e.g. ${example(granularity)}`,
      );
    }
    try {
      return parsePeriod(value, granularity);
    } catch (error) {
      throw bad(field, error instanceof Error ? error.message : 'is not a period');
    }
  };
  const last = to ? resolve(to, 'to') : latestCompletePeriod(today, granularity);
  let first: Period;
  if (from) {
    first = resolve(from, 'from');
  } else {
    first = last;
    for (let i = 1; i < DEFAULT_POINTS[granularity]; i++) {
      first = periodContaining(addDays(first.start, -1), granularity);
    }
  }
  if (first.start > last.start) throw bad('from', 'is after `to`');
  // Rough guard before generating periods: weeks are the finest granularity.
  const days = (Date.parse(last.end) - Date.parse(first.start)) / 86_400_000;
  const perPoint = { week: 7, month: 28, quarter: 89, year: 365 }[granularity];
  if (days / perPoint > MAX_POINTS) {
    throw bad(
      'from',
      `asks for more than ${MAX_POINTS} points; choose a shorter range or a coarser granularity`,
    );
  }
  return { first, last };
}

function example(g: Granularity): string {
  return { week: '2025-W27', month: '2025-07', quarter: '2025-26-Q2', year: '2025-26' }[g];
}
