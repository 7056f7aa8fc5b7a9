import type { AlertSubscription, AlertSubscriptionResponse } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';

/**
 * The user's own alert subscription and what they may choose (GET/PUT/DELETE
 * /api/alerts/subscription, 'read-records': managers and team leads).
 */

export const subscriptionKey = ['alerts', 'subscription'] as const;

export function useSubscription() {
  return useQuery({
    queryKey: subscriptionKey,
    queryFn: ({ signal }): Promise<AlertSubscriptionResponse> =>
      apiGet('/api/alerts/subscription', (c) => c.AlertSubscriptionResponseSchema, { signal }),
  });
}

export function useSaveSubscription() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AlertSubscription) =>
      apiSend('PUT', '/api/alerts/subscription', (c) => c.AlertSubscriptionResponseSchema, {
        body,
      }),
    onSuccess: (answer) => client.setQueryData(subscriptionKey, answer),
  });
}

export function useUnsubscribe() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiSend('DELETE', '/api/alerts/subscription', (c) => c.NoContentSchema),
    onSuccess: () => {
      client.setQueryData<AlertSubscriptionResponse>(subscriptionKey, (current) =>
        current ? { ...current, subscription: null } : current,
      );
    },
  });
}
