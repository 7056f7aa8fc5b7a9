import type { ImportHistoryResponse } from '@ipo/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export const importHistoryKey = ['imports', 'history'] as const;

export function getImportHistory({
  page = 1,
  signal,
}: {
  page?: number;
  signal?: AbortSignal;
} = {}): Promise<ImportHistoryResponse> {
  return apiGet(`/api/imports?page=${page}&pageSize=20`, (c) => c.ImportHistoryResponseSchema, {
    signal,
  });
}

export function getImportHistoryQueryOptions(page = 1) {
  return queryOptions({
    queryKey: [...importHistoryKey, page],
    queryFn: ({ signal }) => getImportHistory({ page, signal }),
  });
}

export function useImportHistory(page = 1) {
  return useQuery(getImportHistoryQueryOptions(page));
}
