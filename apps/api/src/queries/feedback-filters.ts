import type { FeedbackFilters } from '@ipo/contracts';

/** Parameters of a query under construction: `add` returns the placeholder ($3). */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The WHERE conditions of a feedback query over `feedback_response f`: the date range (inclusive
 * London dates) and the explorer's filters. Theme filters use the GIN index on `themes`.
 */
export function feedbackConditions(
  p: Params,
  range: { from: string; to: string },
  f: FeedbackFilters,
): string[] {
  const c = [`f.submitted_date BETWEEN ${p.add(range.from)}::date AND ${p.add(range.to)}::date`];
  if (f.team !== undefined) c.push(`f.team_id = ${p.add(f.team)}::int`);
  if (f.service !== undefined) c.push(`f.service_code = ${p.add(f.service)}`);
  if (f.channel !== undefined) c.push(`f.channel = ${p.add(f.channel)}::channel`);
  if (f.customerGroup !== undefined) {
    c.push(`f.customer_group = ${p.add(f.customerGroup)}::customer_group`);
  }
  if (f.type !== undefined) c.push(`f.type = ${p.add(f.type)}::feedback_type`);
  if (f.theme !== undefined) c.push(`f.themes @> ARRAY[${p.add(f.theme)}::text]`);
  return c;
}

/** Only the filters, for echoing back in responses (no undefined keys). */
export function cleanFilters(f: FeedbackFilters): FeedbackFilters {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined),
  ) as FeedbackFilters;
}
