/**
 * Values of the four measures (measurement.md, "Measures").
 */

import type { Measure } from './vocabulary.js';

export { MEASURES, type Measure } from './vocabulary.js';

/** Measures whose value is a proportion (0-1) of successes among `n`. */
export function isShareMeasure(measure: Measure): boolean {
  return measure !== 'percentile_turnaround';
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number >= 0 (got ${value})`);
  }
}

/** successes / n, or null when n = 0. Throws a RangeError when successes is not in 0..n. */
export function share(successes: number, n: number): number | null {
  assertCount(successes, 'successes');
  assertCount(n, 'n');
  if (successes > n) throw new RangeError(`successes (${successes}) cannot exceed n (${n})`);
  return n === 0 ? null : successes / n;
}

/**
 * Rank (1-based) of the nearest-rank P-th percentile of n values: ceil(P/100 * n), at least 1.
 *
 * Computed as ceil(P * n / 100), not ceil(P / 100 * n): 0.07 * 100 is 7.000000000000001 in IEEE
 * doubles, which would push rank 7 to 8. The 1e-9 allowance covers fractional P (99.9). SQL that
 * wants the same answer for every P should use integers, (P * n + 99) / 100 for a whole P; for
 * P in {50, 75, 80, 90, 95, 99} and n up to 10^6 the float form happens to agree.
 */
export function nearestRank(p: number, n: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile ${p} must be between 0 and 100`);
  assertCount(n, 'n');
  return Math.max(1, Math.ceil((p * n) / 100 - 1e-9));
}

/**
 * Nearest-rank percentile: sort ascending, take the value at rank ceil(P/100 * n) (1-based).
 * P = 0 gives the minimum. n = 0 gives null. The input array is not modified.
 */
export function nearestRankPercentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) {
    nearestRank(p, 0); // still validate p
    return null;
  }
  for (const v of values) {
    if (Number.isNaN(v)) throw new RangeError('nearestRankPercentile got NaN');
  }
  const sorted = Float64Array.from(values).sort();
  return sorted[nearestRank(p, sorted.length) - 1]!;
}

/** A satisfaction score counts as satisfied when it is 4 or 5 on the 1-5 scale. */
export function satisfied(score: number): boolean {
  return score === 4 || score === 5;
}

/** Feedback cells with fewer responses than this are suppressed ("fewer than 10"). */
export const SUPPRESSION_THRESHOLD = 10;

export const SUPPRESSED_LABEL = 'fewer than 10';

/**
 * True when a feedback cell with `n` responses must be suppressed (n < 10). Zero counts as
 * suppressed too: measurement.md says "fewer than 10" without exception.
 */
export function suppress(n: number): boolean {
  return n < SUPPRESSION_THRESHOLD;
}

/** Low volume: some data, but fewer than the standard's minimum sample (default 30). */
export function isLowVolume(n: number, minimumSample = 30): boolean {
  return n > 0 && n < minimumSample;
}

/** Which raw table (and rollup) a standard is measured from. */
export type Source = 'work_items' | 'quality_checks' | 'feedback';

export function sourceOf(standard: { measure: Measure }): Source {
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
export function unitOf(standard: { measure: Measure }): 'share' | 'working_days' {
  return standard.measure === 'percentile_turnaround' ? 'working_days' : 'share';
}
