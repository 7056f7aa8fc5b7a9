import type {
  BreakdownGroup,
  BreakdownResponse,
  DistributionResponse,
  Figure,
  ItemRecord,
  StandardKind,
  Status,
  ThresholdUnit,
  ValueUnit,
} from '@ipo/contracts';
import { CHANNEL_LABELS, CUSTOMER_GROUP_LABELS } from '@ipo/contracts';
import type { TableColumn } from '../../../components/charts/data-table';
import {
  betterWay,
  headingWithWay,
  LOWER_IS_BETTER,
} from '../../../components/charts/target-words';
import { displayNumber, formatValue, statusWords, unitHeading } from '../../../lib/format';

// The rows behind each chart. The chart, its table and its CSV all draw from these, so the three
// always show the same numbers.

const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'Yes' : 'No');

/**
 * What tables and CSV say for a withheld satisfaction figure (fewer than 10 responses, or hidden
 * to protect another small group): never its n, never 'null'.
 */
export const SUPPRESSED_WORDS = 'fewer than 10';

/** A figure's value in words, withheld ones included: '94.2%', 'No data', 'fewer than 10 responses'. */
export function figureValueText(
  figure: { value: number | null; suppressed: boolean },
  unit: ValueUnit,
): string {
  return figure.suppressed ? `${SUPPRESSED_WORDS} responses` : formatValue(figure.value, unit);
}

/** The status column: a withheld figure is 'Not shown' rather than 'No data'. */
const statusCell = (row: { status: Status; suppressed: boolean }) =>
  row.suppressed ? 'Not shown' : statusWords[row.status];

// --- Trend -------------------------------------------------------------------------------------

export interface TrendRow {
  id: string;
  period: string;
  value: number | null;
  target: number | null;
  status: Status;
  /** Null when suppressed. */
  n: number | null;
  /** A withheld satisfaction figure: 'fewer than 10' in the table, no point on the chart. */
  suppressed: boolean;
  lowVolume: boolean;
  lower: number | null;
  upper: number | null;
}

export function trendRows(points: readonly Figure[], unit: ValueUnit): TrendRow[] {
  return points.map((point) => ({
    id: point.period.id,
    period: point.period.label,
    value: point.value === null ? null : displayNumber(point.value, unit),
    target: point.target === null ? null : displayNumber(point.target, unit),
    status: point.status,
    n: point.suppressed ? null : point.n,
    suppressed: point.suppressed,
    lowVolume: point.lowVolume,
    lower: point.interval ? displayNumber(point.interval.lower, unit) : null,
    upper: point.interval ? displayNumber(point.interval.upper, unit) : null,
  }));
}

export function trendColumns(unit: ValueUnit): TableColumn<TrendRow>[] {
  const u = unitHeading(unit);
  const columns: TableColumn<TrendRow>[] = [
    { header: 'Period', value: (row) => row.period },
    {
      // Where fewer is better, the heading says so.
      header: headingWithWay('Value', unit),
      value: (row) => (row.suppressed ? SUPPRESSED_WORDS : row.value),
      numeric: true,
    },
    { header: `Target (${u})`, value: (row) => row.target, numeric: true },
    { header: 'Status', value: statusCell },
    {
      header: 'Number counted',
      value: (row) => (row.suppressed ? SUPPRESSED_WORDS : row.n),
      numeric: true,
    },
    { header: 'Low volume', value: (row) => yesNo(row.lowVolume) },
  ];
  if (unit === 'share') {
    columns.push(
      { header: '95% interval from (%)', value: (row) => row.lower, numeric: true },
      { header: '95% interval to (%)', value: (row) => row.upper, numeric: true },
    );
  }
  return columns;
}

