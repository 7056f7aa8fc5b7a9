import type { Queryable } from '../db/queryable.js';

/**
 * Distinct comments in a range with how many responses used each text. Phrase discovery reads
 * these in Node (stemming is the Porter stemmer of theme matching, which PostgreSQL lacks);
 * grouping by text keeps repeated comments to one row.
 */
export async function distinctComments(
  db: Queryable,
  range: { from: string; to: string },
): Promise<{ comment: string; n: number }[]> {
  const { rows } = await db.query<{ comment: string; n: number }>(
    `SELECT comment, count(*)::int AS n FROM feedback_response
      WHERE submitted_date BETWEEN $1 AND $2 AND comment IS NOT NULL GROUP BY comment`,
    [range.from, range.to],
  );
  return rows;
}
