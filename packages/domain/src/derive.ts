import type { WorkingCalendar } from './calendar.js';
import { diffDays, type IsoDate, londonDate } from './dates.js';
import {
  assertThreshold,
  calendarMonthsDeadline,
  isWithinThreshold,
  type Threshold,
  wholeMonthsBetween,
  wholeSecondsBetween,
} from './thresholds.js';

export type DerivedWorkItem = {
  receivedDate: IsoDate;
  completedDate: IsoDate | null;
  elapsedSeconds: number | null;
  elapsedWorkingDays: number | null;
  elapsedCalendarDays: number | null;
  withinThreshold: boolean | null;
};

/**
 * The values stored beside a work item at write time.
 *
 * - Dates are Europe/London local dates of the instants.
 * - Open items (completedAt null) get nulls for everything but the received date.
 * - `elapsedWorkingDays` is computed for every completed item, whatever the threshold unit.
 * - `withinThreshold` is null when the standard has no threshold.
 * - A completion before receipt is bad data: RangeError.
 */
export function deriveWorkItem(
  input: { receivedAt: Date; completedAt: Date | null },
  threshold: Threshold | null,
  calendar: WorkingCalendar,
): DerivedWorkItem {
  if (Number.isNaN(input.receivedAt.getTime()))
    throw new RangeError('receivedAt is an invalid Date');
  const receivedDate = londonDate(input.receivedAt);
  if (input.completedAt === null) {
    return {
      receivedDate,
      completedDate: null,
      elapsedSeconds: null,
      elapsedWorkingDays: null,
      elapsedCalendarDays: null,
      withinThreshold: null,
    };
  }
  if (Number.isNaN(input.completedAt.getTime())) {
    throw new RangeError('completedAt is an invalid Date');
  }
  if (input.completedAt.getTime() < input.receivedAt.getTime()) {
    throw new RangeError(
      `completedAt ${input.completedAt.toISOString()} is before receivedAt ${input.receivedAt.toISOString()}`,
    );
  }
  if (threshold !== null) assertThreshold(threshold);
  const completedDate = londonDate(input.completedAt);
  const elapsedSeconds = wholeSecondsBetween(input.receivedAt, input.completedAt);
  const elapsedWorkingDays = calendar.elapsedWorkingDays(receivedDate, completedDate);
  const elapsedCalendarDays = diffDays(receivedDate, completedDate);
  const withinThreshold =
    threshold === null
      ? null
      : isWithinThreshold(threshold, {
          receivedAt: input.receivedAt,
          completedAt: input.completedAt,
          receivedDate,
          completedDate,
          elapsedWorkingDays,
        });
  return {
    receivedDate,
    completedDate,
    elapsedSeconds,
    elapsedWorkingDays,
    elapsedCalendarDays,
    withinThreshold,
  };
}

/**
 * Age of an open item at `asOf`, in the threshold's unit, and whether it is already late.
 *
 * An item is late when completing it at `asOf` would miss the threshold. For `seconds`,
 * `working_days` and `calendar_days` that is exactly "age > N". For `calendar_months` the age is
 * the number of whole months elapsed (see `wholeMonthsBetween`) and the item is late when the
 * local date of `asOf` is after receivedDate + N months (day clamped): received 15 January with a
 * 1-month threshold, it is late on 16 February although only 1 whole month has elapsed.
 */
export function openItemAge(
  receivedAt: Date,
  asOf: Date,
  threshold: Threshold,
  calendar: WorkingCalendar,
): { age: number; late: boolean } {
  assertThreshold(threshold);
  if (Number.isNaN(receivedAt.getTime()) || Number.isNaN(asOf.getTime())) {
    throw new RangeError('openItemAge needs valid Dates');
  }
  if (asOf.getTime() < receivedAt.getTime()) {
    throw new RangeError(
      `asOf ${asOf.toISOString()} is before receivedAt ${receivedAt.toISOString()}`,
    );
  }
  const receivedDate = londonDate(receivedAt);
  const asOfDate = londonDate(asOf);
  const n = threshold.value;
  switch (threshold.unit) {
    case 'seconds': {
      const age = wholeSecondsBetween(receivedAt, asOf);
      return { age, late: age > n };
    }
    case 'working_days': {
      const age = calendar.elapsedWorkingDays(receivedDate, asOfDate);
      return { age, late: age > n };
    }
    case 'calendar_days': {
      const age = diffDays(receivedDate, asOfDate);
      return { age, late: age > n };
    }
    case 'calendar_months':
      return {
        age: wholeMonthsBetween(receivedDate, asOfDate),
        late: asOfDate > calendarMonthsDeadline(receivedDate, n),
      };
    default:
      throw new RangeError(
        `Unknown threshold unit ${JSON.stringify((threshold as Threshold).unit)}`,
      );
  }
}
