import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryString } from '../utils/url-state';

export interface PerformanceParams {
  service?: string | undefined;
  team?: number | undefined;
  /** Whole months: the first day of one to the last day of another. */
  from: string;
  to: string;
}

/**
 * Monthly satisfaction of a service or team beside the share on time of the service's timeliness
 * standards (GET /api/feedback/performance). Needs a service or a team: not asked without one.
 */
export function useFeedbackPerformance(params: PerformanceParams | null) {
  const enabled = params !== null && (params.service !== undefined || params.team !== undefined);
  return useQuery({
    queryKey: ['feedback', 'performance', params],
    queryFn: ({ signal }) =>
      apiGet(
        `/api/feedback/performance${queryString(params ?? {})}`,
        (c) => c.FeedbackPerformanceSchema,
        {
          signal,
        },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}
