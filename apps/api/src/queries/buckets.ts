import type { Filters } from '@ipo/contracts';
import { emptyTally, sourceOf, type Tally } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import type { StandardDef } from './standards.js';

export type Bucket = 'month' | 'week' | 'day';

export interface BucketQuery {
  standard: StandardDef;
  bucket: Bucket;
  /** Inclusive London dates. */
  from: string;
  to: string;
  filters?: Filters;
}

interface Row {
  bucket: string;
  wd: number | null;
  successes: number;
  n: number;
}

const hasFilters = (f: Filters | undefined) =>
  Boolean(f && (f.team !== undefined || f.channel !== undefined || f.customerGroup !== undefined));

/**
 * Counts per bucket (month, ISO week or day) for a standard, from the rollups where they answer
 * the question exactly and from the raw rows otherwise. Buckets are keyed by their first day.
 *
 * - Work items, no filters, by month: work_item_month_turnaround (turnaround histogram, so
 *   percentiles too); by week or day: work_item_day_turnaround. Callers ask for month buckets
 *   only over whole months.
 * - Work items filtered, share measures: work_item_day_group.
 * - Work items filtered, percentile measures: the raw rows (histogram per bucket).
 * - Quality checks: quality_check_day, or the raw rows when filtered by team.
 * - Feedback: feedback_day, unfiltered only (filtered satisfaction is protected: FeedbackCubes).
 */
export async function bucketTallies(db: Queryable, q: BucketQuery): Promise<Map<string, Tally>> {
  const source = sourceOf(q.standard);
  const percentile = q.standard.measure === 'percentile_turnaround';
  const filtered = hasFilters(q.filters);
  const f = q.filters ?? {};
  // date_trunc on a timestamp without time zone, so the server's TimeZone cannot shift a day.
  const bucketOf = (column: string) =>
    q.bucket === 'day' ? column : `date_trunc('${q.bucket}', ${column}::timestamp)::date`;
  let sql: string;
  let params: unknown[];

  if (source === 'work_items') {
    if (!filtered && q.bucket === 'month') {
      // Whole months (the scorecard's months, quarters and years) from the monthly histogram.
      sql = `SELECT month AS bucket, elapsed_working_days AS wd,
                    coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
               FROM work_item_month_turnaround
              WHERE work_type_code = ANY($1) AND month BETWEEN date_trunc('month', $2::date::timestamp)::date AND $3
              GROUP BY 1, 2`;
      params = [q.standard.workTypes, q.from, q.to];
    } else if (!filtered) {
      sql = `SELECT ${bucketOf('day')} AS bucket, elapsed_working_days AS wd,
                    coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
               FROM work_item_day_turnaround
              WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3
              GROUP BY 1, 2`;
      params = [q.standard.workTypes, q.from, q.to];
    } else if (!percentile) {
      sql = `SELECT ${bucketOf('day')} AS bucket, NULL::int AS wd,
                    coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
               FROM work_item_day_group
              WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3
                AND ($4::int IS NULL OR team_id = $4) AND ($5::channel IS NULL OR channel = $5)
                AND ($6::customer_group IS NULL OR customer_group = $6)
              GROUP BY 1`;
      params = [
        q.standard.workTypes,
        q.from,
        q.to,
        f.team ?? null,
        f.channel ?? null,
        f.customerGroup ?? null,
      ];
    } else {
      sql = `SELECT ${bucketOf('completed_date')} AS bucket, elapsed_working_days AS wd,
                    count(*) FILTER (WHERE within_threshold)::int AS successes, count(*)::int AS n
               FROM work_item
              WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3
                AND ($4::int IS NULL OR team_id = $4) AND ($5::channel IS NULL OR channel = $5)
                AND ($6::customer_group IS NULL OR customer_group = $6)
              GROUP BY 1, 2`;
      params = [
        q.standard.workTypes,
        q.from,
        q.to,
        f.team ?? null,
        f.channel ?? null,
        f.customerGroup ?? null,
      ];
    }
  } else if (source === 'quality_checks') {
    if (!filtered) {
      sql = `SELECT ${bucketOf('day')} AS bucket, NULL::int AS wd,
                    coalesce(sum(n) FILTER (WHERE passed), 0)::int AS successes, sum(n)::int AS n
               FROM quality_check_day
              WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY 1`;
      params = [q.standard.workTypes, q.from, q.to];
    } else {
      sql = `SELECT ${bucketOf('checked_date')} AS bucket, NULL::int AS wd,
                    count(*) FILTER (WHERE passed)::int AS successes, count(*)::int AS n
               FROM quality_check
              WHERE work_type_code = ANY($1) AND checked_date BETWEEN $2 AND $3
                AND ($4::int IS NULL OR team_id = $4)
              GROUP BY 1`;
      params = [q.standard.workTypes, q.from, q.to, f.team ?? null];
    }
  } else if (!filtered) {
    sql = `SELECT ${bucketOf('day')} AS bucket, NULL::int AS wd,
                  coalesce(sum(n) FILTER (WHERE score >= 4), 0)::int AS successes,
                  coalesce(sum(n) FILTER (WHERE score > 0), 0)::int AS n
             FROM feedback_day WHERE day BETWEEN $1 AND $2 GROUP BY 1`;
    params = [q.from, q.to];
  } else {
    // Filtered satisfaction is read from the protected feedback tables (feedback/disclosure.ts).
    throw new Error('bucketTallies: filtered satisfaction goes through FeedbackCubes');
  }

  const { rows } = await db.query<Row>(sql, params);
  const out = new Map<string, Tally>();
  for (const r of rows) {
    let t = out.get(r.bucket);
    if (!t) {
      t = emptyTally(percentile);
      out.set(r.bucket, t);
    }
    t.n += r.n;
    t.successes += r.successes;
    if (t.histogram && r.wd !== null) t.histogram.set(r.wd, (t.histogram.get(r.wd) ?? 0) + r.n);
  }
  return out;
}
