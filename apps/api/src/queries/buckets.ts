import type { Filters } from '@ipo/contracts';
import { emptyTally, type Source, sourceOf, type Tally } from '@ipo/domain';
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
  work_type_code: string;
  bucket: string;
  wd: number | null;
  successes: number;
  n: number;
}

const hasFilters = (f: Filters | undefined) =>
  Boolean(f && (f.team !== undefined || f.channel !== undefined || f.customerGroup !== undefined));

/** Filtered by team and nothing else. */
const teamOnly = (f: Filters | undefined) =>
  f?.team !== undefined && f.channel === undefined && f.customerGroup === undefined;

/**
 * The SQL for one kind of question, with the work types as $1 (feedback: none) and, when
 * `histogram`, the work types that need a histogram as the last parameter: one row per work type,
 * bucket and (for percentiles) elapsed working days, so that the standards of one source are
 * answered by one query (two where shares and percentiles read different tables) and each takes
 * its own work types' rows.
 *
 * - Work items, no filters, by month: work_item_month_turnaround (turnaround histogram, so
 *   percentiles too); by week or day: work_item_day_turnaround. Callers ask for month buckets
 *   only over whole months.
 * - Work items filtered by team alone, by month: work_item_month_team_turnaround (a histogram,
 *   so percentiles too).
 * - Work items filtered otherwise, share measures: work_item_day_group.
 * - Work items filtered otherwise, percentile measures: the raw rows (histogram per bucket).
 * - Quality checks: quality_check_day; filtered (by team), quality_check_month_team by month and
 *   the raw rows by week or day.
 * - Feedback: feedback_day, unfiltered only (filtered satisfaction is protected: FeedbackCubes).
 */
function bucketSql(
  source: Source,
  percentile: boolean,
  q: Omit<BucketQuery, 'standard'>,
): { sql: string; params: unknown[]; byWorkType: boolean; histogram?: boolean } {
  const filtered = hasFilters(q.filters);
  const f = q.filters ?? {};
  // date_trunc on a timestamp without time zone, so the server's TimeZone cannot shift a day.
  const bucketOf = (column: string) =>
    q.bucket === 'day' ? column : `date_trunc('${q.bucket}', ${column}::timestamp)::date`;
  const firstMonth = `date_trunc('month', $2::date::timestamp)::date`;
  // From the turnaround rollups, a histogram (a row per elapsed working days) for the work types
  // of percentile measures only, given as the last parameter ($n); shares need the sums alone.
  const wd = (n: number) =>
    `CASE WHEN work_type_code = ANY($${n}::text[]) THEN elapsed_working_days END`;

  if (source === 'work_items') {
    if (!filtered && q.bucket === 'month') {
      // Whole months (the scorecard's months, quarters and years) from the monthly histogram.
      return {
        sql: `SELECT work_type_code, month AS bucket, ${wd(4)} AS wd,
                     coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
                FROM work_item_month_turnaround
               WHERE work_type_code = ANY($1) AND month BETWEEN ${firstMonth} AND $3
               GROUP BY 1, 2, 3`,
        params: [q.from, q.to],
        byWorkType: true,
        histogram: true,
      };
    }
    if (!filtered) {
      return {
        sql: `SELECT work_type_code, ${bucketOf('day')} AS bucket, ${wd(4)} AS wd,
                     coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
                FROM work_item_day_turnaround
               WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3
               GROUP BY 1, 2, 3`,
        params: [q.from, q.to],
        byWorkType: true,
        histogram: true,
      };
    }
    if (teamOnly(f) && q.bucket === 'month') {
      // A team's whole months from its monthly histogram.
      return {
        sql: `SELECT work_type_code, month AS bucket, ${wd(5)} AS wd,
                     coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
                FROM work_item_month_team_turnaround
               WHERE work_type_code = ANY($1) AND team_id = $4
                 AND month BETWEEN ${firstMonth} AND $3
               GROUP BY 1, 2, 3`,
        params: [q.from, q.to, f.team],
        byWorkType: true,
        histogram: true,
      };
    }
    const filters = `AND ($4::int IS NULL OR team_id = $4) AND ($5::channel IS NULL OR channel = $5)
                AND ($6::customer_group IS NULL OR customer_group = $6)`;
    const params = [q.from, q.to, f.team ?? null, f.channel ?? null, f.customerGroup ?? null];
    if (!percentile) {
      return {
        sql: `SELECT work_type_code, ${bucketOf('day')} AS bucket, NULL::int AS wd,
                     coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
                FROM work_item_day_group
               WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3
                ${filters}
               GROUP BY 1, 2`,
        params,
        byWorkType: true,
      };
    }
    return {
      sql: `SELECT work_type_code, ${bucketOf('completed_date')} AS bucket, elapsed_working_days AS wd,
                   count(*) FILTER (WHERE within_threshold)::int AS successes, count(*)::int AS n
              FROM work_item
             WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3
              ${filters}
             GROUP BY 1, 2, 3`,
      params,
      byWorkType: true,
    };
  }
  if (source === 'quality_checks') {
    if (!filtered) {
      return {
        sql: `SELECT work_type_code, ${bucketOf('day')} AS bucket, NULL::int AS wd,
                     coalesce(sum(n) FILTER (WHERE passed), 0)::int AS successes, sum(n)::int AS n
                FROM quality_check_day
               WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY 1, 2`,
        params: [q.from, q.to],
        byWorkType: true,
      };
    }
    // Checks are filtered by team alone (they have no channel or customer group).
    if (q.bucket === 'month') {
      return {
        sql: `SELECT work_type_code, month AS bucket, NULL::int AS wd,
                     coalesce(sum(n) FILTER (WHERE passed), 0)::int AS successes, sum(n)::int AS n
                FROM quality_check_month_team
               WHERE work_type_code = ANY($1) AND month BETWEEN ${firstMonth} AND $3
                 AND ($4::int IS NULL OR team_id = $4)
               GROUP BY 1, 2`,
        params: [q.from, q.to, f.team ?? null],
        byWorkType: true,
      };
    }
    return {
      sql: `SELECT work_type_code, ${bucketOf('checked_date')} AS bucket, NULL::int AS wd,
                   count(*) FILTER (WHERE passed)::int AS successes, count(*)::int AS n
              FROM quality_check
             WHERE work_type_code = ANY($1) AND checked_date BETWEEN $2 AND $3
               AND ($4::int IS NULL OR team_id = $4)
             GROUP BY 1, 2`,
      params: [q.from, q.to, f.team ?? null],
      byWorkType: true,
    };
  }
  if (!filtered) {
    // Feedback is not by work type: no $1.
    return {
      sql: `SELECT '' AS work_type_code, ${bucketOf('day')} AS bucket, NULL::int AS wd,
                   coalesce(sum(n) FILTER (WHERE score >= 4), 0)::int AS successes,
                   coalesce(sum(n) FILTER (WHERE score > 0), 0)::int AS n
              FROM feedback_day WHERE day BETWEEN $1 AND $2 GROUP BY 1, 2`,
      params: [q.from, q.to],
      byWorkType: false,
    };
  }
  // Filtered satisfaction is read from the protected feedback tables (feedback/disclosure.ts).
  throw new Error('bucketTallies: filtered satisfaction goes through FeedbackCubes');
}

