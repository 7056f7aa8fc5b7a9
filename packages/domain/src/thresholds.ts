import { addMonthsClamped, assertIsoDate, diffDays, type IsoDate } from './dates.js';

import { THRESHOLD_UNITS, type ThresholdUnit } from './vocabulary.js';

export { THRESHOLD_UNITS, type ThresholdUnit } from './vocabulary.js';

export type Threshold = { value: number; unit: ThresholdUnit };

export function assertThreshold(threshold: Threshold): void {
  if (!THRESHOLD_UNITS.includes(threshold.unit)) {
    throw new RangeError(`Unknown threshold unit ${JSON.stringify(threshold.unit)}`);
  }
  if (!Number.isInteger(threshold.value) || threshold.value < 0) {
    throw new RangeError(`Threshold value ${threshold.value} must be a whole number >= 0`);
  }
}

/** Whole seconds between two instants: floor of the millisecond difference / 1000. */
export function wholeSecondsBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 1000);
}

/**
 * The last local date on which an item received on `receivedDate` is still within a
 * `calendar_months` threshold: receivedDate + N months, day clamped to the month's end.
 */
export function calendarMonthsDeadline(receivedDate: IsoDate, months: number): IsoDate {
  return addMonthsClamped(receivedDate, months);
}

/**
 * Whole calendar months from `from` to `to`: the largest m >= 0 with
 * `addMonthsClamped(from, m) <= to` (so 31 January to 28 February 2025 is 1 month).
 */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  assertIsoDate(from);
  assertIsoDate(to);
  if (to < from) throw new RangeError(`${to} is before ${from}`);
  const fy = Number(from.slice(0, 4));
  const fm = Number(from.slice(5, 7));
  const ty = Number(to.slice(0, 4));
  const tm = Number(to.slice(5, 7));
  let m = (ty - fy) * 12 + (tm - fm);
  while (m > 0 && addMonthsClamped(from, m) > to) m--;
  return m;
}

/**
 * Is a completed item within its threshold? Exactly the thresholds table of measurement.md.
 * `elapsedWorkingDays` is passed in so callers that already have it do not recount.
 */
export function isWithinThreshold(
  threshold: Threshold,
  item: {
    receivedAt: Date;
    completedAt: Date;
    receivedDate: IsoDate;
    completedDate: IsoDate;
    elapsedWorkingDays: number;
  },
): boolean {
  switch (threshold.unit) {
    case 'seconds':
      return wholeSecondsBetween(item.receivedAt, item.completedAt) <= threshold.value;
    case 'working_days':
      return item.elapsedWorkingDays <= threshold.value;
    case 'calendar_days':
      return diffDays(item.receivedDate, item.completedDate) <= threshold.value;
    case 'calendar_months':
      return item.completedDate <= calendarMonthsDeadline(item.receivedDate, threshold.value);
    default:
      throw new RangeError(
        `Unknown threshold unit ${JSON.stringify((threshold as Threshold).unit)}`,
      );
  }
}
