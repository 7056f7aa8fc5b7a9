import type { ValueUnit } from '@ipo/contracts';
import { formatNumber } from '../../lib/format';

// Which way is better, in words, for the charts' target lines, keys, summaries and tables. Every
// chart's value axis is drawn upright from zero: a measure where fewer is better (working days to
// complete 90% of the work) says so in words rather than by turning its axis upside down.
// Shares (within the time limit, passing checks, satisfied) are better higher.

/** Whether a higher or a lower value is better: shares higher, working days lower. */
export function betterWay(unit: ValueUnit): 'higher' | 'lower' {
  return unit === 'working_days' ? 'lower' : 'higher';
}

export const LOWER_IS_BETTER = 'lower is better';

/**
 * The target line's label, with the target as the chart draws it (a percentage for shares,
 * working days): 'Target: 90% or more', 'Target: 10 working days or fewer (lower is better)'.
 * Without a target: 'Target'.
 */
export function targetLabel(target: number | null, unit: ValueUnit): string {
  if (target === null) return 'Target';
  if (betterWay(unit) === 'higher') return `Target: ${formatNumber(target)}% or more`;
  return `Target: ${formatNumber(target)} working ${target === 1 ? 'day' : 'days'} or fewer (${LOWER_IS_BETTER})`;
}

/**
 * A table heading naming the unit and, where fewer is better, saying so: 'Value (%)',
 * 'Value (working days; lower is better)'.
 */
export function headingWithWay(words: string, unit: ValueUnit): string {
  return unit === 'share' ? `${words} (%)` : `${words} (working days; ${LOWER_IS_BETTER})`;
}