/**
 * Counts per bucket (month, ISO week or day) for a standard, from the rollups where they answer
 * the question exactly and from the raw rows otherwise (see bucketSql). Buckets are keyed by
 * their first day.
 */
export async function bucketTallies(db: Queryable, q: BucketQuery): Promise<Map<string, Tally>> {
  const { standard, ...rest } = q;
  return (await bucketTalliesOf(db, [standard], rest)).get(standard.code) ?? new Map();
}

/**
 * The same for several standards over one range and filter set, keyed by standard code: one
 * query per source (and kind of measure where the tables differ), however many standards.
 * Queries run one after another: `db` may be a single client holding one snapshot.
 */
export async function bucketTalliesOf(
  db: Queryable,
  standards: readonly StandardDef[],
  q: Omit<BucketQuery, 'standard'>,
): Promise<Map<string, Map<string, Tally>>> {
  const plans = new Map<
    string,
    { params: unknown[]; byWorkType: boolean; histogram: boolean; standards: StandardDef[] }
  >();
  for (const standard of standards) {
    const { sql, params, byWorkType, histogram } = bucketSql(
      sourceOf(standard),
      standard.measure === 'percentile_turnaround',
      q,
    );
    const plan = plans.get(sql) ?? {
      params,
      byWorkType,
      histogram: histogram ?? false,
      standards: [],
    };
    plan.standards.push(standard);
    plans.set(sql, plan);
  }
  const out = new Map<string, Map<string, Tally>>();
  const typesOf = (list: readonly StandardDef[]) =>
    [...new Set(list.flatMap((s) => s.workTypes))].sort();
  for (const [sql, plan] of plans) {
    const params = plan.byWorkType ? [typesOf(plan.standards), ...plan.params] : [...plan.params];
    if (plan.histogram) {
      params.push(typesOf(plan.standards.filter((s) => s.measure === 'percentile_turnaround')));
    }
    const { rows } = await db.query<Row>(sql, params);
    const byWorkType = new Map<string, Row[]>();
    for (const r of rows) {
      const list = byWorkType.get(r.work_type_code);
      if (list) list.push(r);
      else byWorkType.set(r.work_type_code, [r]);
    }
    for (const standard of plan.standards) {
      const own = plan.byWorkType
        ? standard.workTypes.flatMap((w) => byWorkType.get(w) ?? [])
        : rows;
      out.set(standard.code, tallies(own, standard.measure === 'percentile_turnaround'));
    }
  }
  return out;
}

function tallies(rows: readonly Row[], percentile: boolean): Map<string, Tally> {
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
