import type { FeedbackFilters } from '@ipo/contracts';
import type { Queryable } from '../derive/rules.js';
import { feedbackConditions, Params } from './feedback-filters.js';

export interface FeedbackTotals {
  responses: number;
  scored: number;
  satisfied: number;
  scoreSum: number;
  scores: [number, number, number, number, number];
  compliment: number;
  complaint: number;
  suggestion: number;
  general: number;
  withSentiment: number;
  sentimentSum: number;
}

/** Counts behind GET /api/feedback/summary, in one pass over the filtered responses. */
export async function feedbackTotals(
  db: Queryable,
  range: { from: string; to: string },
  filters: FeedbackFilters,
): Promise<FeedbackTotals> {
  const p = new Params();
  const where = feedbackConditions(p, range, filters).join(' AND ');
  const { rows } = await db.query<Record<string, number>>(
    `SELECT count(*)::int AS responses, count(score)::int AS scored,
            count(*) FILTER (WHERE score >= 4)::int AS satisfied,
            coalesce(sum(score), 0)::int AS score_sum,
            count(*) FILTER (WHERE score = 1)::int AS s1, count(*) FILTER (WHERE score = 2)::int AS s2,
            count(*) FILTER (WHERE score = 3)::int AS s3, count(*) FILTER (WHERE score = 4)::int AS s4,
            count(*) FILTER (WHERE score = 5)::int AS s5,
            count(*) FILTER (WHERE type = 'compliment')::int AS compliment,
            count(*) FILTER (WHERE type = 'complaint')::int AS complaint,
            count(*) FILTER (WHERE type = 'suggestion')::int AS suggestion,
            count(*) FILTER (WHERE type = 'general')::int AS general,
            count(sentiment)::int AS with_sentiment,
            coalesce(sum(sentiment), 0)::float AS sentiment_sum
       FROM feedback_response f WHERE ${where}`,
    p.values,
  );
  const r = rows[0] ?? {};
  const n = (k: string) => Number(r[k] ?? 0);
  return {
    responses: n('responses'),
    scored: n('scored'),
    satisfied: n('satisfied'),
    scoreSum: n('score_sum'),
    scores: [n('s1'), n('s2'), n('s3'), n('s4'), n('s5')],
    compliment: n('compliment'),
    complaint: n('complaint'),
    suggestion: n('suggestion'),
    general: n('general'),
    withSentiment: n('with_sentiment'),
    sentimentSum: n('sentiment_sum'),
  };
}
