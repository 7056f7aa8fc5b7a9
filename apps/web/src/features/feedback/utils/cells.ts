import type { Cell } from '@ipo/contracts';

const pct = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The number in tables and CSV: a percentage to 1 decimal place, or the label when suppressed. */
export function shareValue(cell: Cell): number | string {
  if (cell.suppressed) return cell.label ?? 'fewer than 10';
  return cell.value === null ? 'no data' : Math.round(cell.value * 1000) / 10;
}

export function countValue(cell: Cell): number | string {
  if (cell.suppressed) return cell.label ?? 'fewer than 10';
  return cell.value ?? 0;
}

export function shareText(cell: Cell): string {
  if (cell.suppressed) return cell.label ?? 'fewer than 10';
  return cell.value === null ? 'no data' : `${pct.format(cell.value * 100)}%`;
}

export function countText(cell: Cell): string {
  return cell.suppressed ? (cell.label ?? 'fewer than 10') : whole.format(cell.value ?? 0);
}

export function decimalText(cell: Cell): string {
  if (cell.suppressed) return cell.label ?? 'fewer than 10';
  return cell.value === null ? 'no data' : two.format(cell.value);
}

export const percent = (share: number) => `${pct.format(share * 100)}%`;

/**
 * The number of responses behind a cell, for tables and CSV: the label when suppressed (a
 * suppressed cell has no n, and its n is never shown), never null.
 */
export function nValue(cell: Cell): number | string {
  if (cell.suppressed || cell.n === null) return cell.label ?? 'fewer than 10';
  return cell.n;
}

/** The same in running text: '1,234', or 'fewer than 10'. */
export function nText(cell: Cell): string {
  const n = nValue(cell);
  return typeof n === 'number' ? whole.format(n) : n;
}

/** ' (n = 1,234)' after a figure; nothing when suppressed (the figure already says why). */
export function nSuffix(cell: Cell): string {
  return cell.suppressed || cell.n === null ? '' : ` (n = ${whole.format(cell.n)})`;
}
