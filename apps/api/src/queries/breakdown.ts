import type { BreakdownDimension } from '@ipo/contracts';
import { emptyTally, sourceOf, type Tally } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import type { StandardDef } from './standards.js';

const COLUMN: Record<BreakdownDimension, string> = {
  team: 'team_id',
  channel: 'channel',
  customerGroup: 'customer_group',
};

/**
 * Counts per group (team, channel or customer group) for a standard over [from, to]. Shares of
 * work items come from the group rollup; percentiles, quality checks and feedback from the raw
 * rows (a period's worth, found through the date indexes). Keys are the filter values.
 */
export async function breakdownTallies(
  db: Queryable,
  standard: StandardDef,
  by: BreakdownDimension,
  from: string,
  to: string,
): Promise<Map<string, Tally>> {
  const source = sourceOf(standard);
  const percentile = standard.measure === 'percentile_turnaround';
  const column = COLUMN[by];
  let sql: string;
  let params: unknown[];
  if (source === 'work_items' && !percentile) {
    sql = `SELECT ${column}::text AS key, NULL::int AS wd,
                  coalesce(sum(n) FILTER (WHERE within_threshold), 0)::int AS successes, sum(n)::int AS n
             FROM work_item_day_group
            WHERE work_type_code = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY 1`;
    params = [standard.workTypes, from, to];
  } else if (source === 'work_items') {
    sql = `SELECT coalesce(${column}::text, '0') AS key, elapsed_working_days AS wd,
                  count(*) FILTER (WHERE within_threshold)::int AS successes, count(*)::int AS n
             FROM work_item
            WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3 GROUP BY 1, 2`;
    params = [standard.workTypes, from, to];
  } else if (source === 'quality_checks') {
    sql = `SELECT coalesce(team_id::text, '0') AS key, NULL::int AS wd,
                  count(*) FILTER (WHERE passed)::int AS successes, count(*)::int AS n
             FROM quality_check
            WHERE work_type_code = ANY($1) AND checked_date BETWEEN $2 AND $3 GROUP BY 1`;
    params = [standard.workTypes, from, to];
  } else {
    // Satisfaction by group is read from the protected feedback tables (feedback/disclosure.ts).
    throw new Error('breakdownTallies: satisfaction breakdowns go through FeedbackCubes');
  }
  const { rows } = await db.query<{ key: string; wd: number | null; successes: number; n: number }>(
    sql,
    params,
  );
  const out = new Map<string, Tally>();
  for (const r of rows) {
    let t = out.get(r.key);
    if (!t) {
      t = emptyTally(percentile);
      out.set(r.key, t);
    }
    t.n += r.n;
    t.successes += r.successes;
    if (t.histogram && r.wd !== null) t.histogram.set(r.wd, (t.histogram.get(r.wd) ?? 0) + r.n);
  }
  return out;
}

export async function teamNames(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: number; name: string }>('SELECT id, name FROM team');
  return new Map(rows.map((r) => [String(r.id), r.name]));
}
