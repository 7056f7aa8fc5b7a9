import type { Division, Measure, ValueUnit } from '@ipo/contracts';
import { formatNumber } from '../../../lib/format';
import { quantityInWords, shareInWords } from '../../../lib/wording';

// Targets as administrators type and read them: shares as percentages (95 for 0.95), tolerances
// of shares in percentage points (2 for 0.02), percentile targets in working days.

export const unitOfMeasure = (measure: Measure): ValueUnit =>
  measure === 'percentile_turnaround' ? 'working_days' : 'share';

/** The stored value as the form shows it: 0.95 -> '95'; 8 working days -> '8'. */
export function typedOf(value: number, unit: ValueUnit): string {
  const shown = unit === 'share' ? Math.round(value * 100 * 1e4) / 1e4 : value;
  return String(shown);
}

/** What the form's number is stored as: 95 -> 0.95 (DECIMAL(9, 6)); days as they are. */
export function storedOf(typed: number, unit: ValueUnit): number {
  return unit === 'share' ? Math.round((typed / 100) * 1e6) / 1e6 : typed;
}

/** '95%' or '8 working days'. */
export function targetValueInWords(value: number, unit: ValueUnit): string {
  return unit === 'share' ? shareInWords(value) : quantityInWords(value, 'working_days');
}

/** '2 percentage points' or '1 working day'. */
export function toleranceInWords(value: number, unit: ValueUnit): string {
  if (unit === 'working_days') return quantityInWords(value, 'working_days');
  const points = Math.round(value * 100 * 1e4) / 1e4;
  return `${formatNumber(points)} percentage ${points === 1 ? 'point' : 'points'}`;
}

export const DIVISION_LABELS: Record<Division, string> = {
  england_and_wales: 'England and Wales',
  scotland: 'Scotland',
  northern_ireland: 'Northern Ireland',
};
