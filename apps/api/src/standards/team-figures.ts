/**
 * The scorecard for one team's work (GET /api/scorecard?team=): each standard's figures by the
 * paths the series endpoint takes with `team` (standards/series.ts), so a team's month on the
 * scorecard is that month of its series:
 * - work items and quality checks: month buckets with the team filter (bucketTalliesOf: the
 *   monthly team rollups work_item_month_team_turnaround, a histogram, so percentiles too, and
 *   quality_check_month_team), one query per source for every standard;
 * - satisfaction: the team's cells of the protected feedback cubes (decision 7), each period the
 *   sum of its months and withheld when any month is.
 */
import type { Figure, ScorecardTeam } from '@ipo/contracts';
import { type IsoDate, type Period, periodContaining, periodsBetween, sourceOf } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { coordinatesOf, FeedbackCubes, M } from '../feedback/disclosure.js';
import { bucketTalliesOf } from '../queries/buckets.js';
import { serviceByCode, teamById } from '../queries/feedback-explorer.js';
import type { StandardDef } from '../queries/standards.js';
import { figureOf, tallyBetween } from './figures.js';
import { satisfactionFigure } from './satisfaction.js';

export interface TeamStandardFigures {
  figure: (p: Period) => Figure;
  /** Any item, check or response of the team between the window's first and last day. */
  hasWork: boolean;
}

/**
 * Every standard's figures for one team over the scorecard's window (the first sparkline period,
 * or earlier, to the period's end), keyed by standard code. One query after another: `db` may
 * be a single client holding one snapshot.
 */
export async function teamFigures(
  db: Queryable,
  team: ScorecardTeam,
  standards: readonly StandardDef[],
  from: IsoDate,
  to: IsoDate,
): Promise<Map<string, TeamStandardFigures>> {
  const out = new Map<string, TeamStandardFigures>();
  const counted = standards.filter((s) => sourceOf(s) !== 'feedback');
  const tallies = await bucketTalliesOf(db, counted, {
    bucket: 'month',
    from,
    to,
    filters: { team: team.id },
  });
  for (const standard of counted) {
    const percentile = standard.measure === 'percentile_turnaround';
    const buckets = tallies.get(standard.code) ?? new Map();
    out.set(standard.code, {
      figure: (p) => figureOf(standard, p, tallyBetween(buckets, p.start, p.end, percentile)),
      hasWork: [...buckets.values()].some((t) => t.n > 0),
    });
  }
  const satisfaction = standards.filter((s) => sourceOf(s) === 'feedback');
  if (satisfaction.length) {
    const cubes = await FeedbackCubes.load(
      db,
      periodsBetween(periodContaining(from, 'month'), periodContaining(to, 'month')),
    );
    const at = coordinatesOf(cubes.tree, { team: team.id });
    for (const standard of satisfaction) {
      out.set(standard.code, {
        figure: (p) =>
          satisfactionFigure(
            standard,
            p,
            cubes.figure(at, { months: cubes.months.filter((id) => monthIn(id, p)) }),
          ),
        hasWork: (cubes.figure(at).values[M.responses] as number) > 0,
      });
    }
  }
  return out;
}

/** Whether the month `id` (2025-07) starts within the period (scorecard periods are whole months). */
function monthIn(id: string, p: Period): boolean {
  const start = `${id}-01`;
  return start >= p.start && start <= p.end;
}

/** The team with its service, or null when there is no team with that id. */
export async function scorecardTeam(db: Queryable, id: number): Promise<ScorecardTeam | null> {
  const row = await teamById(db, id);
  if (!row) return null;
  const service = (await serviceByCode(db, row.service_code)) ?? {
    code: row.service_code,
    name: row.service_code,
  };
  return { id: row.id, name: row.name, service };
}
