import type { ItemsResponse } from '@ipo/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** The team's satisfaction by month over whole months (GET /api/feedback/series). */
export function useTeamSatisfaction(team: number, range: { from: string; to: string }) {
  const params = new URLSearchParams({
    team: String(team),
    granularity: 'month',
    from: range.from,
    to: range.to,
  });
  return useQuery({
    queryKey: ['feedback', 'series', { team, granularity: 'month', ...range }],
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/series?${params}`, (c) => c.FeedbackSeriesSchema, { signal }),
  });
}

/** Themes in the team's comments, the latest complete month against the one before. */
export function useTeamThemes(team: number) {
  return useQuery({
    queryKey: ['feedback', 'themes', { team }],
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/themes?team=${team}`, (c) => c.FeedbackThemesSchema, { signal }),
  });
}

/** How many late records to show per standard; the standard's page lists them all. */
export const LATE_RECORDS_SHOWN = 3;

/** The first late records of each standard for the team and period (GET .../items?status=late). */
export function useLateRecords(codes: readonly string[], team: number, period: string) {
  return useQueries({
    queries: codes.map((code) => {
      const params = new URLSearchParams({
        status: 'late',
        team: String(team),
        period,
        limit: String(LATE_RECORDS_SHOWN),
      });
      return {
        queryKey: ['my-team', 'late', code, team, period],
        queryFn: ({ signal }: { signal: AbortSignal }): Promise<ItemsResponse> =>
          apiGet(
            `/api/standards/${encodeURIComponent(code)}/items?${params}`,
            (c) => c.ItemsResponseSchema,
            { signal },
          ),
      };
    }),
  });
}
