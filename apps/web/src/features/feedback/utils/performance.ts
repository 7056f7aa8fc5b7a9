import type { FeedbackPerformance, ShareCell } from '@ipo/contracts';
import { MONTH_NAMES } from '@ipo/contracts';

const two = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const months = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;

/** '2025-11' -> 'November 2025'. */
export function monthName(id: string): string {
  const [year, month] = id.split('-').map(Number);
  return `${MONTH_NAMES[(month ?? 1) - 1]} ${year}`;
}

/**
 * Pearson's r between monthly satisfaction and the monthly share on time, in words that state
 * an association and never a cause: how many months were shown, how many had both figures (a
 * month whose satisfaction is withheld has none), the direction, and the caution.
 */
export function correlationSentence(r: number | null, pairs: number, shown: number): string {
  if (r === null) {
    return pairs < 3
      ? `There are too few months with both figures to compare them: ${months(pairs)} of ${shown}, and at least 3 are needed (a month needs 10 or more responses with a score).`
      : `Over these ${months(shown)}, satisfaction or the share of work on time did not change, so the two cannot be compared.`;
  }
  const figures = `correlation ${two.format(r).replace('-', '−')}, ${months(pairs)} with both figures`;
  const a = Math.abs(r);
  const link =
    a < 0.1
      ? 'satisfaction did not rise or fall with the share of work done on time'
      : r > 0
        ? `months with more work on time ${a < 0.3 ? 'had slightly' : 'also had'} higher satisfaction`
        : `months with more work on time ${a < 0.3 ? 'had slightly' : 'had'} lower satisfaction`;
  return `Over these ${months(shown)}, ${link} (${figures}). This does not show that one causes the other.`;
}

export interface PerformanceRow {
  month: string;
  label: string;
  satisfied: ShareCell;
  /** Satisfied share in per cent, null when withheld or without responses. */
  satisfiedPct: number | null;
  /** Share on time in per cent; null without completed items. */
  onTimePct: number | null;
  /** Items completed in the month. */
  onTimeN: number;
}

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** One row per month: satisfaction beside one standard's share on time, each with its n. */
export function performanceRows(
  performance: FeedbackPerformance,
  standard: FeedbackPerformance['standards'][number],
): PerformanceRow[] {
  return performance.months.map((m, i) => {
    const onTime = standard.onTime[i];
    return {
      month: m.month,
      label: monthName(m.month),
      satisfied: m.satisfied,
      satisfiedPct: m.satisfied.suppressed ? null : pct(m.satisfied.value),
      onTimePct: pct(onTime?.value ?? null),
      onTimeN: onTime?.n ?? 0,
    };
  });
}
