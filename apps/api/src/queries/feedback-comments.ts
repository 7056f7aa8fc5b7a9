import type { FeedbackFilters } from '@ipo/contracts';
import type { Queryable } from '../db/queryable.js';
import { feedbackConditions, Params } from './feedback-filters.js';

/** Highlight markers: private-use characters that redaction strips from every stored comment. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

export interface CommentRow {
  id: string;
  submitted_date: string;
  service_code: string;
  team: string | null;
  channel: 'phone' | 'email' | 'post' | 'online';
  customer_group: 'individual' | 'small_business' | 'large_business' | 'attorney';
  score: number | null;
  type: 'compliment' | 'complaint' | 'suggestion' | 'general';
  themes: string[];
  sentiment: number | null;
  text: string;
}

/**
 * Comments newest first, with keyset paging on (submitted_date, id): the exact time a comment was
 * submitted is never read out, the date is enough. With `q`, PostgreSQL full-text
 * search (websearch_to_tsquery over the redacted comment, served by the sql_only_ GIN index) and
 * the matches wrapped in MARK_START / MARK_END by ts_headline.
 */
export async function searchComments(
  db: Queryable,
  range: { from: string; to: string },
  filters: FeedbackFilters,
  options: { q: string | null; after: { date: string; id: string } | null; limit: number },
): Promise<{ rows: CommentRow[]; total: number }> {
  const p = new Params();
  const conditions = [...feedbackConditions(p, range, filters), 'f.comment IS NOT NULL'];
  let query: string | null = null;
  if (options.q) {
    query = `websearch_to_tsquery('english', ${p.add(options.q)})`;
    conditions.push(`to_tsvector('english', coalesce(f.comment, '')) @@ ${query}`);
  }
  // The count uses only the parameters added so far.
  const countParams = [...p.values];
  const where = conditions.join(' AND ');
  const headline = query
    ? `ts_headline('english', f.comment, ${query}, ${p.add(
        `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`,
      )})`
    : 'f.comment';
  const paged = [...conditions];
  if (options.after) {
    paged.push(
      `(f.submitted_date, f.id) < (${p.add(options.after.date)}::date, ${p.add(options.after.id)}::bigint)`,
    );
  }
  const limit = p.add(options.limit);
  const [page, count] = await Promise.all([
    db.query<CommentRow>(
      `SELECT f.id::text AS id, f.submitted_date, f.service_code, tm.name AS team,
              f.channel, f.customer_group, f.score, f.type, f.themes, f.sentiment, ${headline} AS text
         FROM feedback_response f LEFT JOIN team tm ON tm.id = f.team_id
        WHERE ${paged.join(' AND ')}
        ORDER BY f.submitted_date DESC, f.id DESC
        LIMIT ${limit}`,
      p.values,
    ),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM feedback_response f WHERE ${where}`,
      countParams,
    ),
  ]);
  return { rows: page.rows, total: count.rows[0]?.total ?? 0 };
}
