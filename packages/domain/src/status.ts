import type { IsoDate } from './dates.js';
import type { Measure } from './measures.js';

import type { Status } from './vocabulary.js';

export { STATUSES, type Status } from './vocabulary.js';

/**
 * Allowance for binary floating point in comparisons. Values are ratios of counts (9/10) and
 * targets are typed decimals (0.9); their representations can differ in the last bits, so
 * "0.9 >= 0.9" or "0.9 - 0.88 <= 0.02" must not hinge on them. 1e-9 is far below any difference
 * that matters (one item in a billion).
 */
export const EPSILON = 1e-9;

export const DEFAULT_SHARE_TOLERANCE = 0.02;
export const DEFAULT_PERCENTILE_TOLERANCE = 1;

export function defaultTolerance(measure: Measure): number {
  return measure === 'percentile_turnaround'
    ? DEFAULT_PERCENTILE_TOLERANCE
    : DEFAULT_SHARE_TOLERANCE;
}

/**
 * Status of a value against its target (measurement.md, "Status of a value against its target").
 * - proportions: met when value >= target; near when target - value <= tolerance;
 * - percentile_turnaround (lower is better): met when value <= target; near when
 *   value - target <= tolerance;
 * - no_data when n = 0 or the value is null.
 */
export function statusOf(input: {
  measure: Measure;
  value: number | null;
  n: number;
  target: number;
  tolerance?: number | null;
}): Status {
  const { measure, value, n, target } = input;
  if (value === null || n === 0) return 'no_data';
  const tolerance = input.tolerance ?? defaultTolerance(measure);
  const shortfall = measure === 'percentile_turnaround' ? value - target : target - value;
  if (shortfall <= EPSILON) return 'met';
  if (shortfall <= tolerance + EPSILON) return 'near';
  return 'missed';
}

export type TargetVersion = {
  effectiveFrom: IsoDate;
  /** Last day in force (inclusive); null = open-ended. */
  effectiveTo: IsoDate | null;
  target: number;
  tolerance: number;
};

/**
 * The target version in force on a date: effectiveFrom <= on and (effectiveTo null or
 * on <= effectiveTo). effectiveTo is read as the last day in force (inclusive). When versions
 * overlap, the one with the latest effectiveFrom wins; null when none is in force.
 * A period is judged against the version in force on its first day: pass `period.start`.
 */
export function targetInForce<T extends TargetVersion>(
  versions: readonly T[],
  on: IsoDate,
): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > on) continue;
    if (v.effectiveTo !== null && v.effectiveTo < on) continue;
    if (best === null || v.effectiveFrom > best.effectiveFrom) best = v;
  }
  return best;
}
