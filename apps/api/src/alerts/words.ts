/**
 * The words of alerts: figures as people read them, and the one sentence each alert says.
 * Pure functions (no database), shared by the rules, the e-mails and the in-app list.
 */

/** The rules an alert can come from, in the order they are listed. */
export const ALERT_RULES = [
  'missed',
  'at_risk',
  'stale_source',
  'satisfaction_below',
  'theme_rising',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const RULE_LABELS: Record<AlertRule, string> = {
  missed: 'Missed target',
  at_risk: 'Forecast to miss',
  stale_source: 'Data out of date',
  satisfaction_below: 'Satisfaction below target',
  theme_rising: 'Theme rising in comments',
};

/** 0.8312 -> '83.1%'. */
export function share(x: number): string {
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** A target share: 0.9 -> '90%', 0.955 -> '95.5%'. */
export function targetShare(x: number): string {
  const s = (Math.round(x * 1000) / 10).toFixed(1);
  return `${s.endsWith('.0') ? s.slice(0, -2) : s}%`;
}

/** 1204 -> '1,204'. */
export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

export function workingDays(n: number): string {
  const v = Number.isInteger(n) ? String(n) : n.toFixed(1);
  return `${v} working ${n === 1 ? 'day' : 'days'}`;
}

/** How a standard's value and target read: a share, or working days at a percentile. */
export interface Measured {
  unit: 'share' | 'working_days';
  value: number | null;
  target: number;
  /** The percentile of a working-days standard (90). */
  percentile?: number | null;
}

export function valueWords(m: Measured): string {
  if (m.value === null) return 'no figure';
  if (m.unit === 'share') return share(m.value);
  return `${workingDays(m.value)} at the ${ordinal(m.percentile ?? 90)} percentile`;
}

export function targetWords(m: Measured): string {
  return m.unit === 'share' ? targetShare(m.target) : workingDays(m.target);
}

function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}
