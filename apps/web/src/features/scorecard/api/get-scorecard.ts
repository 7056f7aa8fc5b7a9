import { type ScorecardResponse, ScorecardResponseSchema } from '@ipo/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** `period` omitted: the API answers for the latest complete month. */
export function getScorecard({
  period,
  signal,
}: {
  period?: string | undefined;
  signal?: AbortSignal;
}): Promise<ScorecardResponse> {
  const query = period ? `?${new URLSearchParams({ period })}` : '';
  return apiGet(`/api/scorecard${query}`, ScorecardResponseSchema, { signal });
}

export function getScorecardQueryOptions(period: string | undefined) {
  return queryOptions({
    queryKey: ['scorecard', period ?? 'latest'],
    queryFn: ({ signal }) => getScorecard({ period, signal }),
  });
}

export function useScorecard(period: string | undefined) {
  // Keep the old figures on screen (marked busy) while another period loads: no flash of skeleton.
  return useQuery({ ...getScorecardQueryOptions(period), placeholderData: keepPreviousData });
}
