import type { Figure, ScorecardEntry, ScorecardResponse, ScorecardTeam } from '@ipo/contracts';
import {
  financialYearToDate,
  type IsoDate,
  lastNPeriods,
  latestCompletePeriod,
  openItemAge,
  type Period,
  previousPeriod,
  samePeriodLastYear,
  sourceOf,
  suppress,
  type Tally,
  targetInForce,
  unitOf,
} from '@ipo/domain';
import { currentRules, type Queryable } from '../derive/rules.js';
import { type OpenItems, openItems } from '../queries/backlog.js';
import { bucketTalliesOf } from '../queries/buckets.js';
import { type FreshnessRow, loadFreshness } from '../queries/standard-freshness.js';
import { loadStandards, type StandardDef } from '../queries/standards.js';
import { figureOf, periodDto, tallyBetween, targetDto } from './figures.js';
import { teamFigures } from './team-figures.js';

export interface ScorecardOptions {
  period: Period | null;
  now: Date;
  today: IsoDate;
  /** One team's work only (standards/team-figures.ts); absent: the whole office. */
  team?: ScorecardTeam | undefined;
}

/** GET /api/scorecard: every standard for a period, with its context figures. */
export async function buildScorecard(
  db: Queryable,
  options: ScorecardOptions,
): Promise<ScorecardResponse> {
  const period = options.period ?? latestCompletePeriod(options.today, 'month');
  const sparkline = lastNPeriods(period, 12);
  const previous = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);
  const ytd = financialYearToDate(period);
  const ytdPeriod: Period = {
    id: period.id,
    granularity: 'year',
    start: ytd.start,
    end: ytd.end,
    label: `Financial year to date (${ytd.start} to ${ytd.end})`,
  };
  const from =
    [sparkline[0]?.start ?? period.start, lastYear.start, ytd.start].sort()[0] ?? period.start;
  const to = period.end;

  // One query after another: callers pass a single client holding one snapshot. Each source's
  // figures for every standard come from one query (bucketTalliesOf), the backlog from another.
  const standards = await loadStandards(db);
  const { sources: freshness, recalculating } = await loadFreshness(db);
  const rules = await currentRules(db);
  const team = options.team;
  const open = await openItems(db, backlogWorkTypes(standards), options.now, team?.id);
  const byTeam = team ? await teamFigures(db, team, standards, from, to) : null;
  const office = byTeam
    ? null
    : await bucketTalliesOf(db, standards, { bucket: 'month', from, to });

  const entries: ScorecardEntry[] = [];
  for (const standard of standards) {
    const ofTeam = byTeam?.get(standard.code) ?? null;
    const figure =
      ofTeam?.figure ??
      scorecardFigure(standard, office?.get(standard.code) ?? new Map<string, Tally>());
    const current = figure(period);
    const backlog = backlogOf(standard, open, rules, options.now);
    const version = targetInForce(standard.targets, period.start);
    entries.push({
      code: standard.code,
      title: standard.title,
      kind: standard.kind,
      measure: standard.measure,
      service: standard.service,
      unit: unitOf(standard),
      threshold: standard.threshold,
      percentile: standard.percentile,
      minimumSample: standard.minimumSample,
      value: current.value,
      n: current.n,
      suppressed: current.suppressed,
      successes: current.successes,
      interval: current.interval,
      target: version ? targetDto(version) : null,
      status: current.status,
      lowVolume: current.lowVolume,
      previous: figure(previous),
      lastYear: figure(lastYear),
      yearToDate: {
        ...figure(ytdPeriod),
        period: { ...periodDto(ytdPeriod), id: ytdIdOf(ytd.start) },
      },
      backlog: backlog?.open ?? null,
      backlogLate: backlog?.late ?? null,
      sparkline: sparkline.map(figure),
      dataAsOf: dataAsOf(standard, freshness),
      // Listed all the same, with empty figures, so the team sees which standards are not theirs.
      ...(ofTeam ? { noWorkForTeam: !ofTeam.hasWork && !(backlog && backlog.open > 0) } : {}),
    });
  }

  const count = (s: string) => entries.filter((e) => e.status === s).length;
  const latest = entries
    .map((e) => e.dataAsOf)
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return {
    period: periodDto(period),
    ...(team ? { team } : {}),
    generatedAt: options.now.toISOString(),
    dataAsOf: latest ?? null,
    summary: {
      met: count('met'),
      near: count('near'),
      missed: count('missed'),
      noData: count('no_data'),
      total: entries.length,
      ...(team ? { noWorkForTeam: entries.filter((e) => e.noWorkForTeam).length } : {}),
    },
    recalculating,
    standards: entries,
  };
}

