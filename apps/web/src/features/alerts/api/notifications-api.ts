import type { NotificationsResponse } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import { notificationKeys, UNREAD_REFRESH_MS } from './unread-count';

/**
 * The user's own notifications (GET /api/notifications, 'signed-in'), newest first, and marking
 * them read (POST /api/notifications/:id/read and /read-all). Each change answers the new unread
 * count, which the header shows at once; the list is then read again.
 */

/** How many of the newest notifications the page shows. */
export const NOTIFICATIONS_SHOWN = 100;

export function useNotifications() {
  const client = useQueryClient();
  return useQuery({
    queryKey: notificationKeys.list,
    queryFn: async ({ signal }): Promise<NotificationsResponse> => {
      const answer = await apiGet(
        `/api/notifications?limit=${NOTIFICATIONS_SHOWN}`,
        (c) => c.NotificationsResponseSchema,
        { signal },
      );
      // The header says the same count as the list.
      client.setQueryData(notificationKeys.unread, answer.unread);
      return answer;
    },
    staleTime: UNREAD_REFRESH_MS,
  });
}

function useAfterChange() {
  const client = useQueryClient();
  return ({ unread }: { unread: number }) => {
    client.setQueryData(notificationKeys.unread, unread);
    return client.invalidateQueries({ queryKey: notificationKeys.list });
  };
}

export function useMarkRead() {
  const afterChange = useAfterChange();
  return useMutation({
    mutationFn: (id: number) =>
      apiSend('POST', `/api/notifications/${id}/read`, (c) => c.UnreadCountSchema),
    onSuccess: afterChange,
  });
}

export function useMarkAllRead() {
  const afterChange = useAfterChange();
  return useMutation({
    mutationFn: () => apiSend('POST', '/api/notifications/read-all', (c) => c.UnreadCountSchema),
    onSuccess: afterChange,
  });
}