export function trendSummary(points: readonly Figure[], unit: ValueUnit, scope: string): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return `No periods to show ${scope}.`;
  const withData = points.filter((point) => point.value !== null);
  const withheld = points.filter((point) => point.suppressed).length;
  const withheldText =
    withheld === 0
      ? ''
      : ` ${withheld} ${withheld === 1 ? 'period is' : 'periods are'} not shown: fewer than 10 responses.`;
  if (withData.length === 0)
    return `No data from ${first.period.label} to ${last.period.label} ${scope}.${withheldText}`;
  const values = withData.map((point) => point.value as number);
  const met = points.filter((point) => point.status === 'met').length;
  // Working days: fewer is better, said in words (the chart's axis is upright, as every other).
  const lower = betterWay(unit) === 'lower';
  const targetText =
    (last.target === null
      ? 'with no target in force'
      : `against a target of ${formatValue(last.target, unit)}${lower ? ' or fewer' : ''}`) +
    (lower ? `; ${LOWER_IS_BETTER}` : '');
  return (
    `${first.period.label} to ${last.period.label} ${scope}: the latest figure is ` +
    (last.suppressed
      ? `not shown (${SUPPRESSED_WORDS} responses) ${targetText}. `
      : `${formatValue(last.value, unit)} (${statusWords[last.status].toLowerCase()}) ${targetText}. `) +
    `The target was met in ${met} of ${points.length} periods; lowest ${formatValue(Math.min(...values), unit)}, ` +
    `highest ${formatValue(Math.max(...values), unit)}.${withheldText}`
  );
}

// --- Breakdown ---------------------------------------------------------------------------------

export interface BreakdownRow {
  key: string;
  group: string;
  /** Null when suppressed. */
  n: number | null;
  suppressed: boolean;
  value: number | null;
  status: Status;
  lowVolume: boolean;
  gap: number | null;
  flagged: boolean | null;
  reason: string;
}

export function breakdownRows(groups: readonly BreakdownGroup[], unit: ValueUnit): BreakdownRow[] {
  return groups.map((group) => ({
    key: group.key,
    group: group.label,
    n: group.suppressed ? null : group.n,
    suppressed: group.suppressed,
    value: group.value === null ? null : displayNumber(group.value, unit),
    status: group.status,
    lowVolume: group.lowVolume,
    gap: group.fairness?.gap == null ? null : Math.round(group.fairness.gap * 1000) / 10,
    flagged: group.fairness ? group.fairness.flagged : null,
    reason: group.fairness?.reason ?? '',
  }));
}

export function breakdownColumns(unit: ValueUnit): TableColumn<BreakdownRow>[] {
  return [
    { header: 'Group', value: (row) => row.group },
    {
      header: headingWithWay('Value', unit),
      value: (row) => (row.suppressed ? SUPPRESSED_WORDS : row.value),
      numeric: true,
    },
    { header: 'Status', value: statusCell },
    {
      header: 'Number counted',
      value: (row) => (row.suppressed ? SUPPRESSED_WORDS : row.n),
      numeric: true,
    },
    { header: 'Low volume', value: (row) => yesNo(row.lowVolume) },
    { header: 'Gap to other groups (points)', value: (row) => row.gap, numeric: true },
    { header: 'Fairness flag', value: (row) => yesNo(row.flagged) },
  ];
}

export function breakdownSummary(data: BreakdownResponse, dimension: string): string {
  const withData = data.groups.filter((group) => group.value !== null);
  const overall =
    `Overall ${figureValueText(data.overall, data.unit)} in ${data.period.label}` +
    (betterWay(data.unit) === 'lower' ? ` (${LOWER_IS_BETTER})` : '');
  const withheld = data.groups.filter((group) => group.suppressed).length;
  const withheldText =
    withheld === 0
      ? ''
      : ` ${withheld} ${withheld === 1 ? 'group is' : 'groups are'} not shown: fewer than 10 responses (or hidden to protect another small group).`;
  if (withData.length === 0) return `${overall}; no group has data.${withheldText}`;
  const better = (a: BreakdownGroup, b: BreakdownGroup) =>
    data.unit === 'share' ? (a.value ?? 0) - (b.value ?? 0) : (b.value ?? 0) - (a.value ?? 0);
  const sorted = [...withData].sort(better);
  const worst = sorted[0] as BreakdownGroup;
  const best = sorted[sorted.length - 1] as BreakdownGroup;
  const flagged = data.groups.filter((group) => group.fairness?.flagged).length;
  return (
    `${overall}, by ${dimension.toLowerCase()}: best ${best.label} at ${formatValue(best.value, data.unit)}, ` +
    `weakest ${worst.label} at ${formatValue(worst.value, data.unit)}. ` +
    (flagged === 0
      ? 'No group differs from the others enough to be flagged.'
      : `${flagged} ${flagged === 1 ? 'group is' : 'groups are'} flagged for a difference from the others that is unlikely to be chance.`) +
    withheldText
  );
}

