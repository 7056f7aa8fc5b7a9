import {
  BreakdownQuerySchema,
  DistributionQuerySchema,
  ItemsQuerySchema,
  ScorecardQuerySchema,
  SeriesQuerySchema,
} from '@ipo/contracts';
import {
  addDays,
  type Granularity,
  granularityOf,
  type IsoDate,
  isIsoDate,
  latestCompletePeriod,
  londonDate,
  type Period,
  parsePeriod,
  periodContaining,
} from '@ipo/domain';
import { z } from 'zod';
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

/**
 * Runs a parser that throws 400s naming fields (scorecardPeriod, seriesRange, feedbackRange)
 * inside a zod transform: each field becomes an issue at that path with the same message, so the
 * error handler answers exactly as it did for the thrown 400 (status, message and issues).
 */
export function issuesOf<T>(ctx: z.RefinementCtx, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof HttpError) || error.statusCode !== 400 || !error.issues) throw error;
    for (const { field, message } of error.issues) {
      ctx.addIssue({ code: 'custom', path: [field], message });
    }
    return z.NEVER;
  }
}

/**
 * A query schema whose `period` id arrives parsed: a `Period`, by default the latest complete
 * month, judged on the London date at parse time. Weeks only where `allowWeeks`.
 */
export function withScorecardPeriod<S extends z.ZodType<{ period?: string | undefined }>>(
  schema: S,
  allowWeeks = false,
) {
  return schema.transform((query, ctx) => {
    const { period, ...rest } = query;
    const today = londonDate(new Date());
    return {
      ...rest,
      period: issuesOf(ctx, () => scorecardPeriod(period, today, 'period', allowWeeks)),
    };
  });
}

/** GET /api/scorecard, /standards/:code/breakdown, /distribution and /items: `period` parsed. */
export const ScorecardPeriodQuerySchema = withScorecardPeriod(ScorecardQuerySchema);
export const BreakdownPeriodQuerySchema = withScorecardPeriod(BreakdownQuerySchema);
export const DistributionPeriodQuerySchema = withScorecardPeriod(DistributionQuerySchema);
export const ItemsPeriodQuerySchema = withScorecardPeriod(ItemsQuerySchema, true);

/**
 * GET /standards/:code/series: `from`/`to` arrive as `range`, the first and last periods of the
 * chosen granularity (see seriesRange), judged on the London date at parse time.
 */
export const SeriesRangeQuerySchema = SeriesQuerySchema.transform((query, ctx) => {
  const { from, to, ...rest } = query;
  const today = londonDate(new Date());
  return { ...rest, range: issuesOf(ctx, () => seriesRange(rest.granularity, from, to, today)) };
});