/**
 * A period's figure as the scorecard shows it, from the standard's monthly buckets. The target
 * preview (admin) judges periods with this too, so it says what the scorecard will show.
 */
export function scorecardFigure(
  standard: StandardDef,
  buckets: ReadonlyMap<string, Tally>,
): (p: Period) => Figure {
  const percentile = standard.measure === 'percentile_turnaround';
  // Satisfaction over several months is shown only when each month is (decision 7): a month of
  // 1-9 responses must not follow from a quarter minus its other months.
  const hidden = (p: Period) =>
    standard.measure === 'satisfied_share' &&
    [...buckets].some(
      ([start, t]) => start >= p.start && start <= p.end && t.n > 0 && suppress(t.n),
    );
  return (p: Period) =>
    figureOf(standard, p, tallyBetween(buckets, p.start, p.end, percentile), {
      hidden: hidden(p),
    });
}

function ytdIdOf(start: IsoDate): string {
  const y = Number(start.slice(0, 4));
  return `${y}-${String((y + 1) % 100).padStart(2, '0')}`;
}

function dataAsOf(standard: StandardDef, freshness: readonly FreshnessRow[]): string | null {
  const source = sourceOf(standard);
  const times = freshness
    .filter(
      (f) =>
        f.kind === source && (source === 'feedback' || standard.workTypes.includes(f.workType)),
    )
    .map((f) => f.lastChangedAt.getTime());
  return times.length ? new Date(Math.max(...times)).toISOString() : null;
}

/** The work types of timeliness standards, with their second-based thresholds where they have one. */
function backlogWorkTypes(standards: readonly StandardDef[]) {
  return standards
    .filter((s) => sourceOf(s) === 'work_items' && s.threshold)
    .flatMap((s) =>
      s.workTypes.map((workType) => ({
        workType,
        lateAfterSeconds: s.threshold?.unit === 'seconds' ? s.threshold.value : null,
      })),
    );
}

/**
 * Open items now, and how many are already older than the threshold (measurement.md 'Open
 * work'), from the open items of every standard fetched once: by their day of receipt for
 * thresholds in days and months, counted by the query for second-based thresholds.
 */
export function backlogOf(
  standard: StandardDef,
  open: OpenItems,
  rules: Awaited<ReturnType<typeof currentRules>>,
  now: Date,
): { open: number; late: number } | null {
  if (sourceOf(standard) !== 'work_items' || !standard.threshold) return null;
  const threshold = standard.threshold;
  const calendar = rules.calendar(standard.division);
  let total = 0;
  let late = 0;
  for (const g of open.byDay) {
    if (!standard.workTypes.includes(g.workType)) continue;
    total += g.n;
    if (threshold.unit === 'seconds') continue;
    // For these units lateness depends on the London date of receipt alone. Noon UTC falls on
    // the same London date all year; an item received today or later counts as received now.
    const noon = new Date(`${g.receivedDate}T12:00:00Z`);
    const receivedAt = noon.getTime() > now.getTime() ? now : noon;
    if (openItemAge(receivedAt, now, threshold, calendar).late) late += g.n;
  }
  if (threshold.unit === 'seconds') {
    for (const workType of standard.workTypes) late += open.olderThanSeconds.get(workType) ?? 0;
  }
  return { open: total, late };
}