// --- Distribution ------------------------------------------------------------------------------

export interface DistributionRow {
  key: string;
  band: string;
  count: number;
  within: number;
  beyond: number;
}

export function distributionRows(data: DistributionResponse): DistributionRow[] {
  return data.bins.map((bin) => ({
    key: bin.key,
    band: bin.label,
    count: bin.count,
    within: bin.withinThreshold,
    beyond: bin.count - bin.withinThreshold,
  }));
}

export const distributionUnitWords: Record<DistributionResponse['unit'], string> = {
  seconds: 'seconds',
  working_days: 'working days',
  calendar_months: 'calendar months',
  score: 'score',
  outcome: 'outcome',
};

export function distributionColumns(data: DistributionResponse): TableColumn<DistributionRow>[] {
  const band =
    data.unit === 'score'
      ? 'Score'
      : data.unit === 'outcome'
        ? 'Outcome'
        : `Time taken (${distributionUnitWords[data.unit]})`;
  return [
    { header: band, value: (row) => row.band },
    { header: 'Count', value: (row) => row.count, numeric: true },
    { header: 'Meeting the standard', value: (row) => row.within, numeric: true },
    { header: 'Not meeting the standard', value: (row) => row.beyond, numeric: true },
  ];
}

export function distributionSummary(data: DistributionResponse): string {
  if (data.suppressed || data.n === null) {
    return `Fewer than 10 responses with a score in ${data.period.label}, so the scores are not shown.`;
  }
  if (data.n === 0) return `No records in ${data.period.label}.`;
  const within = data.bins.reduce((sum, bin) => sum + bin.withinThreshold, 0);
  const share = Math.round((within / data.n) * 1000) / 10;
  const commonest = [...data.bins].sort((a, b) => b.count - a.count)[0];
  const threshold =
    data.threshold === null
      ? ''
      : ` (threshold ${data.threshold} ${distributionUnitWords[data.unit]})`;
  return (
    `${data.n} records in ${data.period.label}: ${within} (${share}%) met the standard${threshold}.` +
    (commonest ? ` The most common band is ${commonest.label}, with ${commonest.count}.` : '')
  );
}

// --- Backlog ageing ----------------------------------------------------------------------------

export interface AgeingRow {
  key: string;
  band: string;
  open: number;
  late: number;
}

const ageUnitWords: Record<ThresholdUnit, string> = {
  seconds: 'seconds',
  working_days: 'working days',
  calendar_days: 'calendar days',
  calendar_months: 'calendar months',
};

/**
 * Open items by age, in bands relative to the threshold: up to half of it, up to the threshold,
 * up to twice it, and older. Items past the threshold are already late (measurement.md 'Open
 * work').
 */
export function ageingRows(
  items: readonly ItemRecord[],
  threshold: number,
  unit: ThresholdUnit,
): AgeingRow[] {
  const half = Math.floor(threshold / 2);
  const words = ageUnitWords[unit];
  const bands = [
    { key: 'half', band: `0 to ${half} ${words}`, max: half },
    { key: 'within', band: `${half + 1} to ${threshold} ${words}`, max: threshold },
    { key: 'double', band: `${threshold + 1} to ${threshold * 2} ${words}`, max: threshold * 2 },
    { key: 'older', band: `Over ${threshold * 2} ${words}`, max: Number.POSITIVE_INFINITY },
  ].filter((band) => band.key !== 'half' || half >= 0);
  const rows = bands.map((band) => ({ key: band.key, band: band.band, open: 0, late: 0 }));
  for (const item of items) {
    if (item.kind !== 'work_item' || item.age === null) continue;
    const index = bands.findIndex((band) => (item.age as number) <= band.max);
    const row = rows[index];
    if (!row) continue;
    row.open += 1;
    if (item.late) row.late += 1;
  }
  return rows;
}

