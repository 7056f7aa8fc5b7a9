import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** The audit trail (administrators): GET /api/audit, filtered and paged; its CSV export. */

export interface AuditFilters {
  actor?: string | undefined;
  kind?: string | undefined;
  /** London dates, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

function filterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['actor', 'kind', 'from', 'to'] as const) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** The CSV of every event the filters match (not only the page shown). */
export function auditCsvUrl(filters: AuditFilters): string {
  const params = filterParams(filters);
  params.set('format', 'csv');
  return `/api/audit?${params}`;
}

export function useAuditTrail(filters: AuditFilters, before: number | undefined) {
  const params = filterParams(filters);
  if (before) params.set('before', String(before));
  params.set('limit', String(AUDIT_PAGE_SIZE));
  return useQuery({
    queryKey: ['admin', 'audit', params.toString()],
    queryFn: ({ signal }) => apiGet(`/api/audit?${params}`, (c) => c.AuditPageSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}
