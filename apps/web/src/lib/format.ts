import type { Figure, Status, ValueUnit } from '@ipo/contracts';

// How figures are written on screen. Values come from the API as shares (0 to 1) or working days
// (percentile measures), see packages/contracts/src/scorecard.ts `ValueUnitSchema`.

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export const statusWords: Record<Status, string> = {
  met: 'Met',
  near: 'Near target',
  missed: 'Missed',
  no_data: 'No data',
};

/** The number as shown in tables and CSV: a percentage to 1 decimal place, or working days. */
export function displayNumber(value: number, unit: ValueUnit): number {
  const scaled = unit === 'share' ? value * 100 : value;
  return Math.round(scaled * 10) / 10;
}

export function formatCount(n: number): string {
  return wholeNumber.format(n);
}

export function formatNumber(n: number): string {
  return oneDecimal.format(n);
}

function workingDays(n: number): string {
  return `${oneDecimal.format(n)} working ${n === 1 ? 'day' : 'days'}`;
}

/**
 * A figure's value, withheld ones included: 'Fewer than 10 responses' for a suppressed
 * satisfaction figure (which has neither value nor n), else as formatValue.
 */
export function formatFigure(
  figure: { value: number | null; suppressed: boolean },
  unit: ValueUnit,
): string {
  return figure.suppressed ? 'Fewer than 10 responses' : formatValue(figure.value, unit);
}

/** 0.942 -> '94.2%'; 8 working days -> '8 working days'; null -> 'No data'. */
export function formatValue(value: number | null, unit: ValueUnit): string {
  if (value === null) return 'No data';
  return unit === 'share' ? `${oneDecimal.format(value * 100)}%` : workingDays(value);
}

/** The unit of the numbers in a table column heading: '%' or 'working days'. */
export function unitHeading(unit: ValueUnit): string {
  return unit === 'share' ? '%' : 'working days';
}

/** The target's figure alone: '90%' or 'at most 10 working days'; 'No target in force'. */
export function formatTargetValue(target: number | null, unit: ValueUnit): string {
  if (target === null) return 'No target in force';
  return unit === 'share' ? formatValue(target, unit) : `at most ${formatValue(target, unit)}`;
}

/** 'target 90%' or 'target at most 10 working days'. */
export function formatTarget(target: number | null, unit: ValueUnit): string {
  if (target === null) return 'no target in force';
  return `target ${formatTargetValue(target, unit)}`;
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

export function changeOf(current: number | null, before: Figure, unit: ValueUnit): Change {
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
  before: Figure,
  unit: ValueUnit,
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
