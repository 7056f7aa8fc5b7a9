import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiGet } from '../../../lib/api-client';

/**
 * The number of the user's unread notifications, for the header's link (GET /api/notifications,
 * asked for one notification: the answer counts every unread one). This module is part of every
 * page's first download, so it holds only this; the pages' requests are in notifications-api.ts.
 */

/** Every notifications query starts with 'notifications': a change to any refreshes them all. */
export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: ['notifications', 'list'] as const,
};

/**
 * How old the count may be before it is asked for again: when the user comes back to the tab or
 * opens another page. Never on a timer: every request keeps the session alive, and a tab left
 * open must still reach the idle timeout (docs/sign-in.md).
 */
export const UNREAD_REFRESH_MS = 60_000;

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async ({ signal }): Promise<number> => {
      const answer = await apiGet(
        '/api/notifications?limit=1',
        (c) => c.NotificationsResponseSchema,
        { signal },
      );
      return answer.unread;
    },
    enabled,
    staleTime: UNREAD_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

/** Asks for the count again on each new page the user opens, once it is a minute old. */
export function useUnreadCountOnEachPage(enabled: boolean, page: string) {
  const client = useQueryClient();
  // `page` (the location's key) is a dependency on purpose: each new page asks again.
  useEffect(() => {
    if (!enabled) return;
    void client.refetchQueries(
      { queryKey: notificationKeys.unread, stale: true },
      // A request already on its way (the first one) will do.
      { cancelRefetch: false },
    );
  }, [client, enabled, page]);
}
