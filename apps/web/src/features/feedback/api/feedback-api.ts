import type { ActionInput } from '@ipo/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import {
  commentsQueryOf,
  type FeedbackState,
  filtersOf,
  queryString,
  type TrendGranularity,
} from '../utils/url-state';

const keys = {
  all: ['feedback'] as const,
  options: () => ['feedback', 'options'] as const,
  summary: (s: FeedbackState) => ['feedback', 'summary', s] as const,
  series: (p: object) => ['feedback', 'series', p] as const,
  themes: (s: FeedbackState) => ['feedback', 'themes', s] as const,
  groups: (s: FeedbackState) => ['feedback', 'groups', s] as const,
  comments: (s: FeedbackState) => ['feedback', 'comments', s] as const,
  actions: () => ['feedback', 'actions'] as const,
};

export function useFeedbackOptions() {
  return useQuery({
    queryKey: keys.options(),
    queryFn: ({ signal }) =>
      apiGet('/api/feedback/options', (c) => c.FeedbackOptionsSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useFeedbackSummary(state: FeedbackState) {
  const f = filtersOf(state);
  return useQuery({
    queryKey: keys.summary(f),
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/summary${queryString(f)}`, (c) => c.FeedbackSummarySchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Whole months: from is the first day of a month, to the last day of one. */
export interface SeriesParams {
  from: string;
  to: string;
  granularity: TrendGranularity;
}

export function useFeedbackSeries(state: FeedbackState, range: SeriesParams | null) {
  const { period: _period, ...f } = filtersOf(state);
  const params = { ...f, ...range };
  return useQuery({
    queryKey: keys.series(params),
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/series${queryString(params)}`, (c) => c.FeedbackSeriesSchema, {
        signal,
      }),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackThemes(state: FeedbackState) {
  // The themes chart compares every theme, so it ignores the theme filter.
  const { theme: _theme, ...f } = filtersOf(state);
  return useQuery({
    queryKey: keys.themes(f),
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/themes${queryString(f)}`, (c) => c.FeedbackThemesSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useFeedbackGroups(state: FeedbackState) {
  const f = filtersOf(state);
  return useQuery({
    queryKey: keys.groups(f),
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/groups${queryString(f)}`, (c) => c.FeedbackGroupsSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** Comments need 'read-records'; a team lead names one of their teams (`state.team`). */
export function useFeedbackComments(state: FeedbackState) {
  const query = commentsQueryOf(state);
  return useInfiniteQuery({
    queryKey: keys.comments(query),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      apiGet(
        `/api/feedback/comments${queryString({ ...query, cursor: pageParam, limit: 20 })}`,
        (c) => c.FeedbackCommentsSchema,
        { signal },
      ),
    // The cursor is opaque: passed back as the API gave it.
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useActions() {
  return useQuery({
    queryKey: keys.actions(),
    queryFn: ({ signal }) =>
      apiGet('/api/feedback/actions', (c) => c.ActionsResponseSchema, { signal }),
  });
}

/** Records an action; every feedback query (trend marks, lists) is refreshed. */
export function useSaveAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: number; input: ActionInput }) =>
      id === undefined
        ? apiSend('POST', '/api/feedback/actions', (c) => c.ActionSchema, { body: input })
        : apiSend('PUT', `/api/feedback/actions/${id}`, (c) => c.ActionSchema, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}
