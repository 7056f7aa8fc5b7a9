import type { BreakdownDimension, BreakdownResponse } from '@ipo/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryString } from '../utils/url-state';

export function getBreakdown({
  code,
  by,
  period,
  signal,
}: {
  code: string;
  by: BreakdownDimension;
  period: string | undefined;
  signal?: AbortSignal;
}): Promise<BreakdownResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}/breakdown${queryString({ by, period })}`,
    (c) => c.BreakdownResponseSchema,
    { signal },
  );
}

export function getBreakdownQueryOptions(
  code: string,
  by: BreakdownDimension,
  period: string | undefined,
) {
  return queryOptions({
    queryKey: ['breakdown', code, by, period ?? 'latest'],
    queryFn: ({ signal }) => getBreakdown({ code, by, period, signal }),
  });
}

export function useBreakdown(code: string, by: BreakdownDimension, period: string | undefined) {
  return useQuery({
    ...getBreakdownQueryOptions(code, by, period),
    placeholderData: keepPreviousData,
  });
}
