import type { RecalculationJob } from '@ipo/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** How often a recalculation in progress is asked about. */
export const RECALCULATION_POLL_MS = 750;

export const isFinished = (job: RecalculationJob) =>
  job.status === 'succeeded' || job.status === 'failed';

/**
 * One recalculation job (GET /api/admin/recalculations/:id), asked again while it is queued or
 * running and no longer once it has finished. `initial` is the job as the change answered it.
 */
export function useRecalculation(initial: RecalculationJob) {
  return useQuery({
    queryKey: ['admin', 'recalculation', initial.id],
    queryFn: ({ signal }) =>
      apiGet(`/api/admin/recalculations/${initial.id}`, (c) => c.RecalculationJobSchema, {
        signal,
      }),
    initialData: initial,
    // The answer of the change is already old: ask at once, then while the job runs.
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => {
      const job = query.state.data;
      return job && isFinished(job) ? false : RECALCULATION_POLL_MS;
    },
    refetchIntervalInBackground: true,
  });
}
