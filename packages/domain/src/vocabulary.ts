/**
 * The project's vocabulary, defined once: the codes of measures, statuses, granularities,
 * divisions, threshold units and kinds of standard, the shape of period ids, month names and the
 * financial-year id. Dependency-free, so the zod contracts (which the browser bundles) build their
 * schemas from these lists: `@ipo/domain/vocabulary`. docs/measurement.md describes them.
 */

export const STANDARD_KINDS = ['timeliness', 'accuracy', 'satisfaction'] as const;
export type StandardKind = (typeof STANDARD_KINDS)[number];

export const MEASURES = [
  'within_threshold_share',
  'percentile_turnaround',
  'pass_rate',
  'satisfied_share',
] as const;
export type Measure = (typeof MEASURES)[number];

export const STATUSES = ['met', 'near', 'missed', 'no_data'] as const;
export type Status = (typeof STATUSES)[number];

export const GRANULARITIES = ['week', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Bank-holiday divisions of the UK (GOV.UK's file names them with hyphens). */
export const DIVISIONS = ['england_and_wales', 'scotland', 'northern_ireland'] as const;
export type Division = (typeof DIVISIONS)[number];

export const THRESHOLD_UNITS = [
  'seconds',
  'working_days',
  'calendar_days',
  'calendar_months',
] as const;
export type ThresholdUnit = (typeof THRESHOLD_UNITS)[number];

// Period ids: month 2025-07, financial-year quarter 2025-26-Q2 (Q1 = April to June), financial
// year 2025-26, ISO week 2025-W27.
export const MONTH_ID = /^\d{4}-(0[1-9]|1[0-2])$/;
export const QUARTER_ID = /^\d{4}-\d{2}-Q[1-4]$/;
export const YEAR_ID = /^\d{4}-\d{2}$/;
export const WEEK_ID = /^\d{4}-W\d{2}$/;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `2025-26` for the financial year starting 1 April 2025. */
export function financialYearId(startYear: number): string {
  return `${pad(startYear, 4)}-${pad((startYear + 1) % 100, 2)}`;
}
