import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';

// Under ['feedback'], so that saving an action (useSaveAction) refreshes its history too.
const historyKey = (id: number) => ['feedback', 'actions', id, 'history'] as const;

/** An action's changes, oldest first; asked for only once its 'History' is opened. */
export function useActionHistory(id: number, enabled: boolean) {
  return useQuery({
    queryKey: historyKey(id),
    queryFn: ({ signal }) =>
      apiGet(`/api/feedback/actions/${id}/history`, (c) => c.ActionHistorySchema, { signal }),
    enabled,
  });
}

/** Deletes an action; every feedback query (lists, trend marks) is refreshed. */
export function useDeleteAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      apiSend('DELETE', `/api/feedback/actions/${id}`, (c) => c.NoContentSchema),
    onSuccess: () => client.invalidateQueries({ queryKey: ['feedback'] }),
  });
}
