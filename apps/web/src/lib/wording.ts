import type { Measure, Standard, StandardKind, ThresholdUnit } from '@ipo/contracts';

// Words for the measures and units named in docs/measurement.md. Pure functions: the
// page only arranges what these return.

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('en-GB', {
  style: 'percent',
  maximumFractionDigits: 1,
});

const unitNames: Record<ThresholdUnit, { one: string; many: string }> = {
  seconds: { one: 'second', many: 'seconds' },
  working_days: { one: 'working day', many: 'working days' },
  calendar_days: { one: 'calendar day', many: 'calendar days' },
  calendar_months: { one: 'calendar month', many: 'calendar months' },
};

export const kindHeadings: Record<StandardKind, string> = {
  timeliness: 'Timeliness',
  accuracy: 'Accuracy',
  satisfaction: 'Satisfaction',
};

/** The order the groups appear on the page. */
export const kindOrder: readonly StandardKind[] = ['timeliness', 'accuracy', 'satisfaction'];

/** `5` + `working_days` -> '5 working days'; `1` + `seconds` -> '1 second'. */
export function quantityInWords(value: number, unit: ThresholdUnit): string {
  const names = unitNames[unit];
  return `${numberFormat.format(value)} ${value === 1 ? names.one : names.many}`;
}

/** A share as a percentage: 0.9 -> '90%', 0.955 -> '95.5%'. */
export function shareInWords(share: number): string {
  return percentFormat.format(share);
}

/** 'a team lead needs…' -> 'A team lead needs…': the first letter capital, the ends trimmed. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1) : trimmed;
}

/** ['a', 'b', 'c'] -> 'a, b and c' (or 'a, b or c'). */
export function listInWords(words: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}

/** 1 -> '1st', 2 -> '2nd', 11 -> '11th', 90 -> '90th'. */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

export function thresholdInWords(threshold: Standard['threshold']): string | null {
  return threshold ? quantityInWords(threshold.value, threshold.unit) : null;
}

export function measureInWords(measure: Measure, percentile: number | null): string {
  switch (measure) {
    case 'within_threshold_share':
      return 'Share within threshold';
    case 'percentile_turnaround':
      return percentile === null
        ? 'Percentile turnaround'
        : `${ordinal(percentile)} percentile turnaround`;
    case 'pass_rate':
      return 'Pass rate';
    case 'satisfied_share':
      return 'Share satisfied';
  }
}

type TargetWordingInput = Pick<Standard, 'measure' | 'threshold' | 'percentile' | 'target'>;

/**
 * The target in force, as the charter would say it: '90% within 60 seconds',
 * '90% completed within 10 working days' (the IPO's wording of a P90 turnaround target),
 * '95% of checks passed', '85% satisfied'. Null when no target is in force.
 */
export function targetInWords(standard: TargetWordingInput): string | null {
  const { measure, threshold, percentile, target } = standard;
  if (!target) return null;
  switch (measure) {
    case 'within_threshold_share':
      return threshold
        ? `${shareInWords(target.value)} within ${quantityInWords(threshold.value, threshold.unit)}`
        : `${shareInWords(target.value)} within threshold`;
    case 'percentile_turnaround':
      // For this measure the target value is a number of working days, not a share
      // (packages/contracts TargetSchema).
      return percentile === null
        ? `Completed within ${quantityInWords(target.value, 'working_days')}`
        : `${percentile}% completed within ${quantityInWords(target.value, 'working_days')}`;
    case 'pass_rate':
      return `${shareInWords(target.value)} of checks passed`;
    case 'satisfied_share':
      return `${shareInWords(target.value)} satisfied`;
  }
}
