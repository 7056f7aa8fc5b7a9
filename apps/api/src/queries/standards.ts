import type { Standard } from '@ipo/contracts';
import {
  type Division,
  type IsoDate,
  type Measure,
  type StandardKind,
  sourceOf,
  type Threshold,
} from '@ipo/domain';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Every standard with the target version in force on `on` (a London date, YYYY-MM-DD). */
export async function listStandards(prisma: PrismaClient, on: string): Promise<Standard[]> {
  const day = new Date(`${on}T00:00:00Z`);
  const rows = await prisma.standard.findMany({
    orderBy: { sortOrder: 'asc' },
    include: {
      service: true,
      workTypes: { orderBy: { workTypeCode: 'asc' } },
      targets: {
        where: {
          effectiveFrom: { lte: day },
          OR: [{ effectiveTo: null }, { effectiveTo: { gte: day } }],
        },
        orderBy: { effectiveFrom: 'desc' },
        take: 1,
      },
    },
  });
  return rows.map((s) => {
    const t = s.targets[0];
    return {
      code: s.code,
      title: s.title,
      description: s.description,
      kind: s.kind,
      measure: s.measure,
      service: s.service ? { code: s.service.code, name: s.service.name } : null,
      workTypes: s.workTypes.map((w) => w.workTypeCode),
      threshold:
        s.thresholdValue !== null && s.thresholdUnit !== null
          ? { value: s.thresholdValue, unit: s.thresholdUnit }
          : null,
      percentile: s.percentile,
      division: s.division,
      minimumSample: s.minimumSample,
      target: t
        ? {
            value: t.target.toNumber(),
            tolerance: t.tolerance.toNumber(),
            effectiveFrom: isoDate(t.effectiveFrom),
            effectiveTo: t.effectiveTo ? isoDate(t.effectiveTo) : null,
            reason: t.reason,
          }
        : null,
    };
  });
}

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
  kind: StandardKind;
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

/**
 * Standards as the figures need them: definition, work types and every target version. With
 * `code`, that standard only (an empty list when there is none).
 */
export async function loadStandards(
  db: Queryable,
  options: { code?: string } = {},
): Promise<StandardDef[]> {
  const only = options.code === undefined ? null : options.code;
  // One round trip: each standard with its work types and target versions (oldest first).
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
    work_types: string[];
    targets: {
      effective_from: string;
      effective_to: string | null;
      target: number;
      tolerance: number;
      reason: string;
      changed_by: string;
    }[];
  }>(
    `SELECT s.id, s.code, s.title, s.description, s.kind, s.measure, s.service_code,
            v.name AS service_name, s.threshold_value, s.threshold_unit, s.percentile,
            s.division, s.minimum_sample,
            coalesce((SELECT array_agg(w.work_type_code ORDER BY w.work_type_code)
                        FROM standard_work_type w WHERE w.standard_id = s.id), '{}') AS work_types,
            coalesce((SELECT json_agg(json_build_object(
                               'effective_from', t.effective_from, 'effective_to', t.effective_to,
                               'target', t.target, 'tolerance', t.tolerance, 'reason', t.reason,
                               'changed_by', t.changed_by) ORDER BY t.effective_from)
                        FROM target_version t WHERE t.standard_id = s.id), '[]') AS targets
       FROM standard s LEFT JOIN service v ON v.code = s.service_code
      WHERE $1::text IS NULL OR s.code = $1
      ORDER BY s.sort_order, s.id`,
    [only],
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
    workTypes: s.work_types,
    targets: s.targets.map((t) => ({
      effectiveFrom: t.effective_from,
      effectiveTo: t.effective_to,
      target: Number(t.target),
      tolerance: Number(t.tolerance),
      reason: t.reason,
      changedBy: t.changed_by,
    })),
  }));
}

/** The teams of a service (every team when the standard spans all services), by name. */
export async function standardTeams(db: Queryable, serviceCode: string | null) {
  const { rows } = await db.query<{ id: number; name: string; service_code: string }>(
    serviceCode
      ? 'SELECT id, name, service_code FROM team WHERE service_code = $1 ORDER BY name'
      : 'SELECT id, name, service_code FROM team ORDER BY service_code, name',
    serviceCode ? [serviceCode] : [],
  );
  return rows;
}

/** The first and last day a standard's data covers, from its source's daily rollup. */
export async function standardDataRange(
  db: Queryable,
  standard: Pick<StandardDef, 'measure' | 'workTypes'>,
): Promise<{ first: string | null; last: string | null }> {
  const source = sourceOf(standard);
  const { rows } = await db.query<{ first: string | null; last: string | null }>(
    source === 'work_items'
      ? 'SELECT min(day) AS first, max(day) AS last FROM work_item_day_turnaround WHERE work_type_code = ANY($1)'
      : source === 'quality_checks'
        ? 'SELECT min(day) AS first, max(day) AS last FROM quality_check_day WHERE work_type_code = ANY($1)'
        : 'SELECT min(day) AS first, max(day) AS last FROM feedback_day',
    source === 'feedback' ? [] : [standard.workTypes],
  );
  return rows[0] ?? { first: null, last: null };
}
