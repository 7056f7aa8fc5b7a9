import type { Queryable } from '../db/queryable.js';

export interface FreshnessSourceRow {
  kind: 'work_items' | 'quality_checks' | 'feedback';
  work_type_code: string;
  work_type_name: string | null;
  last_changed_at: Date | null;
  latest_event_at: Date | null;
}

/**
 * Every source the dashboard reports on (each work type's items, the checks of each accuracy
 * standard's work types, feedback) with when it last changed and its newest event, if any: work
 * items, then quality checks, then feedback, by work type name.
 */
export async function freshnessSources(db: Queryable): Promise<FreshnessSourceRow[]> {
  const { rows } = await db.query<FreshnessSourceRow>(
    `WITH sources AS (
         SELECT 'work_items' AS kind, code AS work_type_code FROM work_type
         UNION SELECT 'quality_checks', sw.work_type_code
           FROM standard s JOIN standard_work_type sw ON sw.standard_id = s.id
          WHERE s.kind = 'accuracy'
         UNION SELECT kind, work_type_code FROM data_freshness
         UNION SELECT 'feedback', '')
       SELECT s.kind, s.work_type_code, w.name AS work_type_name, f.last_changed_at,
              f.latest_event_at
         FROM sources s
         LEFT JOIN data_freshness f USING (kind, work_type_code)
         LEFT JOIN work_type w ON w.code = s.work_type_code
        ORDER BY CASE s.kind WHEN 'work_items' THEN 1 WHEN 'quality_checks' THEN 2 ELSE 3 END,
                 w.name NULLS FIRST`,
  );
  return rows;
}

export interface FreshnessRow {
  kind: 'work_items' | 'quality_checks' | 'feedback';
  workType: string;
  lastChangedAt: Date;
  latestEventAt: Date | null;
}

/**
 * When each source last changed (kept by the rollup triggers), and whether a recalculation is
 * running: the scorecard's context, in one round trip.
 */
export async function loadFreshness(
  db: Queryable,
): Promise<{ sources: FreshnessRow[]; recalculating: boolean }> {
  const { rows } = await db.query<{
    running: boolean;
    kind: FreshnessRow['kind'] | null;
    work_type_code: string | null;
    last_changed_at: Date | null;
    latest_event_at: Date | null;
  }>(
    `SELECT r.running, f.kind, f.work_type_code, f.last_changed_at, f.latest_event_at
       FROM (SELECT EXISTS (SELECT 1 FROM recalculation_job WHERE status = 'running') AS running) r
       LEFT JOIN data_freshness f ON true`,
  );
  const sources: FreshnessRow[] = [];
  for (const r of rows) {
    if (r.kind === null || r.work_type_code === null || r.last_changed_at === null) continue;
    sources.push({
      kind: r.kind,
      workType: r.work_type_code,
      lastChangedAt: r.last_changed_at,
      latestEventAt: r.latest_event_at,
    });
  }
  return { sources, recalculating: rows[0]?.running ?? false };
}
