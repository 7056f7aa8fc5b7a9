import type { ValueUnit } from '@ipo/contracts';
import { formatTargetValue } from '@ipo/domain/figure-words';

// How figures are written on screen. Values come from the API as shares (0 to 1) or working days
// (percentile measures), see packages/contracts/src/scorecard.ts `ValueUnitSchema`. The wording
// shared with the board's report pack (apps/api/src/reports) lives in @ipo/domain.
export {
  type Change,
  changeInWords,
  changeOf,
  formatDateTime,
  formatFigure,
  formatIsoDate,
  formatTargetValue,
  formatValue,
  statusWords,
} from '@ipo/domain/figure-words';

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** The number as shown in tables and CSV: a percentage to 1 decimal place, or working days. */
export function displayNumber(value: number, unit: ValueUnit): number {
  const scaled = unit === 'share' ? value * 100 : value;
  return Math.round(scaled * 10) / 10;
}

export function formatCount(n: number): string {
  return wholeNumber.format(n);
}

export function formatNumber(n: number): string {
  return oneDecimal.format(n);
}

/** The unit of the numbers in a table column heading: '%' or 'working days'. */
export function unitHeading(unit: ValueUnit): string {
  return unit === 'share' ? '%' : 'working days';
}

/** 'target 90%' or 'target at most 10 working days'. */
export function formatTarget(target: number | null, unit: ValueUnit): string {
  if (target === null) return 'no target in force';
  return `target ${formatTargetValue(target, unit)}`;
}
