/**
 * The scorecard for one team's work (GET /api/scorecard?team=): each standard's figures by the
 * paths the series endpoint takes with `team` (standards/series.ts), so a team's month on the
 * scorecard is that month of its series:
 * - work items and quality checks: month buckets with the team filter (bucketTallies: the
 *   work_item_day_group rollup for shares; the raw rows, a histogram per month, for percentiles;
 *   the quality_check rows);
 * - satisfaction: the team's cells of the protected feedback cubes (decision 7), each period the
 *   sum of its months and withheld when any month is.
 */
import type { Figure, ScorecardTeam } from '@ipo/contracts';
import { type IsoDate, type Period, periodContaining, periodsBetween } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { coordinatesOf, FeedbackCubes, M } from '../feedback/disclosure.js';
import { bucketTallies } from '../queries/buckets.js';
import { serviceByCode, teamById } from '../queries/feedback-explorer.js';
import type { StandardDef } from '../queries/standards.js';
import { figureOf, tallyBetween } from './figures.js';
import { satisfactionFigure } from './satisfaction.js';

export interface TeamStandardFigures {
  figure: (p: Period) => Figure;
  /** Any item, check or response of the team between the window's first and last day. */
  hasWork: boolean;
}

export class TeamFigures {
  private cubes: FeedbackCubes | null = null;

  constructor(
    private readonly db: Queryable,
    readonly team: ScorecardTeam,
    /** The scorecard's window: the first sparkline period (or earlier) to the period's end. */
    private readonly from: IsoDate,
    private readonly to: IsoDate,
  ) {}

  /** One query after another: `db` may be a single client holding one snapshot. */
  async of(standard: StandardDef): Promise<TeamStandardFigures> {
    if (standard.measure === 'satisfied_share') return this.satisfaction(standard);
    const percentile = standard.measure === 'percentile_turnaround';
    const buckets = await bucketTallies(this.db, {
      standard,
      bucket: 'month',
      from: this.from,
      to: this.to,
      filters: { team: this.team.id },
    });
    return {
      figure: (p) => figureOf(standard, p, tallyBetween(buckets, p.start, p.end, percentile)),
      hasWork: [...buckets.values()].some((t) => t.n > 0),
    };
  }

  private async satisfaction(standard: StandardDef): Promise<TeamStandardFigures> {
    this.cubes ??= await FeedbackCubes.load(
      this.db,
      periodsBetween(periodContaining(this.from, 'month'), periodContaining(this.to, 'month')),
    );
    const cubes = this.cubes;
    const at = coordinatesOf(cubes.tree, { team: this.team.id });
    return {
      figure: (p) =>
        satisfactionFigure(
          standard,
          p,
          cubes.figure(at, { months: cubes.months.filter((id) => monthIn(id, p)) }),
        ),
      hasWork: (cubes.figure(at).values[M.responses] as number) > 0,
    };
  }
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
