import type { Publication, PublishRequest } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, isApiError } from '../../../lib/api-client';

/**
 * Publishing (managers): the publications made so far (GET /api/publications), the review of one
 * period's figures, published against current (GET /api/publications/review), and the sign-off
 * itself (POST /api/publications), a first publication or a revision with its reason.
 */

export const publicationsKey = ['publications'] as const;

export function usePublications() {
  return useQuery({
    queryKey: [...publicationsKey, 'list'],
    queryFn: ({ signal }) =>
      apiGet('/api/publications', (c) => c.PublicationsResponseSchema, { signal }),
  });
}

export function usePublicationReview(period: string) {
  return useQuery({
    queryKey: [...publicationsKey, 'review', period],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/publications/review?${new URLSearchParams({ period })}`,
        (c) => c.PublicationReviewResponseSchema,
        { signal },
      ),
  });
}

/**
 * Publishes a period (with `reason`, a revision). Either way, or when the server says the period's
 * state has moved on (409: published meanwhile, or nothing left to revise), the list and the
 * reviews are read again.
 */
export function usePublish() {
  const client = useQueryClient();
  // Not awaited: the caller hears of the answer at once, while the period it was about (whose
  // controls change with the answer) is read again.
  const refresh = () => void client.invalidateQueries({ queryKey: publicationsKey });
  return useMutation<Publication, Error, PublishRequest>({
    mutationFn: (body) =>
      apiSend('POST', '/api/publications', (c) => c.PublicationSchema, { body }),
    onSuccess: refresh,
    onError: (error) => {
      if (isApiError(error) && error.status === 409) refresh();
    },
  });
}
