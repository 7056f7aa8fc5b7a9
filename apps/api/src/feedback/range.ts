import type { FeedbackRange } from '@ipo/contracts';
import {
  addDays,
  diffDays,
  type IsoDate,
  latestCompletePeriod,
  parsePeriod,
  previousPeriod,
} from '@ipo/domain';
import { HttpError } from '../plugins/errors.js';

const bad = (field: string, message: string) =>
  new HttpError(400, `${field}: ${message}`, [{ field, message }]);

const MAX_DAYS = 3 * 366;

function label(from: IsoDate, to: IsoDate): string {
  const f = (d: IsoDate) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  return from === to ? f(from) : `${f(from)} to ${f(to)}`;
}

/**
 * The dates a feedback query covers: a period id (month, quarter, year or week), or a from/to
 * date range (inclusive), or by default the latest complete month. Also the previous range of the
 * same length, for 'change against the previous period': the previous period for a period id,
 * the same number of days just before for a date range.
 */
export function feedbackRange(
  q: { period?: string | undefined; from?: string | undefined; to?: string | undefined },
  today: IsoDate,
): { range: FeedbackRange; previous: FeedbackRange } {
  if (q.period && (q.from || q.to)) throw bad('period', 'give a period or from/to, not both');
  if (q.from || q.to) {
    const to = q.to ?? addDays(today, -1);
    const from = q.from ?? addDays(to, -27);
    if (from > to) throw bad('from', 'is after `to`');
    const days = diffDays(from, to) + 1;
    if (days > MAX_DAYS) throw bad('from', 'the range may be at most three years');
    const pTo = addDays(from, -1);
    const pFrom = addDays(pTo, -(days - 1));
    return {
      range: { from, to, period: null, label: label(from, to) },
      previous: { from: pFrom, to: pTo, period: null, label: label(pFrom, pTo) },
    };
  }
  let period: ReturnType<typeof parsePeriod>;
  try {
    period = q.period ? parsePeriod(q.period) : latestCompletePeriod(today, 'month');
  } catch (error) {
    throw bad('period', error instanceof Error ? error.message : 'is not a period');
  }
  const prev = previousPeriod(period);
  return {
    range: { from: period.start, to: period.end, period: period.id, label: period.label },
    previous: { from: prev.start, to: prev.end, period: prev.id, label: prev.label },
  };
}
