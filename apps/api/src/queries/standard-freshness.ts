import type { Queryable } from '../db/queryable.js';

export interface FreshnessRow {
  kind: 'work_items' | 'quality_checks' | 'feedback';
  workType: string;
  lastChangedAt: Date;
  latestEventAt: Date | null;
}

/** When each source last changed (kept by the rollup triggers). */
export async function loadFreshness(db: Queryable): Promise<FreshnessRow[]> {
  const { rows } = await db.query<{
    kind: FreshnessRow['kind'];
    work_type_code: string;
    last_changed_at: Date;
    latest_event_at: Date | null;
  }>('SELECT kind, work_type_code, last_changed_at, latest_event_at FROM data_freshness');
  return rows.map((r) => ({
    kind: r.kind,
    workType: r.work_type_code,
    lastChangedAt: r.last_changed_at,
    latestEventAt: r.latest_event_at,
  }));
}

export async function isRecalculating(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ running: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM recalculation_job WHERE status = 'running') AS running`,
  );
  return rows[0]?.running ?? false;
}
