import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import { lastWholeMonths } from '../../../lib/dates';
import { refreshFigures } from './standards-admin-api';

/**
 * The theme taxonomy (administrators change it; each change re-tags every stored comment and
 * answers how many) and phrase discovery: frequent phrases no theme covers, with sample comments.
 */

export const taxonomyKey = ['admin', 'themes'] as const;

export function useTaxonomy() {
  return useQuery({
    queryKey: taxonomyKey,
    queryFn: ({ signal }) =>
      apiGet('/api/feedback/themes/taxonomy', (c) => c.TaxonomyResponseSchema, { signal }),
  });
}

const themePath = (code: string) =>
  `/api/feedback/themes/taxonomy/${encodeURIComponent(code)}` as const;

/** Comments' themes changed: the taxonomy, the phrases and every feedback figure are read again. */
function useTaxonomyChange<Input>(send: (input: Input) => ReturnType<typeof apiSendChange>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => refreshFigures(client) });
}

function apiSendChange(method: 'POST' | 'PUT' | 'DELETE', path: `/api/${string}`, body?: unknown) {
  return apiSend(
    method,
    path,
    (c) => c.TaxonomyChangeResponseSchema,
    body === undefined ? {} : { body },
  );
}

export function useCreateTheme() {
  return useTaxonomyChange((theme: { code: string; name: string; phrases: string[] }) =>
    apiSendChange('POST', '/api/feedback/themes/taxonomy', theme),
  );
}

export function useUpdateTheme() {
  return useTaxonomyChange(
    ({ code, ...change }: { code: string; name?: string; phrases?: string[] }) =>
      apiSendChange('PUT', themePath(code), change),
  );
}

export function useDeleteTheme() {
  return useTaxonomyChange((code: string) => apiSendChange('DELETE', themePath(code)));
}

export function usePhrases(months: number) {
  const { from, to } = lastWholeMonths(months);
  return useQuery({
    queryKey: ['admin', 'phrases', from, to],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/feedback/phrases?${new URLSearchParams({ from, to, limit: '20' })}`,
        (c) => c.FeedbackPhrasesSchema,
        { signal },
      ),
  });
}
