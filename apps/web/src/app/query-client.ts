import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api-client';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The figures change when an import lands, not second by second.
        staleTime: 60_000,
        // A 4xx will not get better by asking again; other failures get two more tries.
        retry: (failureCount, error) =>
          isApiError(error) && !error.isRetryable ? false : failureCount < 2,
      },
    },
  });
}
