import {
  ChannelSchema,
  CustomerGroupSchema,
  type FeedbackFilters,
  FeedbackTypeSchema,
  ScorecardPeriodIdSchema,
  ThemeCodeSchema,
} from '@ipo/contracts';
import type { z } from 'zod';

/** How the satisfaction trend is drawn: feedback figures cover whole months (or quarters). */
export type TrendGranularity = 'month' | 'quarter';

/** Everything the explorer shows is decided by the URL, so any view can be shared as a link. */
export interface FeedbackState extends FeedbackFilters {
  /** A month (2025-11), financial-year quarter (2025-26-Q3) or financial year (2025-26). */
  period?: string | undefined;
  q?: string | undefined;
  /** The trend's points; month when absent. */
  trend?: TrendGranularity | undefined;
}

/**
 * The filters that split the responses beside the service or team. A feedback figure takes at
 * most one of them (the API answers 400 to a second): small groups of respondents could
 * otherwise be worked out from the figures of larger ones. In this order, the first one wins.
 */
export const SPLITS = ['channel', 'customerGroup', 'type', 'theme'] as const;
export type Split = (typeof SPLITS)[number];

export const splitNames: Record<Split, string> = {
  channel: 'channel',
  customerGroup: 'customer group',
  type: 'type of feedback',
  theme: 'theme',
};

const KEYS = [
  'period',
  'service',
  'team',
  'channel',
  'customerGroup',
  'type',
  'theme',
  'q',
  'trend',
] as const;

/** What the URL asked for that the explorer could not apply, to say so on the page. */
export interface UrlAdjustments {
  /** Splits left out because an earlier one (in SPLITS order) was kept. */
  droppedSplits: Split[];
  /** The split kept when others were dropped. */
  keptSplit: Split | null;
  /** A period that is not a month, quarter or financial year (a week, say). */
  droppedPeriod: string | null;
  /** A trend granularity other than month or quarter (week). */
  droppedTrend: string | null;
}

const checks: Partial<Record<(typeof KEYS)[number], z.ZodType>> = {
  period: ScorecardPeriodIdSchema,
  channel: ChannelSchema,
  customerGroup: CustomerGroupSchema,
  type: FeedbackTypeSchema,
  theme: ThemeCodeSchema,
};

/**
 * The state of the explorer from its URL, and what had to be left out: values that are not valid
 * are dropped rather than sent on, a week period is dropped (feedback figures cover whole months),
 * and of several splits only the first is kept.
 */
export function readFeedbackUrl(params: URLSearchParams): {
  state: FeedbackState;
  adjustments: UrlAdjustments;
} {
  const state: Record<string, string | number> = {};
  const adjustments: UrlAdjustments = {
    droppedSplits: [],
    keptSplit: null,
    droppedPeriod: null,
    droppedTrend: null,
  };
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'team') {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) state.team = n;
    } else if (key === 'trend') {
      if (value === 'month' || value === 'quarter') state.trend = value;
      else adjustments.droppedTrend = value;
    } else {
      const check = checks[key];
      if (check && !check.safeParse(value).success) {
        if (key === 'period') adjustments.droppedPeriod = value;
        continue;
      }
      state[key] = value;
    }
  }
  if (state.trend === 'month') delete state.trend;
  const splits = SPLITS.filter((split) => state[split] !== undefined);
  if (splits.length > 1) {
    adjustments.keptSplit = splits[0] ?? null;
    adjustments.droppedSplits = splits.slice(1);
    for (const split of adjustments.droppedSplits) delete state[split];
  }
  return { state: state as FeedbackState, adjustments };
}

/** The split in use, if any (the state holds one at most). */
export function splitOf(state: FeedbackFilters): Split | null {
  return SPLITS.find((split) => state[split] !== undefined) ?? null;
}

/** The state with `split` set to `value` and every other split cleared. */
export function withSplit(state: FeedbackState, split: Split, value: string): FeedbackState {
  const next: FeedbackState = { ...state };
  for (const other of SPLITS) next[other] = undefined;
  return { ...next, [split]: value };
}

export function queryString(values: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function feedbackSearch(state: FeedbackState): string {
  return queryString(
    Object.fromEntries(
      KEYS.map((k) => [k, k === 'trend' && state.trend === 'month' ? undefined : state[k]]),
    ),
  );
}

/** The filters and period the figures depend on (not the search words, not the trend's points). */
export function filtersOf(state: FeedbackState): FeedbackState {
  const { q: _q, trend: _trend, ...rest } = state;
  return rest;
}

/** The comments query: the filters and the search words. */
export function commentsQueryOf(state: FeedbackState): FeedbackState {
  const { trend: _trend, ...rest } = state;
  return rest;
}
