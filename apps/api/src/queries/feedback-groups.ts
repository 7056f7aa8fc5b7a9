import type { CustomerGroup, FeedbackFilters } from '@ipo/contracts';
import type { Queryable } from '../derive/rules.js';
import { feedbackConditions, Params } from './feedback-filters.js';

/** Scored and satisfied responses per customer group. */
export async function groupTallies(
  db: Queryable,
  range: { from: string; to: string },
  filters: FeedbackFilters,
): Promise<Map<CustomerGroup, { scored: number; satisfied: number }>> {
  const p = new Params();
  // The comparison is across groups, so a customer-group filter does not apply here.
  const { customerGroup: _ignored, ...rest } = filters;
  const where = feedbackConditions(p, range, rest).join(' AND ');
  const { rows } = await db.query<{ g: CustomerGroup; scored: number; satisfied: number }>(
    `SELECT f.customer_group AS g, count(score)::int AS scored,
            count(*) FILTER (WHERE score >= 4)::int AS satisfied
       FROM feedback_response f WHERE ${where} GROUP BY 1`,
    p.values,
  );
  return new Map(rows.map((r) => [r.g, { scored: r.scored, satisfied: r.satisfied }]));
}
