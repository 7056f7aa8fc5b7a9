/** Comments and their themes by month, office-wide: what the theme-rising alert compares. */
import type { IsoDate } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';

export interface ThemeMonthRow {
  /** The first day of the month. */
  month: string;
  /** Null on the row that counts every comment of the month. */
  theme: string | null;
  comments: number;
}

/**
 * Comments (responses with comment text) per month from..to (whole months): every comment once
 * (theme null), and per theme it is tagged with (a comment with two themes counts for each).
 */
export async function themeCommentCounts(
  db: Queryable,
  from: IsoDate,
  to: IsoDate,
): Promise<ThemeMonthRow[]> {
  const { rows } = await db.query<ThemeMonthRow>(
    `WITH c AS (
       SELECT date_trunc('month', submitted_date)::date AS month, themes
         FROM feedback_response
        WHERE submitted_date BETWEEN $1::date AND $2::date AND comment IS NOT NULL)
     SELECT to_char(month, 'YYYY-MM-DD') AS month, NULL::text AS theme, count(*)::int AS comments
       FROM c GROUP BY month
     UNION ALL
     SELECT to_char(month, 'YYYY-MM-DD'), th.code, count(*)::int
       FROM c CROSS JOIN LATERAL unnest(c.themes) AS th(code)
      GROUP BY month, th.code
     ORDER BY 1, 2 NULLS FIRST`,
    [from, to],
  );
  return rows;
}
