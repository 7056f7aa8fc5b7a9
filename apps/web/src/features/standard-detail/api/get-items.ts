import type { Filters, ItemsResponse } from '@ipo/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryString } from '../utils/url-state';

export interface ItemsParams extends Filters {
  period?: string | undefined;
  status: 'late' | 'open' | 'all';
  limit?: number | undefined;
}

export function getItems({
  code,
  params,
  cursor,
  signal,
}: {
  code: string;
  params: ItemsParams;
  cursor?: string | undefined;
  signal?: AbortSignal;
}): Promise<ItemsResponse> {
  return apiGet(
    `/api/standards/${encodeURIComponent(code)}/items${queryString({ ...params, cursor })}`,
    (c) => c.ItemsResponseSchema,
    { signal },
  );
}

/** Pages follow the API's cursor; each page is kept, so 'Show more' adds to the list. */
export function getItemsQueryOptions(code: string, params: ItemsParams) {
  return infiniteQueryOptions({
    queryKey: ['items', code, params],
    queryFn: ({ signal, pageParam }) => getItems({ code, params, cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useItems(code: string, params: ItemsParams, enabled = true) {
  return useInfiniteQuery({ ...getItemsQueryOptions(code, params), enabled });
}
