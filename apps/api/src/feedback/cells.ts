import type { Cell, ShareCell } from '@ipo/contracts';
import { SUPPRESSED_LABEL, suppress, wilsonInterval } from '@ipo/domain';

/**
 * Figures of the feedback explorer (measurement.md, 'Fairness and privacy'): every one carries
 * its n, and with fewer than 10 responses behind it the value is withheld.
 */
export function cell(value: number | null, n: number): Cell {
  if (suppress(n)) return { value: null, n, suppressed: true, label: SUPPRESSED_LABEL };
  return { value, n, suppressed: false, label: null };
}

/** A count of responses: the count is its own n. */
export const countCell = (count: number): Cell => cell(count, count);

export function shareCell(successes: number, n: number): ShareCell {
  if (suppress(n)) {
    return {
      value: null,
      n,
      suppressed: true,
      label: SUPPRESSED_LABEL,
      successes: null,
      interval: null,
    };
  }
  return {
    value: successes / n,
    n,
    suppressed: false,
    label: null,
    successes,
    interval: wilsonInterval(successes, n),
  };
}
