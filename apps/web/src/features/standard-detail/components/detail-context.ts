import type { StandardDetailResponse } from '@ipo/contracts';
import { useCallback } from 'react';
import { useNavigate } from '../../../lib/router';
import { useCan } from '../../session/access';
import { type DetailState, detailSearch } from '../utils/url-state';

/**
 * What every section of the standard page shares: the standard, the state read from the URL and
 * the ways to change it. The page builds it with `useDetailContext`; the sections import it from
 * here, never from the page, so no section depends on the page that renders it.
 */
export interface DetailContext {
  code: string;
  standard: StandardDetailResponse;
  state: DetailState;
  /** The query string of the page with `next` applied. */
  searchWith: (next: Partial<DetailState>) => string;
  /** Go to the records of a period and group. */
  drill: (next: Partial<DetailState>) => void;
  /**
   * Whether the user may read the records behind the figures ('read-records'): without it the
   * records and the backlog are left out, and nothing links to them.
   */
  readsRecords: boolean;
}

/** History state of a drill: after it, focus moves to the records it opened. */
export const drillState = { focus: 'items' } as const;

export function useDetailContext(
  code: string,
  standard: StandardDetailResponse,
  state: DetailState,
): DetailContext {
  const navigate = useNavigate();
  const readsRecords = useCan('read-records');
  const searchWith = useCallback(
    (next: Partial<DetailState>) => detailSearch({ ...state, ...next }),
    [state],
  );
  const drill = useCallback(
    (next: Partial<DetailState>) => {
      void navigate({ search: detailSearch({ ...state, ...next }) }, { state: drillState });
    },
    [navigate, state],
  );
  return { code, standard, state, searchWith, drill, readsRecords };
}
