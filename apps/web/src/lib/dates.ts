import { londonYearMonth } from './periods';

// Calendar dates as the API writes them (YYYY-MM-DD), on London's calendar.

const londonCalendar = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The London date of an instant, YYYY-MM-DD; today's by default. */
export function londonDate(instant: Date = new Date()): string {
  return londonCalendar.format(instant);
}

/** Monday 1 ... Sunday 7, of an ISO date. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The `count` whole months ending with the last complete one (London), from the first day of
 * the first to the last day of the last: feedback figures cover whole months only.
 */
export function lastWholeMonths(
  count: number,
  today: { year: number; month: number } = londonYearMonth(),
): { from: string; to: string } {
  // Months since year 0, of the last complete month.
  const last = today.year * 12 + (today.month - 1) - 1;
  const first = last - (count - 1);
  const year = (index: number) => Math.floor(index / 12);
  const month = (index: number) => (index % 12) + 1;
  const days = new Date(Date.UTC(year(last), month(last), 0)).getUTCDate();
  return {
    from: `${year(first)}-${pad(month(first))}-01`,
    to: `${year(last)}-${pad(month(last))}-${pad(days)}`,
  };
}
