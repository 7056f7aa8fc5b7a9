import type { FeedbackFilters } from '@ipo/contracts';
import type { Queryable } from '../derive/rules.js';
import { feedbackConditions, Params } from './feedback-filters.js';

export interface ThemeTally {
  code: string;
  name: string;
  count: number;
  previous: number;
  scored: number;
  satisfied: number;
}

/**
 * Per theme of the taxonomy: responses about it in the range and in the previous range, and the
 * satisfied share within the range. Themes nobody mentioned are listed with zeros.
 */
export async function themeTallies(
  db: Queryable,
  range: { from: string; to: string },
  previous: { from: string; to: string },
  filters: FeedbackFilters,
): Promise<{ themes: ThemeTally[]; comments: number }> {
  const p = new Params();
  const where = feedbackConditions(p, { from: previous.from, to: range.to }, filters).join(' AND ');
  const from = p.add(range.from);
  const to = p.add(range.to);
  const pFrom = p.add(previous.from);
  const pTo = p.add(previous.to);
  const cur = `f.submitted_date BETWEEN ${from}::date AND ${to}::date`;
  const prev = `f.submitted_date BETWEEN ${pFrom}::date AND ${pTo}::date`;
  const { rows } = await db.query<ThemeTally & { comments: number }>(
    `WITH f AS (
       SELECT f.submitted_date, f.score, f.themes, f.comment FROM feedback_response f WHERE ${where}
     ), t AS (
       SELECT th.code, f.submitted_date, f.score
         FROM f CROSS JOIN LATERAL unnest(f.themes) AS th(code)
     )
     SELECT theme.code, theme.name,
            count(t.code) FILTER (WHERE ${cur.replaceAll('f.', 't.')})::int AS count,
            count(t.code) FILTER (WHERE ${prev.replaceAll('f.', 't.')})::int AS previous,
            count(t.score) FILTER (WHERE ${cur.replaceAll('f.', 't.')})::int AS scored,
            count(t.code) FILTER (WHERE ${cur.replaceAll('f.', 't.')} AND t.score >= 4)::int AS satisfied,
            (SELECT count(*)::int FROM f WHERE f.comment IS NOT NULL AND ${cur}) AS comments
       FROM theme LEFT JOIN t ON t.code = theme.code
      GROUP BY theme.code, theme.name
      ORDER BY count DESC, theme.name`,
    p.values,
  );
  return { themes: rows, comments: rows[0]?.comments ?? 0 };
}
