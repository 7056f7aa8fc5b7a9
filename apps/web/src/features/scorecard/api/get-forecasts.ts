import { type ForecastResponse, ForecastResponseSchema } from '@ipo/contracts';
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
    ForecastResponseSchema,
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

/** True when the forecast says the period will end short of its target. */
export function willMiss(forecast: ForecastResponse): boolean {
  if (!forecast.hasForecast) return false;
  const { projectedValue, target, unit, reachable } = forecast;
  if (reachable === false) return true;
  if (projectedValue === null || target === null) return false;
  return unit === 'share' ? projectedValue < target : projectedValue > target;
}
