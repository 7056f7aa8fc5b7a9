import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** For administrators: who subscribes to alerts, and the e-mails that failed ('administer'). */

export function useAdminSubscriptions() {
  return useQuery({
    queryKey: ['admin', 'alerts', 'subscriptions'],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/alerts/subscriptions', (c) => c.AdminSubscriptionsResponseSchema, {
        signal,
      }),
  });
}

export function useFailedDeliveries() {
  return useQuery({
    queryKey: ['admin', 'alerts', 'deliveries', 'failed'],
    queryFn: ({ signal }) =>
      apiGet('/api/admin/alerts/deliveries?status=failed', (c) => c.AdminDeliveriesResponseSchema, {
        signal,
      }),
  });
}
