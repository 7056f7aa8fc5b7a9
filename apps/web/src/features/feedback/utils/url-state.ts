import type { FeedbackFilters } from '@ipo/contracts';

/** Everything the explorer shows is decided by the URL, so any view can be shared as a link. */
export interface FeedbackState extends FeedbackFilters {
  period?: string | undefined;
  q?: string | undefined;
}

const KEYS = [
  'period',
  'service',
  'team',
  'channel',
  'customerGroup',
  'type',
  'theme',
  'q',
] as const;

export function parseFeedbackState(params: URLSearchParams): FeedbackState {
  const state: Record<string, string | number> = {};
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'team') {
      const n = Number(value);
      if (Number.isInteger(n) && n > 0) state.team = n;
    } else {
      state[key] = value;
    }
  }
  return state as FeedbackState;
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
  return queryString(Object.fromEntries(KEYS.map((k) => [k, state[k]])));
}

/** The filters without the search words (figures do not depend on them). */
export function filtersOf(state: FeedbackState): FeedbackState {
  const { q: _q, ...rest } = state;
  return rest;
}

export const channelNames = {
  phone: 'Phone',
  email: 'Email',
  post: 'Post',
  online: 'Online',
} as const;
export const groupNames = {
  individual: 'Individuals',
  small_business: 'Small businesses',
  large_business: 'Large businesses',
  attorney: 'Attorneys and agents',
} as const;
export const typeNames = {
  compliment: 'Compliments',
  complaint: 'Complaints',
  suggestion: 'Suggestions',
  general: 'General',
} as const;
