import type pg from 'pg';

/**
 * Each rollup recomputed from the raw rows with a GROUP BY, compared both ways with what the
 * triggers kept (EXCEPT in each direction). Every list is empty when the rollups are exact.
 */
const DIFFERENCE_SQL = {
  turnaround: `
    (SELECT work_type_code, completed_date AS day, elapsed_working_days, coalesce(within_threshold, false) AS w,
            count(*)::int AS n FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4
     EXCEPT SELECT work_type_code, day, elapsed_working_days, within_threshold, n FROM work_item_day_turnaround)
    UNION ALL
    (SELECT work_type_code, day, elapsed_working_days, within_threshold, n FROM work_item_day_turnaround
     EXCEPT SELECT work_type_code, completed_date, elapsed_working_days, coalesce(within_threshold, false),
            count(*)::int FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4)`,
  months: `
    (SELECT work_type_code, date_trunc('month', completed_date::timestamp)::date AS month, elapsed_working_days,
            coalesce(within_threshold, false) AS w, count(*)::int AS n
       FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4
     EXCEPT SELECT work_type_code, month, elapsed_working_days, within_threshold, n FROM work_item_month_turnaround)
    UNION ALL
    (SELECT work_type_code, month, elapsed_working_days, within_threshold, n FROM work_item_month_turnaround
     EXCEPT SELECT work_type_code, date_trunc('month', completed_date::timestamp)::date, elapsed_working_days,
            coalesce(within_threshold, false), count(*)::int
       FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4)`,
  groups: `
    (SELECT work_type_code, completed_date AS day, coalesce(team_id, 0) AS team, channel, customer_group,
            coalesce(within_threshold, false) AS w, count(*)::int AS n, sum(elapsed_working_days)::bigint AS s
       FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
     EXCEPT SELECT work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days
       FROM work_item_day_group)
    UNION ALL
    (SELECT work_type_code, day, team_id, channel, customer_group, within_threshold, n, sum_working_days
       FROM work_item_day_group
     EXCEPT SELECT work_type_code, completed_date, coalesce(team_id, 0), channel, customer_group,
            coalesce(within_threshold, false), count(*)::int, sum(elapsed_working_days)::bigint
       FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6)`,
  checks: `
    (SELECT work_type_code, checked_date, passed, count(*)::int FROM quality_check GROUP BY 1, 2, 3
     EXCEPT SELECT work_type_code, day, passed, n FROM quality_check_day)
    UNION ALL
    (SELECT work_type_code, day, passed, n FROM quality_check_day
     EXCEPT SELECT work_type_code, checked_date, passed, count(*)::int FROM quality_check GROUP BY 1, 2, 3)`,
  feedback: `
    (SELECT submitted_date, coalesce(score, 0)::smallint, count(*)::int FROM feedback_response GROUP BY 1, 2
     EXCEPT SELECT day, score, n FROM feedback_day)
    UNION ALL
    (SELECT day, score, n FROM feedback_day
     EXCEPT SELECT submitted_date, coalesce(score, 0)::smallint, count(*)::int FROM feedback_response GROUP BY 1, 2)`,
  // Migration 0014: open items by receipt, and the monthly team figures.
  open: `
    (SELECT work_type_code, coalesce(team_id, 0) AS team, received_date, count(*)::int AS n
       FROM work_item WHERE completed_date IS NULL GROUP BY 1, 2, 3
     EXCEPT SELECT work_type_code, team_id, received_date, n FROM work_item_open_day)
    UNION ALL
    (SELECT work_type_code, team_id, received_date, n FROM work_item_open_day
     EXCEPT SELECT work_type_code, coalesce(team_id, 0), received_date, count(*)::int
       FROM work_item WHERE completed_date IS NULL GROUP BY 1, 2, 3)`,
  teamMonths: `
    (SELECT work_type_code, coalesce(team_id, 0) AS team, date_trunc('month', completed_date::timestamp)::date AS month,
            elapsed_working_days, coalesce(within_threshold, false) AS w, count(*)::int AS n
       FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5
     EXCEPT SELECT work_type_code, team_id, month, elapsed_working_days, within_threshold, n
       FROM work_item_month_team_turnaround)
    UNION ALL
    (SELECT work_type_code, team_id, month, elapsed_working_days, within_threshold, n
       FROM work_item_month_team_turnaround
     EXCEPT SELECT work_type_code, coalesce(team_id, 0), date_trunc('month', completed_date::timestamp)::date,
            elapsed_working_days, coalesce(within_threshold, false), count(*)::int
       FROM work_item WHERE completed_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5)`,
  teamChecks: `
    (SELECT work_type_code, coalesce(team_id, 0) AS team, date_trunc('month', checked_date::timestamp)::date AS month,
            passed, count(*)::int AS n FROM quality_check GROUP BY 1, 2, 3, 4
     EXCEPT SELECT work_type_code, team_id, month, passed, n FROM quality_check_month_team)
    UNION ALL
    (SELECT work_type_code, team_id, month, passed, n FROM quality_check_month_team
     EXCEPT SELECT work_type_code, coalesce(team_id, 0), date_trunc('month', checked_date::timestamp)::date,
            passed, count(*)::int FROM quality_check GROUP BY 1, 2, 3, 4)`,
} as const;

export type Rollup = keyof typeof DIFFERENCE_SQL;
export const ALL_ROLLUPS = Object.keys(DIFFERENCE_SQL) as Rollup[];

export async function rollupDifferences(
  db: Pick<pg.Pool, 'query'>,
  rollups: readonly Rollup[] = ALL_ROLLUPS,
): Promise<Partial<Record<Rollup, unknown[]>>> {
  const out: Partial<Record<Rollup, unknown[]>> = {};
  for (const r of rollups) out[r] = (await db.query(DIFFERENCE_SQL[r])).rows;
  return out;
}

/** What rollupDifferences gives for exact rollups. */
export function noDifferences(rollups: readonly Rollup[] = ALL_ROLLUPS) {
  return Object.fromEntries(rollups.map((r) => [r, []]));
}
