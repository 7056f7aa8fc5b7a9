import type {
  CreateTargetVersionBody,
  TargetPreviewBody,
  UpdateStandardBody,
} from '@ipo/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiSend } from '../../../lib/api-client';

/**
 * Standards' targets and thresholds (administrators): the preview of a target version, the
 * version itself, and the threshold, division and minimum sample. The standards and their target
 * history are read as every page reads them (GET /api/standards, /api/standards/:code).
 */

const path = (code: string) => `/api/admin/standards/${encodeURIComponent(code)}` as const;

/**
 * A target or rule changes what every figure says: everything cached is read again (the
 * scorecard, the standards, a standard's detail and charts) but the session and the
 * recalculation jobs, which are asked about on their own.
 */
export function refreshFigures(client: QueryClient) {
  return client.invalidateQueries({
    predicate: ({ queryKey: [first, second] }) =>
      first !== 'session' && !(first === 'admin' && second === 'recalculation'),
  });
}

export function usePreviewTargetVersion(code: string) {
  return useMutation({
    mutationFn: (body: TargetPreviewBody) =>
      apiSend('POST', `${path(code)}/targets/preview`, (c) => c.TargetPreviewResponseSchema, {
        body,
      }),
  });
}

export function useAddTargetVersion(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTargetVersionBody) =>
      apiSend('POST', `${path(code)}/targets`, (c) => c.TargetVersionsResponseSchema, { body }),
    onSuccess: () => refreshFigures(client),
  });
}

/** 200 when nothing derived depends on the change; 202 with the recalculation job otherwise. */
export function useUpdateStandard(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateStandardBody) =>
      apiSend('PATCH', path(code), (c) => c.UpdateStandardResponseSchema, { body }),
    onSuccess: (answer) => {
      // A recalculated change shows once its job has finished (RecalculationProgress refreshes).
      if (answer.recalculation === null) return refreshFigures(client);
    },
  });
}
