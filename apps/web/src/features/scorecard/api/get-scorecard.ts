import type { ScorecardResponse } from '@ipo/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** `period` omitted: the API answers for the latest complete month; `team` omitted: every team. */
export function getScorecard({
  period,
  team,
  signal,
}: {
  period?: string | undefined;
  team?: number | undefined;
  signal?: AbortSignal;
}): Promise<ScorecardResponse> {
  const params = new URLSearchParams();
  if (period) params.set('period', period);
  if (team !== undefined) params.set('team', String(team));
  const search = params.toString();
  return apiGet(`/api/scorecard${search ? `?${search}` : ''}`, (c) => c.ScorecardResponseSchema, {
    signal,
  });
}

export function getScorecardQueryOptions(period: string | undefined, team?: number | undefined) {
  return queryOptions({
    queryKey: ['scorecard', period ?? 'latest', team ?? 'all'],
    queryFn: ({ signal }) => getScorecard({ period, team, signal }),
  });
}

export function useScorecard(period: string | undefined, team?: number | undefined) {
  // Keep the old figures on screen (marked busy) while another period loads: no flash of skeleton.
  return useQuery({ ...getScorecardQueryOptions(period, team), placeholderData: keepPreviousData });
}
