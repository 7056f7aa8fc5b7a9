/** POST /api/admin/standards/:code/targets/preview: what a new target version would change. */
import type { TargetPreviewBody, TargetPreviewResponse } from '@ipo/contracts';
import { addDays, type IsoDate, lastNPeriods, latestCompletePeriod, unitOf } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { bucketTallies } from '../queries/buckets.js';
import type { StandardDef, TargetVersionDef } from '../queries/standards.js';
import { scorecardFigure } from './scorecard.js';

/** The periods a preview shows: the scorecard's sparkline, the last 12 complete months. */
export const PREVIEW_PERIODS = 12;

/** target_version.target and .tolerance are DECIMAL(9, 6): judge with the value as stored. */
const asStored = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The target versions as addTargetVersion (admin/standards.ts) would leave them: each version
 * still in force on or after `effectiveFrom` ends the day before, and the new one runs on.
 */
export function withProposedVersion(
  versions: readonly TargetVersionDef[],
  proposed: TargetPreviewBody,
): TargetVersionDef[] {
  const dayBefore = addDays(proposed.effectiveFrom, -1);
  return [
    ...versions.map((v) =>
      v.effectiveTo === null || v.effectiveTo >= proposed.effectiveFrom
        ? { ...v, effectiveTo: dayBefore }
        : v,
    ),
    {
      effectiveFrom: proposed.effectiveFrom,
      effectiveTo: null,
      target: asStored(proposed.target),
      tolerance: asStored(proposed.tolerance),
      reason: 'proposed',
      changedBy: 'proposed',
    },
  ];
}

/**
 * Each of the last 12 complete months judged twice, by the scorecard's own figure (same buckets,
 * same suppression, same status rule): under the versions stored now and with the proposed one.
 * Reads only; `db` should hold one snapshot so both columns come from the same rows.
 */
export async function previewTargetVersion(
  db: Queryable,
  standard: StandardDef,
  proposed: TargetPreviewBody,
  today: IsoDate,
): Promise<TargetPreviewResponse> {
  const periods = lastNPeriods(latestCompletePeriod(today, 'month'), PREVIEW_PERIODS);
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) throw new Error('a preview needs at least one period');
  const buckets = await bucketTallies(db, {
    standard,
    bucket: 'month',
    from: first.start,
    to: last.end,
  });
  const now = scorecardFigure(standard, buckets);
  const then = scorecardFigure(
    { ...standard, targets: withProposedVersion(standard.targets, proposed) },
    buckets,
  );
  const rows = periods.map((p) => {
    const before = now(p);
    const after = then(p);
    return {
      period: before.period,
      value: before.value,
      n: before.n,
      suppressed: before.suppressed,
      lowVolume: before.lowVolume,
      currentTarget: before.target,
      currentStatus: before.status,
      proposedTarget: after.target,
      proposedStatus: after.status,
    };
  });
  return {
    code: standard.code,
    measure: standard.measure,
    unit: unitOf(standard),
    proposed,
    periods: rows,
    changed: rows.filter((r) => r.currentStatus !== r.proposedStatus).length,
  };
}
