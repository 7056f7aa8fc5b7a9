import type { StandardsResponse } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getStandards({
  signal,
}: {
  signal?: AbortSignal;
} = {}): Promise<StandardsResponse> {
  return apiGet('/api/standards', (c) => c.StandardsResponseSchema, { signal });
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
