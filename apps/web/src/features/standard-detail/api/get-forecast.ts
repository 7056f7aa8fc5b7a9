import type { ForecastResponse } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export type ForecastGranularity = 'month' | 'quarter' | 'year';

export function getForecast({
  code,
  granularity,
  signal,
}: {
  code: string;
  granularity: ForecastGranularity;
  signal?: AbortSignal;
}): Promise<ForecastResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}/forecast?granularity=${granularity}`,
    (c) => c.ForecastResponseSchema,
    { signal },
  );
}

/** The same key as the scorecard's quarter forecasts, so the answer is shared. */
export function getForecastQueryOptions(code: string, granularity: ForecastGranularity) {
  return queryOptions({
    queryKey: ['forecast', code, granularity],
    queryFn: ({ signal }) => getForecast({ code, granularity, signal }),
  });
}

export function useForecast(code: string, granularity: ForecastGranularity) {
  return useQuery(getForecastQueryOptions(code, granularity));
}
