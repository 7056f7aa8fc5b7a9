// Period identifiers as in docs/measurement.md 'Time': month 2025-07, financial-year
// quarter 2025-26-Q2 (Q1 = Apr-Jun), financial year 2025-26. Only what the period pickers need:
// the API does all period arithmetic for figures.

import { financialYearId, MONTH_NAMES } from '@ipo/contracts';

export interface PeriodOption {
  id: string;
  label: string;
}

export interface PeriodOptionGroups {
  months: PeriodOption[];
  quarters: PeriodOption[];
  years: PeriodOption[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's year and month in London. */
export function londonYearMonth(now: Date = new Date()): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month') };
}

export function monthId(year: number, month: number): string {
  return `${year}-${pad(month)}`;
}

export function monthLabel(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

/** The financial year (by its starting calendar year) that a month belongs to. */
export function financialYearOf(year: number, month: number): number {
  return month >= 4 ? year : year - 1;
}

export { financialYearId };

function quarterOf(month: number): number {
  return month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
}

function quarterLabel(startYear: number, quarter: number): string {
  const firstMonth = ((quarter - 1) * 3 + 3) % 12; // 0-based: Q1 -> April (3)
  const calendarYear = quarter === 4 ? startYear + 1 : startYear;
  return `Q${quarter} ${financialYearId(startYear)} (${MONTH_NAMES[firstMonth]?.slice(0, 3)} to ${MONTH_NAMES[firstMonth + 2]?.slice(0, 3)} ${calendarYear})`;
}

/**
 * The periods a scorecard can show, newest first: 24 complete months, the quarter in progress and
 * the 7 before it, the financial year in progress and the 2 before it.
 */
export function scorecardPeriodOptions(now: Date = new Date()): PeriodOptionGroups {
  const today = londonYearMonth(now);

  const months: PeriodOption[] = [];
  let { year, month } = today;
  for (let i = 0; i < 24; i += 1) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    months.push({ id: monthId(year, month), label: monthLabel(year, month) });
  }

  const quarters: PeriodOption[] = [];
  let fy = financialYearOf(today.year, today.month);
  let quarter = quarterOf(today.month);
  for (let i = 0; i < 8; i += 1) {
    const label = quarterLabel(fy, quarter);
    quarters.push({
      id: `${financialYearId(fy)}-Q${quarter}`,
      label: i === 0 ? `${label}, so far` : label,
    });
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      fy -= 1;
    }
  }

  const currentYear = financialYearOf(today.year, today.month);
  const years: PeriodOption[] = [0, 1, 2].map((back) => {
    const id = financialYearId(currentYear - back);
    return { id, label: back === 0 ? `${id}, so far` : id };
  });

  return { months, quarters, years };
}
