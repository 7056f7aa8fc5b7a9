import type { Filters } from '@ipo/contracts';
import type { Queryable } from '../db/queryable.js';
import type { StandardDef } from './standards.js';

export interface DistributionRow {
  key: number | string;
  count: number;
  within: number;
}

const filterSql = (first: number) =>
  `AND ($${first}::int IS NULL OR team_id = $${first}) AND ($${first + 1}::channel IS NULL OR channel = $${first + 1})
   AND ($${first + 2}::customer_group IS NULL OR customer_group = $${first + 2})`;
const filterParams = (f: Filters) => [f.team ?? null, f.channel ?? null, f.customerGroup ?? null];

/** Completed items per 10-second band of waiting time (the last band holds everything longer). */
export async function secondsBands(
  db: Queryable,
  s: StandardDef,
  from: string,
  to: string,
  f: Filters,
  lastBand: number,
): Promise<DistributionRow[]> {
  const { rows } = await db.query<DistributionRow>(
    `SELECT least(elapsed_seconds / 10, $4::int) AS key, count(*)::int AS count,
            count(*) FILTER (WHERE within_threshold)::int AS within
       FROM work_item
      WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3 ${filterSql(5)}
      GROUP BY 1 ORDER BY 1`,
    [s.workTypes, from, to, lastBand, ...filterParams(f)],
  );
  return rows;
}

/** Completed items per elapsed working day. */
export async function workingDayCounts(
  db: Queryable,
  s: StandardDef,
  from: string,
  to: string,
  f: Filters,
): Promise<DistributionRow[]> {
  const filtered = f.team !== undefined || f.channel !== undefined || f.customerGroup !== undefined;
  const { rows } = filtered
    ? await db.query<DistributionRow>(
        `SELECT elapsed_working_days AS key, count(*)::int AS count,
                count(*) FILTER (WHERE within_threshold)::int AS within
           FROM work_item
          WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3 ${filterSql(4)}
          GROUP BY 1 ORDER BY 1`,
        [s.workTypes, from, to, ...filterParams(f)],
      )
    : await db.query<DistributionRow>(
        `SELECT elapsed_working_days AS key, sum(n)::int AS count,
                coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS within
           FROM work_item_day_turnaround
          WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3
          GROUP BY 1 ORDER BY 1`,
        [s.workTypes, from, to],
      );
  return rows;
}

/** Completed items per whole calendar month elapsed. */
export async function calendarMonthCounts(
  db: Queryable,
  s: StandardDef,
  from: string,
  to: string,
  f: Filters,
): Promise<DistributionRow[]> {
  const { rows } = await db.query<DistributionRow>(
    `SELECT (extract(year FROM age(completed_date, received_date)) * 12
             + extract(month FROM age(completed_date, received_date)))::int AS key,
            count(*)::int AS count, count(*) FILTER (WHERE within_threshold)::int AS within
       FROM work_item
      WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3 ${filterSql(4)}
      GROUP BY 1 ORDER BY 1`,
    [s.workTypes, from, to, ...filterParams(f)],
  );
  return rows;
}

export async function outcomeCounts(
  db: Queryable,
  s: StandardDef,
  from: string,
  to: string,
  team: number | undefined,
): Promise<DistributionRow[]> {
  const { rows } = await db.query<DistributionRow>(
    `SELECT CASE WHEN passed THEN 'passed' ELSE coalesce(error_category, 'Failed (no category)') END AS key,
            count(*)::int AS count, count(*) FILTER (WHERE passed)::int AS within
       FROM quality_check
      WHERE work_type_code = ANY($1) AND checked_date BETWEEN $2 AND $3
        AND ($4::int IS NULL OR team_id = $4)
      GROUP BY 1 ORDER BY 3 DESC, 2 DESC`,
    [s.workTypes, from, to, team ?? null],
  );
  return rows;
}
