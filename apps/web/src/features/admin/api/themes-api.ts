import {
  FeedbackPhrasesSchema,
  TaxonomyChangeResponseSchema,
  TaxonomyResponseSchema,
} from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';
import { londonYearMonth } from '../../../lib/periods';
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
      apiGet('/api/feedback/themes/taxonomy', TaxonomyResponseSchema, { signal }),
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
  return apiSend(method, path, TaxonomyChangeResponseSchema, body === undefined ? {} : { body });
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

const pad = (n: number) => String(n).padStart(2, '0');

/** The whole months ending with the last complete one (London): from its first day to its last. */
export function lastMonths(count: number, now: Date = new Date()): { from: string; to: string } {
  const { year, month } = londonYearMonth(now);
  // Months since year 0, of the last complete month.
  const last = year * 12 + (month - 1) - 1;
  const first = last - (count - 1);
  const lastYear = Math.floor(last / 12);
  const lastMonth = (last % 12) + 1;
  const days = new Date(Date.UTC(lastYear, lastMonth, 0)).getUTCDate();
  return {
    from: `${Math.floor(first / 12)}-${pad((first % 12) + 1)}-01`,
    to: `${lastYear}-${pad(lastMonth)}-${pad(days)}`,
  };
}

export function usePhrases(months: number) {
  const { from, to } = lastMonths(months);
  return useQuery({
    queryKey: ['admin', 'phrases', from, to],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/feedback/phrases?${new URLSearchParams({ from, to, limit: '20' })}`,
        FeedbackPhrasesSchema,
        { signal },
      ),
  });
}
