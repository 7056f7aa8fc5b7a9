import type { Status } from './vocabulary.js';

// How figures are written for people: on screen (apps/web) and in the board's report pack
// (apps/api). Values are shares (0 to 1) or working days (percentile measures), see
// packages/contracts/src/scorecard.ts `ValueUnitSchema`.

/** What a figure's value is measured in (contracts' ValueUnit). */
export type FigureUnit = 'share' | 'working_days';

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export const statusWords: Record<Status, string> = {
  met: 'Met',
  near: 'Near target',
  missed: 'Missed',
  no_data: 'No data',
};

function workingDays(n: number): string {
  return `${oneDecimal.format(n)} working ${n === 1 ? 'day' : 'days'}`;
}

/**
 * A figure's value, withheld ones included: 'Fewer than 10 responses' for a suppressed
 * satisfaction figure (which has neither value nor n), else as formatValue.
 */
export function formatFigure(
  figure: { value: number | null; suppressed: boolean },
  unit: FigureUnit,
): string {
  return figure.suppressed ? 'Fewer than 10 responses' : formatValue(figure.value, unit);
}

/** 0.942 -> '94.2%'; 8 working days -> '8 working days'; null -> 'No data'. */
export function formatValue(value: number | null, unit: FigureUnit): string {
  if (value === null) return 'No data';
  return unit === 'share' ? `${oneDecimal.format(value * 100)}%` : workingDays(value);
}

/** The target's figure alone: '90%' or 'at most 10 working days'; 'No target in force'. */
export function formatTargetValue(target: number | null, unit: FigureUnit): string {
  if (target === null) return 'No target in force';
  return unit === 'share' ? formatValue(target, unit) : `at most ${formatValue(target, unit)}`;
}

/** An earlier figure to compare with: its value, whether it is withheld, and its period's name. */
export interface EarlierFigure {
  value: number | null;
  suppressed: boolean;
  period: { label: string };
}

/**
 * How a figure moved since an earlier one, for the words below and for sorting: shares compare
 * in percentage points, percentile turnarounds in working days (where down is better).
 */
export type Change =
  | { kind: 'no-figure' }
  | { kind: 'withheld' }
  | { kind: 'no-data' }
  | { kind: 'same' }
  | { kind: 'moved'; direction: 'up' | 'down'; size: number; better: boolean };

export function changeOf(current: number | null, before: EarlierFigure, unit: FigureUnit): Change {
  if (current === null) return { kind: 'no-figure' };
  // A withheld satisfaction figure: never its n, only that it is too small to show.
  if (before.suppressed) return { kind: 'withheld' };
  if (before.value === null) return { kind: 'no-data' };
  const difference =
    unit === 'share'
      ? Math.round((current - before.value) * 1000) / 10
      : Math.round((current - before.value) * 10) / 10;
  if (difference === 0) return { kind: 'same' };
  return {
    kind: 'moved',
    direction: difference > 0 ? 'up' : 'down',
    size: Math.abs(difference),
    better: unit === 'share' ? difference > 0 : difference < 0,
  };
}

/**
 * The change from one figure to another in words, with the comparison period named:
 * 'Up 2.1 points on June 2025 (better)', 'Down 1 working day on July 2024 (better)'.
 * Shares compare in percentage points; percentile turnarounds in working days, where down is
 * better. With `named: false` the period is left out (a table whose column heading names it):
 * 'Up 2.1 points (better)'.
 */
export function changeInWords(
  current: number | null,
  before: EarlierFigure,
  unit: FigureUnit,
  { named = true }: { named?: boolean } = {},
): string {
  const on = before.period.label;
  const change = changeOf(current, before, unit);
  switch (change.kind) {
    case 'no-figure':
      return named ? `No figure to compare with ${on}` : 'No figure to compare';
    case 'withheld':
      return named
        ? `Not shown for ${on}: fewer than 10 responses`
        : 'Earlier figure not shown: fewer than 10 responses';
    case 'no-data':
      return named ? `No data for ${on}` : 'No earlier figure';
    case 'same':
      return named ? `No change on ${on}` : 'No change';
    case 'moved': {
      const { size } = change;
      const amount =
        unit === 'share'
          ? `${oneDecimal.format(size)} ${size === 1 ? 'point' : 'points'}`
          : workingDays(size);
      const direction = change.direction === 'up' ? 'Up' : 'Down';
      return `${direction} ${amount}${named ? ` on ${on}` : ''} (${change.better ? 'better' : 'worse'})`;
    }
  }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** GOV.UK style: '6:05am on 21 August 2025' (London time). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  const time = timeFormat.format(date).replace(/\s/g, '').toLowerCase();
  return `${time} on ${dateFormat.format(date)}`;
}

/** `2025-07-21` -> '21 July 2025'. */
export function formatIsoDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
}