export const ageingColumns: TableColumn<AgeingRow>[] = [
  { header: 'Age', value: (row) => row.band },
  { header: 'Open items', value: (row) => row.open, numeric: true },
  { header: 'Already late', value: (row) => row.late, numeric: true },
];

// --- Records -----------------------------------------------------------------------------------

const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** `2025-07-01T08:14:00Z` -> '2025-07-01 09:14' (London time): sorts well in a spreadsheet. */
export function londonTimestamp(iso: string | null): string {
  if (!iso) return '';
  const parts = Object.fromEntries(
    londonDateTime.formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

type WorkItem = Extract<ItemRecord, { kind: 'work_item' }>;
type QualityCheck = Extract<ItemRecord, { kind: 'quality_check' }>;
type Feedback = Extract<ItemRecord, { kind: 'feedback' }>;

function only<K extends ItemRecord['kind'], R>(
  kind: K,
  read: (item: Extract<ItemRecord, { kind: K }>) => R,
) {
  return (item: ItemRecord) =>
    item.kind === kind ? read(item as Extract<ItemRecord, { kind: K }>) : null;
}

export function itemColumns(
  kind: StandardKind,
  thresholdUnit: ThresholdUnit | null,
): TableColumn<ItemRecord>[] {
  if (kind === 'accuracy') {
    const q = <R>(read: (item: QualityCheck) => R) => only('quality_check', read);
    return [
      { header: 'Reference', value: q((item) => item.sourceRef) },
      { header: 'Work type', value: q((item) => item.workType) },
      { header: 'Team', value: q((item) => item.team ?? '') },
      { header: 'Checked', value: q((item) => londonTimestamp(item.checkedAt)) },
      { header: 'Outcome', value: q((item) => (item.passed ? 'Passed' : 'Failed')) },
      { header: 'Error category', value: q((item) => item.errorCategory ?? '') },
    ];
  }
  if (kind === 'satisfaction') {
    const f = <R>(read: (item: Feedback) => R) => only('feedback', read);
    // Responses carry their date only: no time of day and no source reference is ever sent.
    return [
      { header: 'Submitted', value: f((item) => item.submittedDate) },
      { header: 'Team', value: f((item) => item.team ?? '') },
      { header: 'Channel', value: f((item) => CHANNEL_LABELS[item.channel]) },
      { header: 'Customer group', value: f((item) => CUSTOMER_GROUP_LABELS[item.customerGroup]) },
      { header: 'Score (1 to 5)', value: f((item) => item.score), numeric: true },
      { header: 'Type', value: f((item) => item.type) },
      { header: 'Comment', value: f((item) => item.comment ?? ''), wrap: true },
    ];
  }
  const w = <R>(read: (item: WorkItem) => R) => only('work_item', read);
  const columns: TableColumn<ItemRecord>[] = [
    { header: 'Reference', value: w((item) => item.sourceRef) },
    { header: 'Work type', value: w((item) => item.workType) },
    { header: 'Team', value: w((item) => item.team ?? '') },
    { header: 'Channel', value: w((item) => CHANNEL_LABELS[item.channel]) },
    { header: 'Customer group', value: w((item) => CUSTOMER_GROUP_LABELS[item.customerGroup]) },
    { header: 'Received', value: w((item) => londonTimestamp(item.receivedAt)) },
    { header: 'Completed', value: w((item) => londonTimestamp(item.completedAt)) },
  ];
  if (thresholdUnit === 'seconds') {
    columns.push({
      header: 'Seconds taken',
      value: w((item) => item.elapsedSeconds),
      numeric: true,
    });
  } else {
    columns.push({
      header: 'Working days taken',
      value: w((item) => item.elapsedWorkingDays),
      numeric: true,
    });
  }
  columns.push(
    {
      header: `Age if open (${thresholdUnit ? ageUnitWords[thresholdUnit] : 'days'})`,
      value: w((item) => item.age),
      numeric: true,
    },
    { header: 'Late', value: w((item) => yesNo(item.late)) },
  );
  return columns;
}
