/** GET /api/standards/:code/series: the standard over time. */
import type { Filters, SeriesResponse } from '@ipo/contracts';
import { type Granularity, type Period, periodsBetween, unitOf } from '@ipo/domain';
import type { Queryable } from '../derive/rules.js';
import { coordinatesOf, FeedbackCubes } from '../feedback/disclosure.js';
import { HttpError } from '../plugins/errors.js';
import { bucketTallies } from '../queries/buckets.js';
import type { StandardDef } from '../queries/standards.js';
import { figureOf, tallyBetween } from './figures.js';
import { monthsCovering, satisfactionFigure } from './satisfaction.js';

export async function series(
  db: Queryable,
  standard: StandardDef,
  granularity: Granularity,
  first: Period,
  last: Period,
  filters: Filters,
): Promise<SeriesResponse> {
  const periods = periodsBetween(first, last);
  if (standard.measure === 'satisfied_share') {
    return satisfactionSeries(db, standard, granularity, periods, filters);
  }
  const percentile = standard.measure === 'percentile_turnaround';
  // Weeks are their own buckets; months, quarters and years are unions of months.
  const buckets = await bucketTallies(db, {
    standard,
    bucket: granularity === 'week' ? 'week' : 'month',
    from: first.start,
    to: last.end,
    filters,
  });
  return {
    code: standard.code,
    granularity,
    unit: unitOf(standard),
    filters,
    points: periods.map((p) =>
      figureOf(standard, p, tallyBetween(buckets, p.start, p.end, percentile)),
    ),
  };
}

/**
 * Satisfaction over time from the protected feedback cubes (feedback/disclosure.ts): whole months
 * only, each period the sum of its months and withheld when any month is.
 */
async function satisfactionSeries(
  db: Queryable,
  standard: StandardDef,
  granularity: Granularity,
  periods: Period[],
  filters: Filters,
): Promise<SeriesResponse> {
  if (granularity === 'week') {
    throw new HttpError(400, 'granularity: satisfaction is reported by month, quarter or year', [
      {
        field: 'granularity',
        message: 'satisfaction figures cover whole months: use month, quarter or year',
      },
    ]);
  }
  const months = monthsCovering(periods);
  const cubes = await FeedbackCubes.load(db, months);
  const at = coordinatesOf(cubes.tree, filters);
  return {
    code: standard.code,
    granularity,
    unit: unitOf(standard),
    filters,
    points: periods.map((p) => {
      const ids = months.filter((m) => m.start >= p.start && m.end <= p.end).map((m) => m.id);
      return satisfactionFigure(standard, p, cubes.figure(at, { months: ids }));
    }),
  };
}
