import type { Division, IsoDate, Measure, Threshold } from '@ipo/domain';
import type { Queryable } from '../derive/rules.js';

export interface TargetVersionDef {
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  target: number;
  tolerance: number;
  reason: string;
  changedBy: string;
}

export interface StandardDef {
  id: number;
  code: string;
  title: string;
  description: string;
  kind: 'timeliness' | 'accuracy' | 'satisfaction';
  measure: Measure;
  service: { code: string; name: string } | null;
  threshold: Threshold | null;
  percentile: number | null;
  division: Division;
  minimumSample: number;
  workTypes: string[];
  /** Oldest first. */
  targets: TargetVersionDef[];
}

/** Which raw table (and rollup) a standard is measured from. */
export type Source = 'work_items' | 'quality_checks' | 'feedback';

export function sourceOf(standard: Pick<StandardDef, 'measure'>): Source {
  switch (standard.measure) {
    case 'pass_rate':
      return 'quality_checks';
    case 'satisfied_share':
      return 'feedback';
    default:
      return 'work_items';
  }
}

/** 'share' for proportions, 'working_days' for percentile turnaround. */
export function unitOf(standard: Pick<StandardDef, 'measure'>): 'share' | 'working_days' {
  return standard.measure === 'percentile_turnaround' ? 'working_days' : 'share';
}

export async function loadStandards(db: Queryable): Promise<StandardDef[]> {
  // Sequential, not Promise.all: `db` may be a single client inside a snapshot.
  const standards = await db.query<{
    id: number;
    code: string;
    title: string;
    description: string;
    kind: StandardDef['kind'];
    measure: Measure;
    service_code: string | null;
    service_name: string | null;
    threshold_value: number | null;
    threshold_unit: Threshold['unit'] | null;
    percentile: number | null;
    division: Division;
    minimum_sample: number;
  }>(
    `SELECT s.id, s.code, s.title, s.description, s.kind, s.measure, s.service_code,
              v.name AS service_name, s.threshold_value, s.threshold_unit, s.percentile,
              s.division, s.minimum_sample
         FROM standard s LEFT JOIN service v ON v.code = s.service_code
        ORDER BY s.sort_order, s.id`,
  );
  const targets = await db.query<{
    standard_id: number;
    effective_from: string;
    effective_to: string | null;
    target: number;
    tolerance: number;
    reason: string;
    changed_by: string;
  }>(
    `SELECT standard_id, effective_from, effective_to, target, tolerance, reason, changed_by
         FROM target_version ORDER BY standard_id, effective_from`,
  );
  const workTypes = await db.query<{ standard_id: number; work_type_code: string }>(
    'SELECT standard_id, work_type_code FROM standard_work_type ORDER BY work_type_code',
  );
  return standards.rows.map((s) => ({
    id: s.id,
    code: s.code,
    title: s.title,
    description: s.description,
    kind: s.kind,
    measure: s.measure,
    service: s.service_code
      ? { code: s.service_code, name: s.service_name ?? s.service_code }
      : null,
    threshold:
      s.threshold_value !== null && s.threshold_unit !== null
        ? { value: s.threshold_value, unit: s.threshold_unit }
        : null,
    percentile: s.percentile,
    division: s.division,
    minimumSample: s.minimum_sample,
    workTypes: workTypes.rows.filter((w) => w.standard_id === s.id).map((w) => w.work_type_code),
    targets: targets.rows
      .filter((t) => t.standard_id === s.id)
      .map((t) => ({
        effectiveFrom: t.effective_from,
        effectiveTo: t.effective_to,
        target: Number(t.target),
        tolerance: Number(t.tolerance),
        reason: t.reason,
        changedBy: t.changed_by,
      })),
  }));
}
