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
