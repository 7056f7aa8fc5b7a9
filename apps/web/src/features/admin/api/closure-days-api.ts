import type { ClosureScope, CreateClosureDayBody } from '@ipo/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../../lib/api-client';

/**
 * The closure calendar (administrators): GET/POST /api/admin/closure-days, DELETE one, and the
 * GOV.UK bank-holidays.json import. Each change starts a recalculation (its job is answered).
 */

export const closureDaysKey = ['admin', 'closure-days'] as const;

export function useClosureDays(year: number) {
  return useQuery({
    queryKey: [...closureDaysKey, year],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/admin/closure-days?from=${year}-01-01&to=${year}-12-31`,
        (c) => c.ClosureDaysResponseSchema,
        { signal },
      ),
  });
}

export function useAddClosureDay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateClosureDayBody) =>
      apiSend('POST', '/api/admin/closure-days', (c) => c.ClosureDayChangeResponseSchema, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: closureDaysKey }),
  });
}

export function useRemoveClosureDay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ date, scope, reason }: { date: string; scope: ClosureScope; reason: string }) =>
      apiSend(
        'DELETE',
        `/api/admin/closure-days/${date}?${new URLSearchParams({ scope, reason })}`,
        (c) => c.ClosureDayChangeResponseSchema,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: closureDaysKey }),
  });
}

/** The parsed JSON of a GOV.UK bank-holidays.json file, read in the browser. */
export function useImportBankHolidays() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: unknown) =>
      apiSend('POST', '/api/admin/closure-days/import', (c) => c.ClosureImportResponseSchema, {
        body: file,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: closureDaysKey }),
  });
}
