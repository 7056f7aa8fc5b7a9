import type { FeedbackRange } from '@ipo/contracts';
import {
  addDays,
  type IsoDate,
  latestCompletePeriod,
  londonDate,
  type Period,
  parsePeriod,
  periodContaining,
  periodsBetween,
  previousPeriod,
} from '@ipo/domain';
import type { z } from 'zod';
import { HttpError } from '../plugins/errors.js';
import { issuesOf } from '../standards/period-params.js';

const bad = (field: string, message: string) =>
  new HttpError(400, `${field}: ${message}`, [{ field, message }]);

/** Three financial years of months at most. */
const MAX_MONTHS = 36;

function label(from: IsoDate, to: IsoDate): string {
  const f = (d: IsoDate) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return f(from) === f(to) ? f(from) : `${f(from)} to ${f(to)}`;
}

export interface FeedbackRanges {
  range: FeedbackRange;
  previous: FeedbackRange;
  /** The calendar months the range covers, in order. */
  months: Period[];
  previousMonths: Period[];
}

const monthsOf = (from: IsoDate, to: IsoDate) =>
  periodsBetween(periodContaining(from, 'month'), periodContaining(to, 'month'));

/**
 * The months a feedback query covers: a period id (month, quarter or financial year), or from/to
 * covering whole calendar months, or by default the latest complete month. Feedback figures are
 * kept to whole months so that no two ranges differ by a few days whose figures could be worked
 * out by subtraction (decision 7). Also the previous range of the same length, for 'change on
 * the previous period'.
 */
export function feedbackRange(
  q: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  today: IsoDate,
): FeedbackRanges {
  if (q.period && (q.from || q.to)) throw bad('period', 'give a period or from/to, not both');
  if (q.from || q.to) {
    // Beyond these, dates are typing mistakes (and the London calendar is modelled to 9999).
    for (const field of ['from', 'to'] as const) {
      const value = q[field];
      if (value && (value < '2000-01-01' || value > '2999-12-31')) {
        throw bad(field, 'must be a date from 2000 to 2999');
      }
    }
    const to = q.to ?? latestCompletePeriod(today, 'month').end;
    const from = q.from ?? periodContaining(to, 'month').start;
    if (periodContaining(from, 'month').start !== from) {
      throw bad('from', 'feedback figures cover whole months: give the first day of a month');
    }
    if (periodContaining(to, 'month').end !== to) {
      throw bad('to', 'feedback figures cover whole months: give the last day of a month');
    }
    if (from > to) throw bad('from', 'is after `to`');
    const months = monthsOf(from, to);
    if (months.length > MAX_MONTHS) throw bad('from', 'the range may be at most 36 months');
    const pTo = addDays(from, -1);
    const previousMonths = periodsBetween(
      periodContaining(addDays(from, -1), 'month'),
      periodContaining(addDays(from, -1), 'month'),
    );
    while (previousMonths.length < months.length) {
      previousMonths.unshift(previousPeriod(previousMonths[0] as Period));
    }
    const pFrom = (previousMonths[0] as Period).start;
    return {
      range: { from, to, period: null, label: label(from, to) },
      previous: { from: pFrom, to: pTo, period: null, label: label(pFrom, pTo) },
      months,
      previousMonths,
    };
  }
  let period: Period;
  try {
    period = q.period ? parsePeriod(q.period) : latestCompletePeriod(today, 'month');
  } catch (error) {
    throw bad('period', error instanceof Error ? error.message : 'is not a period');
  }
  if (period.granularity === 'week') {
    throw bad('period', 'feedback figures cover whole months: give a month, quarter or year');
  }
  const prev = previousPeriod(period);
  return {
    range: { from: period.start, to: period.end, period: period.id, label: period.label },
    previous: { from: prev.start, to: prev.end, period: prev.id, label: prev.label },
    months: monthsOf(period.start, period.end),
    previousMonths: monthsOf(prev.start, prev.end),
  };
}

/**
 * A feedback query schema whose `period`/`from`/`to` arrive parsed as `ranges` (see
 * feedbackRange), judged on the London date at parse time; the other fields pass unchanged. A
 * bad range fails validation with the same 400 naming the field as feedbackRange's.
 */
export function withFeedbackRanges<
  S extends z.ZodType<{
    period?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  }>,
>(schema: S) {
  return schema.transform((query, ctx) => {
    const { period, from, to, ...rest } = query;
    const today = londonDate(new Date());
    return { ...rest, ranges: issuesOf(ctx, () => feedbackRange({ period, from, to }, today)) };
  });
}
