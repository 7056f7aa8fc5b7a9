import type { ForecastResponse } from '@ipo/contracts';
import { queryOptions, useQueries } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getQuarterForecast({
  code,
  signal,
}: {
  code: string;
  signal?: AbortSignal;
}): Promise<ForecastResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}/forecast?granularity=quarter`,
    (c) => c.ForecastResponseSchema,
    { signal },
  );
}

export function getQuarterForecastQueryOptions(code: string) {
  return queryOptions({
    queryKey: ['forecast', code, 'quarter'],
    queryFn: ({ signal }) => getQuarterForecast({ code, signal }),
  });
}

/** The quarter in progress for each standard: will it end on target at the current pace? */
export function useQuarterForecasts(codes: readonly string[]) {
  return useQueries({ queries: codes.map((code) => getQuarterForecastQueryOptions(code)) });
}
