import { type StandardsResponse, StandardsResponseSchema } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getStandards({
  signal,
}: {
  signal?: AbortSignal;
} = {}): Promise<StandardsResponse> {
  return apiGet('/api/standards', StandardsResponseSchema, { signal });
}

export function getStandardsQueryOptions() {
  return queryOptions({
    queryKey: ['standards'],
    queryFn: ({ signal }) => getStandards({ signal }),
  });
}

export function useStandards() {
  return useQuery(getStandardsQueryOptions());
}
