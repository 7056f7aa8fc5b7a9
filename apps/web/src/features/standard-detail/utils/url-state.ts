import {
  BreakdownDimensionSchema,
  type Channel,
  ChannelSchema,
  type CustomerGroup,
  CustomerGroupSchema,
  type Filters,
  PeriodIdSchema,
  ScorecardPeriodIdSchema,
} from '@ipo/contracts';
import { z } from 'zod';

/**
 * Everything that shapes the standard page lives in the URL, so back and forward restore a view
 * and a pasted link reproduces it. Unknown or malformed values are dropped rather than sent on.
 */
export interface DetailState {
  granularity: 'week' | 'month' | 'quarter';
  /** ISO dates bounding the trend; empty: the API's default (12 periods back). */
  from: string | undefined;
  to: string | undefined;
  team: number | undefined;
  channel: Channel | undefined;
  customerGroup: CustomerGroup | undefined;
  /** The period of the breakdown, distribution and records; empty: the latest complete month. */
  period: string | undefined;
  /** The breakdown tab. */
  by: z.infer<typeof BreakdownDimensionSchema>;
  /** Which records to list. */
  status: 'late' | 'open' | 'all';
}

const GranularityParam = z.enum(['week', 'month', 'quarter']);
const StatusParam = z.enum(['late', 'open', 'all']);
const DateParam = z.iso.date();
const TeamParam = z.coerce.number().int().positive();

function pick<T>(schema: z.ZodType<T>, value: string | null): T | undefined {
  if (value === null || value === '') return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function parseDetailState(params: URLSearchParams): DetailState {
  return {
    granularity: pick(GranularityParam, params.get('granularity')) ?? 'month',
    from: pick(DateParam, params.get('from')),
    to: pick(DateParam, params.get('to')),
    team: pick(TeamParam, params.get('team')),
    channel: pick(ChannelSchema, params.get('channel')),
    customerGroup: pick(CustomerGroupSchema, params.get('customerGroup')),
    period: pick(PeriodIdSchema, params.get('period')),
    by: pick(BreakdownDimensionSchema, params.get('by')) ?? 'team',
    status: pick(StatusParam, params.get('status')) ?? 'late',
  };
}

/** The canonical query string of a state: defaults left out, a stable key order. */
export function detailSearch(state: DetailState): string {
  const params = new URLSearchParams();
  if (state.period) params.set('period', state.period);
  if (state.granularity !== 'month') params.set('granularity', state.granularity);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.team !== undefined) params.set('team', String(state.team));
  if (state.channel) params.set('channel', state.channel);
  if (state.customerGroup) params.set('customerGroup', state.customerGroup);
  if (state.by !== 'team') params.set('by', state.by);
  if (state.status !== 'late') params.set('status', state.status);
  const search = params.toString();
  return search ? `?${search}` : '?';
}

export function filtersOf(state: DetailState): Filters {
  const filters: Filters = {};
  if (state.team !== undefined) filters.team = state.team;
  if (state.channel) filters.channel = state.channel;
  if (state.customerGroup) filters.customerGroup = state.customerGroup;
  return filters;
}

/** What a link asked of a satisfaction standard that its page leaves out. */
export interface SatisfactionAdjustments {
  /** Both channel and customer group were given: the channel is kept. */
  droppedCustomerGroup: boolean;
  /** A weekly trend was asked for: months are shown. */
  droppedWeeks: boolean;
  /** A week period: the latest complete month is shown. */
  droppedPeriod: string | null;
}

/**
 * The state a standard's page can show. Satisfaction figures are protected (fewer than 10
 * responses are never shown): they cover whole months, and take a channel or a customer group,
 * not both (the API answers 400 to either). For other standards the state is as asked.
 */
export function satisfactionState(
  state: DetailState,
  measure: string,
): { state: DetailState; adjustments: SatisfactionAdjustments } {
  const adjustments: SatisfactionAdjustments = {
    droppedCustomerGroup: false,
    droppedWeeks: false,
    droppedPeriod: null,
  };
  if (measure !== 'satisfied_share') return { state, adjustments };
  const next = { ...state };
  if (next.channel && next.customerGroup) {
    next.customerGroup = undefined;
    adjustments.droppedCustomerGroup = true;
  }
  if (next.granularity === 'week') {
    next.granularity = 'month';
    adjustments.droppedWeeks = true;
  }
  if (next.period && !scorecardPeriodOf(next.period)) {
    adjustments.droppedPeriod = next.period;
    next.period = undefined;
  }
  return { state: next, adjustments };
}

/** Breakdowns and distributions take months, quarters and years, not weeks. */
export function scorecardPeriodOf(period: string | undefined): string | undefined {
  return period && ScorecardPeriodIdSchema.safeParse(period).success ? period : undefined;
}

/** A query string from defined values only. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
