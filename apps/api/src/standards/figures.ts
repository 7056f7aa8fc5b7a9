import type { Figure, Period as PeriodDto, TargetInForce } from '@ipo/contracts';
import {
  addTo,
  emptyTally,
  histogramPercentile,
  isLowVolume,
  type Period,
  statusOf,
  suppress,
  type Tally,
  targetInForce,
  unitOf,
  wilsonInterval,
} from '@ipo/domain';
import type { StandardDef, TargetVersionDef } from '../queries/standards.js';

export function periodDto(p: Period): PeriodDto {
  return { id: p.id, granularity: p.granularity, start: p.start, end: p.end, label: p.label };
}

/** A target version as the API shows it. */
export function targetDto(v: TargetVersionDef): TargetInForce {
  return {
    value: v.target,
    tolerance: v.tolerance,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    reason: v.reason,
  };
}

/** Sums the buckets (keyed by their first day) that fall within [start, end]. */
export function tallyBetween(
  buckets: ReadonlyMap<string, Tally>,
  start: string,
  end: string,
  withHistogram: boolean,
): Tally {
  const total = emptyTally(withHistogram);
  for (const [key, t] of buckets) if (key >= start && key <= end) addTo(total, t);
  return total;
}

export function measuredValue(standard: StandardDef, t: Tally): number | null {
  if (t.n === 0) return null;
  if (unitOf(standard) === 'working_days') {
    return t.histogram ? histogramPercentile(t.histogram, standard.percentile ?? 90) : null;
  }
  return t.successes / t.n;
}

/**
 * One figure: value, n, Wilson interval, the target in force on the period's first day, and the
 * status against it (measurement.md 'Status of a value against its target').
 */
export function figureOf(
  standard: StandardDef,
  period: Period,
  t: Tally,
  options: { hidden?: boolean } = {},
): Figure {
  const version = targetInForce(standard.targets, period.start);
  // Satisfaction from fewer than 10 responses (or hidden to protect another small group) is
  // withheld (measurement.md 'Fairness and privacy').
  if (standard.measure === 'satisfied_share' && (options.hidden || (t.n > 0 && suppress(t.n)))) {
    return {
      period: periodDto(period),
      n: null,
      suppressed: true,
      successes: null,
      value: null,
      interval: null,
      target: version?.target ?? null,
      status: 'no_data',
      lowVolume: false,
    };
  }
  const value = measuredValue(standard, t);
  const share = unitOf(standard) === 'share';
  return {
    period: periodDto(period),
    n: t.n,
    suppressed: false,
    successes: t.n > 0 ? t.successes : null,
    value,
    interval: share ? wilsonInterval(t.successes, t.n) : null,
    target: version?.target ?? null,
    status: version
      ? statusOf({
          measure: standard.measure,
          value,
          n: t.n,
          target: version.target,
          tolerance: version.tolerance,
        })
      : 'no_data',
    lowVolume: isLowVolume(t.n, standard.minimumSample),
  };
}
