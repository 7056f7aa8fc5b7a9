import type { FeedbackFilters } from '@ipo/contracts';
import type { Queryable } from '../derive/rules.js';
import { feedbackConditions, Params } from './feedback-filters.js';

export interface FeedbackBucket {
  responses: number;
  scored: number;
  satisfied: number;
}

/** Responses per week or month (keyed by the bucket's first day). */
export async function feedbackBuckets(
  db: Queryable,
  bucket: 'week' | 'month',
  range: { from: string; to: string },
  filters: FeedbackFilters,
): Promise<Map<string, FeedbackBucket>> {
  const p = new Params();
  const where = feedbackConditions(p, range, filters).join(' AND ');
  // date_trunc on a timestamp without time zone, so the server's TimeZone cannot shift a day.
  const { rows } = await db.query<{ bucket: string } & FeedbackBucket>(
    `SELECT date_trunc('${bucket === 'week' ? 'week' : 'month'}', f.submitted_date::timestamp)::date AS bucket,
            count(*)::int AS responses, count(score)::int AS scored,
            count(*) FILTER (WHERE score >= 4)::int AS satisfied
       FROM feedback_response f WHERE ${where} GROUP BY 1`,
    p.values,
  );
  return new Map(rows.map((r) => [r.bucket, r]));
}
