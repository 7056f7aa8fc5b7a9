/**
 * The figures of the board's monthly report pack, gathered from the same functions the API's
 * routes answer with: the scorecard (GET /api/scorecard), the forecast of the quarter in progress
 * (GET /api/standards/:code/forecast), the feedback explorer's office-level summary and themes
 * (GET /api/feedback/summary and /themes, so every disclosure rule applies) and the 'you said,
 * we did' actions (GET /api/feedback/actions). Nothing here knows about requests: the route and
 * any scheduled sender call it alike.
 */
import type {
  Action,
  FeedbackSummary,
  FeedbackThemes,
  ForecastResponse,
  ScorecardResponse,
} from '@ipo/contracts';
import {
  type IsoDate,
  londonDate,
  MONTH_ID,
  type Period,
  parsePeriod,
  periodContaining,
} from '@ipo/domain';
import type { Database } from '../db/prisma.js';
import { withSnapshot } from '../db/snapshot.js';
import { listActions } from '../feedback/actions.js';
import { feedbackSummary, feedbackThemes } from '../feedback/explorer.js';
import { feedbackRange } from '../feedback/range.js';
import { loadStandards } from '../queries/standards.js';
import { forecastOf } from '../standards/forecast.js';
import { buildScorecard } from '../standards/scorecard.js';

/** What the report pack needs: the database, and the clock (default: now). */
export interface ReportDeps {
  db: Pick<Database, 'pool' | 'prisma'>;
  now?: Date | undefined;
}

export interface MonthlyReportData {
  period: Period;
  /** When the pack was made. */
  generatedAt: Date;
  scorecard: ScorecardResponse;
  /** The quarter in progress on the day the pack was made, per standard code. */
  forecasts: Map<string, ForecastResponse>;
  forecastPeriod: Period;
  satisfaction: FeedbackSummary;
  themes: FeedbackThemes;
  /** Actions completed within the month. */
  done: Action[];
  /** Actions not completed by the month's end (planned or in progress then). */
  open: Action[];
}

/**
 * The month a report pack is for: a month id such as '2026-10' that has ended by `today`
 * (London). A RangeError says why not, in words fit for a 400 naming `period`.
 */
export function reportMonth(id: string, today: IsoDate): Period {
  if (!MONTH_ID.test(id)) {
    throw new RangeError('the board report is monthly: give a month such as 2026-10');
  }
  // Earlier months are typing mistakes (and their 12 months of trend would leave the calendar).
  if (id < '2000-01') throw new RangeError('must be a month from 2000-01');
  const period = parsePeriod(id, 'month');
  if (period.end >= today) {
    throw new RangeError(
      `${period.label} has not ended yet: the board report covers a whole month`,
    );
  }
  return period;
}

/** 'ipo-service-standards-2026-10.pdf'. */
export function reportFileName(period: Period): string {
  return `ipo-service-standards-${period.id}.pdf`;
}

/** Done within the month, or still open at its end; each list in the actions' own order. */
export function actionsOfMonth(actions: readonly Action[], period: Period) {
  const done = actions.filter(
    (a) =>
      a.status === 'done' &&
      a.completedOn !== null &&
      a.completedOn >= period.start &&
      a.completedOn <= period.end,
  );
  // Open at the month's end: not done then (done later, or not yet), and started by then or
  // planned with no start date.
  const open = actions.filter(
    (a) =>
      (a.status !== 'done' || (a.completedOn !== null && a.completedOn > period.end)) &&
      (a.startedOn === null || a.startedOn <= period.end),
  );
  return { done, open };
}

export async function gatherMonthlyReport(
  deps: ReportDeps,
  period: Period,
): Promise<MonthlyReportData> {
  const now = deps.now ?? new Date();
  const today = londonDate(now);
  const ranges = feedbackRange({ period: period.id }, today);
  // Every figure from one snapshot: a pack never mixes rows from before and after an import.
  const figures = await withSnapshot(deps.db.pool, async (client) => {
    const scorecard = await buildScorecard(client, { period, now, today });
    const forecasts = new Map<string, ForecastResponse>();
    for (const standard of await loadStandards(client)) {
      forecasts.set(standard.code, await forecastOf(client, standard, 'quarter', today));
    }
    const satisfaction = await feedbackSummary(client, ranges, {});
    const themes = await feedbackThemes(client, ranges, {});
    return { scorecard, forecasts, satisfaction, themes };
  });
  const { done, open } = actionsOfMonth(await listActions(deps.db.prisma, {}), period);
  return {
    period,
    generatedAt: now,
    ...figures,
    forecastPeriod: periodContaining(today, 'quarter'),
    done,
    open,
  };
}
