/** GET /api/standards/:code/forecast: whether the period in progress ends on target. */
import type { ForecastResponse } from '@ipo/contracts';
import {
  addDays,
  forecastPeriod,
  forecastSentence,
  type IsoDate,
  periodContaining,
  sourceOf,
  type Tally,
  targetInForce,
  unitOf,
} from '@ipo/domain';
import { currentRules, type Queryable } from '../derive/rules.js';
import { bucketTallies } from '../queries/buckets.js';
import type { StandardDef } from '../queries/standards.js';
import { measuredValue, periodDto, tallyBetween } from './figures.js';

const NOUNS: Record<string, [string, string]> = {
  phone_call: ['calls', 'call'],
  written_enquiry: ['replies', 'reply'],
  complaint: ['replies', 'reply'],
  tm_examination: ['examinations', 'examination'],
  tm_intl_examination: ['examinations', 'examination'],
  design_examination: ['examinations', 'examination'],
  design_intl_examination: ['examinations', 'examination'],
  patent_preliminary_examination: ['examinations', 'examination'],
  patent_search: ['search reports', 'search report'],
  patent_acceleration: ['decisions', 'decision'],
};

/**
 * The period in progress, as of the end of yesterday: completed so far, the pace, and how many
 * more misses the target can absorb (measurement.md 'The current period').
 */
export async function forecastOf(
  db: Queryable,
  standard: StandardDef,
  granularity: 'month' | 'quarter' | 'year',
  today: IsoDate,
): Promise<ForecastResponse> {
  const period = periodContaining(today, granularity);
  const asOf = addDays(today, -1);
  const rules = await currentRules(db);
  const calendar = rules.calendar(standard.division);
  const elapsed = asOf < period.start ? 0 : calendar.workingDaysInRange(period.start, asOf);
  const inPeriod = calendar.workingDaysInRange(period.start, period.end);
  const percentile = standard.measure === 'percentile_turnaround';
  const buckets =
    asOf < period.start
      ? new Map<string, Tally>()
      : await bucketTallies(db, { standard, bucket: 'day', from: period.start, to: asOf });
  const soFar = tallyBetween(buckets, period.start, asOf, percentile);
  const version = targetInForce(standard.targets, period.start);
  const base = {
    code: standard.code,
    period: periodDto(period),
    asOf,
    unit: unitOf(standard),
    workingDaysElapsed: elapsed,
    workingDaysInPeriod: inPeriod,
    completedSoFar: soFar.n,
    lateSoFar: soFar.n - soFar.successes,
    valueSoFar: measuredValue(standard, soFar),
    target: version?.target ?? null,
  };
  if (!version) {
    return {
      ...base,
      hasForecast: false,
      expected: null,
      projectedValue: null,
      allowance: null,
      reachable: null,
      sentence: `${standard.title} has no target in force for ${period.label}.`,
    };
  }
  // For '90% within N working days' the target share is P/100 and a miss is an item over N.
  const targetShare = percentile ? (standard.percentile ?? 90) / 100 : version.target;
  const f = forecastPeriod({
    completedSoFar: soFar.n,
    lateSoFar: soFar.n - soFar.successes,
    withinSoFar: soFar.successes,
    workingDaysElapsed: elapsed,
    workingDaysInPeriod: inPeriod,
    target: targetShare,
    measure: standard.measure,
  });
  const source = sourceOf(standard);
  const [unit, unitSingular] =
    source === 'quality_checks'
      ? ['checks', 'check']
      : source === 'feedback'
        ? ['responses', 'response']
        : (NOUNS[standard.workTypes[0] ?? ''] ?? ['items', 'item']);
  const missWord =
    source === 'quality_checks' ? 'failed' : source === 'feedback' ? 'dissatisfied' : 'late';
  let sentence = forecastSentence({
    periodLabel: period.label,
    projectedValue: f.projectedValue,
    target: targetShare,
    allowance: f.allowance,
    expected: f.expected,
    unit,
    unitSingular,
    missWord,
    hasForecast: f.hasForecast,
  });
  if (percentile && f.hasForecast && Math.round(f.expected) > 0) {
    // Say what the percentile standard means rather than '90% target'.
    sentence = sentence.replace(
      /is measured against a [\d.]+% target/,
      `keeps ${standard.percentile ?? 90}% within ${standard.threshold?.value ?? version.target} working days only if few are late`,
    );
  }
  return {
    ...base,
    hasForecast: f.hasForecast,
    expected: f.hasForecast ? Math.round(f.expected) : null,
    projectedValue: f.projectedValue,
    allowance: f.hasForecast ? f.allowance : null,
    reachable: f.hasForecast ? f.reachable : null,
    sentence,
  };
}
