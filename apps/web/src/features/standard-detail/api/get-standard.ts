import type { StandardDetailResponse } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getStandard({
  code,
  signal,
}: {
  code: string;
  signal?: AbortSignal;
}): Promise<StandardDetailResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}`,
    (c) => c.StandardDetailResponseSchema,
    {
      signal,
    },
  );
}

export function getStandardQueryOptions(code: string) {
  return queryOptions({
    queryKey: ['standard', code],
    queryFn: ({ signal }) => getStandard({ code, signal }),
  });
}

export function useStandard(code: string) {
  return useQuery(getStandardQueryOptions(code));
}
