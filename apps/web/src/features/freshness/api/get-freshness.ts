import type { FreshnessResponse } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getFreshness({
  signal,
}: {
  signal?: AbortSignal;
} = {}): Promise<FreshnessResponse> {
  return apiGet('/api/freshness', (c) => c.FreshnessResponseSchema, { signal });
}

export function getFreshnessQueryOptions() {
  return queryOptions({
    queryKey: ['freshness'],
    queryFn: ({ signal }) => getFreshness({ signal }),
    // Sources change with imports, hours or days apart: a minute old is fresh enough.
    staleTime: 60_000,
  });
}

/** How recent each data source is, and whether it is stale (GET /api/freshness). */
export function useFreshness() {
  return useQuery(getFreshnessQueryOptions());
}
