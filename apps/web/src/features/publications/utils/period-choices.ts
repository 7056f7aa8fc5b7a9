import { type PeriodOption, scorecardPeriodOptions } from '../../../lib/periods';

/** The periods a manager may review for publishing: those that have ended, newest first. */
export interface PeriodChoices {
  /** The last 12 complete months. */
  months: PeriodOption[];
  /** The last 4 complete quarters of the financial year. */
  quarters: PeriodOption[];
}

export function publishablePeriods(now: Date = new Date()): PeriodChoices {
  const { months, quarters } = scorecardPeriodOptions(now);
  // The scorecard's first quarter is the one in progress.
  return { months: months.slice(0, 12), quarters: quarters.slice(1, 5) };
}
