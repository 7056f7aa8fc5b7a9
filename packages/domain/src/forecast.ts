import { isShareMeasure, type Measure } from './measures.js';

/**
 * Forecast for a period in progress (measurement.md, "The current period: forecast and
 * allowance").
 */

export type ForecastInput = {
  /** Items (or checks, or responses) completed so far in the period. */
  completedSoFar: number;
  /** Of those, how many missed (late items, failed checks, unsatisfied responses). */
  lateSoFar: number;
  /** Of those, how many succeeded (within threshold, passed, satisfied). */
  withinSoFar: number;
  /** Working days of the period already elapsed (0 on the first day: no forecast yet). */
  workingDaysElapsed: number;
  /** Working days in the whole period. */
  workingDaysInPeriod: number;
  /**
   * Target share (0.9 = 90%). For `percentile_turnaround` pass P/100 here (0.9 for P90) and count
   * items over the threshold as late: the P-th percentile is within the threshold exactly when no
   * more than floor((1 - P/100) * n) items are over it.
   */
  target: number;
  measure: Measure;
};

export type Forecast = {
  /** Items expected by the end of the period at the current pace. */
  expected: number;
  /** Projected end-of-period share at the current pace; null when there is nothing to go on. */
  projectedValue: number | null;
  /** How many more late items the target can absorb; negative when already out of reach. */
  allowance: number;
  /** False when the allowance is negative. */
  reachable: boolean;
  /** False when no working day has elapsed yet, so there is no pace to project. */
  hasForecast: boolean;
};

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number >= 0 (got ${value})`);
  }
}

/**
 * expected = completed so far * working days in period / working days elapsed;
 * allowance = floor((1 - target) * expected) - late so far.
 *
 * The projected value is the current share (at a constant pace and mix the end-of-period share
 * equals today's). It is null for `percentile_turnaround`: a percentile cannot be projected from
 * counts, but the allowance still can (see `ForecastInput.target`).
 *
 * The floor uses a 1e-9 allowance because (1 - 0.9) * 410 is 40.99999999999999 in floating point.
 */
export function forecastPeriod(input: ForecastInput): Forecast {
  const { completedSoFar, lateSoFar, withinSoFar, workingDaysElapsed, workingDaysInPeriod } = input;
  assertCount(completedSoFar, 'completedSoFar');
  assertCount(lateSoFar, 'lateSoFar');
  assertCount(withinSoFar, 'withinSoFar');
  assertCount(workingDaysElapsed, 'workingDaysElapsed');
  assertCount(workingDaysInPeriod, 'workingDaysInPeriod');
  if (lateSoFar + withinSoFar > completedSoFar) {
    throw new RangeError(
      `late (${lateSoFar}) + within (${withinSoFar}) cannot exceed completed (${completedSoFar})`,
    );
  }
  if (workingDaysElapsed > workingDaysInPeriod) {
    throw new RangeError(
      `workingDaysElapsed (${workingDaysElapsed}) exceeds workingDaysInPeriod (${workingDaysInPeriod})`,
    );
  }
  if (!(input.target >= 0 && input.target <= 1)) {
    throw new RangeError(`target ${input.target} must be a share between 0 and 1`);
  }
  if (workingDaysElapsed === 0) {
    return {
      expected: completedSoFar,
      projectedValue: null,
      allowance: 0,
      reachable: true,
      hasForecast: false,
    };
  }
  const expected = (completedSoFar * workingDaysInPeriod) / workingDaysElapsed;
  const allowance = Math.floor((1 - input.target) * expected + 1e-9) - lateSoFar;
  const projectedValue =
    isShareMeasure(input.measure) && completedSoFar > 0 ? withinSoFar / completedSoFar : null;
  return { expected, projectedValue, allowance, reachable: allowance >= 0, hasForecast: true };
}

/** 0.884 -> '88.4%'; 0.9 -> '90%' (targets drop a trailing .0). */
function formatShare(x: number, trimZero: boolean): string {
  const s = (Math.round(x * 1000) / 10).toFixed(1);
  return `${trimZero && s.endsWith('.0') ? s.slice(0, -2) : s}%`;
}

function count(n: number, singular: string, plural: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : plural}`;
}

/**
 * The forecast in words, e.g. "At the current pace Q3 ends at 88.4% against a 90% target; 12 more
 * late replies can be absorbed out of about 410 expected."
 *
 * `unit` is the plural noun for the items ('replies'); `unitSingular` is used for exactly one
 * (defaults to `unit`).
 */
export function forecastSentence(input: {
  periodLabel: string;
  projectedValue: number | null;
  target: number;
  allowance: number;
  expected: number;
  unit: string;
  unitSingular?: string;
  /** What a miss is called: 'late' (default) replies, 'failed' checks, 'dissatisfied' responses. */
  missWord?: string;
  hasForecast?: boolean;
}): string {
  const { periodLabel, projectedValue, target, allowance, unit } = input;
  const singular = input.unitSingular ?? unit;
  const miss = input.missWord ?? 'late';
  const expected = Math.round(input.expected);
  if (input.hasForecast === false) {
    return `It is too early to forecast ${periodLabel}: no working day of it has finished yet.`;
  }
  if (expected === 0) {
    return `${periodLabel} has no completed ${unit} yet, so there is no forecast.`;
  }
  const pace =
    projectedValue === null
      ? `At the current pace ${periodLabel} is measured against a ${formatShare(target, true)} target`
      : `At the current pace ${periodLabel} ends at ${formatShare(projectedValue, false)} against a ${formatShare(target, true)} target`;
  const outOf = `out of about ${expected.toLocaleString('en-GB')} expected`;
  if (allowance > 0) {
    return `${pace}; ${count(allowance, `more ${miss} ${singular}`, `more ${miss} ${unit}`)} can be absorbed ${outOf}.`;
  }
  if (allowance === 0) {
    return `${pace}; no more ${miss} ${unit} can be absorbed ${outOf}.`;
  }
  const over = -allowance;
  return `${pace}; the target is already out of reach unless volumes change, with ${count(over, `more ${miss} ${singular}`, `more ${miss} ${unit}`)} than it can absorb ${outOf}.`;
}

/**
 * True when a forecast of the period in progress says it will end short of its target: the
 * allowance is already spent, or the projected value is on the wrong side of the target (a share
 * below it; working days above it). The scorecard's 'at risk' and the board's report pack.
 */
export function forecastMisses(forecast: {
  hasForecast: boolean;
  projectedValue: number | null;
  target: number | null;
  unit: 'share' | 'working_days';
  reachable: boolean | null;
}): boolean {
  if (!forecast.hasForecast) return false;
  const { projectedValue, target, unit, reachable } = forecast;
  if (reachable === false) return true;
  if (projectedValue === null || target === null) return false;
  return unit === 'share' ? projectedValue < target : projectedValue > target;
}
