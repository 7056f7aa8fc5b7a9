import type { DistributionResponse, Filters } from '@ipo/contracts';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryString } from '../utils/url-state';

export interface DistributionParams extends Filters {
  period?: string | undefined;
}

export function getDistribution({
  code,
  params,
  signal,
}: {
  code: string;
  params: DistributionParams;
  signal?: AbortSignal;
}): Promise<DistributionResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}/distribution${queryString({ ...params })}`,
    (c) => c.DistributionResponseSchema,
    { signal },
  );
}

export function getDistributionQueryOptions(code: string, params: DistributionParams) {
  return queryOptions({
    queryKey: ['distribution', code, params],
    queryFn: ({ signal }) => getDistribution({ code, params, signal }),
  });
}

export function useDistribution(code: string, params: DistributionParams) {
  return useQuery({
    ...getDistributionQueryOptions(code, params),
    placeholderData: keepPreviousData,
  });
}
