import type { Filters, SeriesResponse } from '@ipo/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryString } from '../utils/url-state';

export interface SeriesParams extends Filters {
  granularity: 'week' | 'month' | 'quarter';
  from?: string | undefined;
  to?: string | undefined;
}

export function getSeries({
  code,
  params,
  signal,
}: {
  code: string;
  params: SeriesParams;
  signal?: AbortSignal;
}): Promise<SeriesResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}/series${queryString({ ...params })}`,
    (c) => c.SeriesResponseSchema,
    { signal },
  );
}

export function getSeriesQueryOptions(code: string, params: SeriesParams) {
  return queryOptions({
    queryKey: ['series', code, params],
    queryFn: ({ signal }) => getSeries({ code, params, signal }),
  });
}

export function useSeries(code: string, params: SeriesParams) {
  return useQuery({ ...getSeriesQueryOptions(code, params), placeholderData: keepPreviousData });
}
