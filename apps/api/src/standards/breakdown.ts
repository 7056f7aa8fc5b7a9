/** GET /api/standards/:code/breakdown: by team, channel or customer group, with fairness. */
import {
  type BreakdownDimension,
  type BreakdownResponse,
  CHANNEL_LABELS,
  CUSTOMER_GROUP_LABELS,
} from '@ipo/contracts';
import {
  addTo,
  emptyTally,
  fairnessFlag,
  isLowVolume,
  type Period,
  sourceOf,
  statusOf,
  suppress,
  type Tally,
  targetInForce,
  unitOf,
  wilsonInterval,
} from '@ipo/domain';
import { inTurn } from '../db/queryable.js';
import type { Queryable } from '../derive/rules.js';
import {
  CHANNELS,
  type Figure as CubeFigure,
  coordinatesOf,
  FeedbackCubes,
  GROUPS,
  M,
} from '../feedback/disclosure.js';
import { HttpError } from '../plugins/errors.js';
import { breakdownTallies, teamNames } from '../queries/breakdown.js';
import type { StandardDef } from '../queries/standards.js';
import { figureOf, measuredValue, periodDto } from './figures.js';
import { monthsCovering } from './satisfaction.js';

const DIMENSION_LABELS: Record<string, string> = {
  ...CHANNEL_LABELS,
  ...CUSTOMER_GROUP_LABELS,
  '0': 'No team recorded',
};

export async function breakdown(
  db: Queryable,
  standard: StandardDef,
  by: BreakdownDimension,
  period: Period,
): Promise<BreakdownResponse> {
  if (sourceOf(standard) === 'quality_checks' && by !== 'team') {
    throw new HttpError(400, `by: quality checks can only be broken down by team`, [
      { field: 'by', message: `${standard.code} can only be broken down by team` },
    ]);
  }
  const satisfaction = standard.measure === 'satisfied_share';
  const [groups, teams, hiddenKeys] = await inTurn(
    () =>
      satisfaction
        ? Promise.resolve(new Map<string, Tally>())
        : breakdownTallies(db, standard, by, period.start, period.end),
    () => (by === 'team' ? teamNames(db) : Promise.resolve(new Map<string, string>())),
    () => Promise.resolve(satisfaction ? new Set<string>() : null),
  );
  const percentile = standard.measure === 'percentile_turnaround';
  const overall = emptyTally(percentile);
  for (const t of groups.values()) addTo(overall, t);
  let overallHidden = false;
  if (satisfaction && hiddenKeys) {
    // The groups are cells of the protected feedback cube: hidden ones stay hidden, and any
    // other group hidden with them keeps the rest from revealing them by subtraction.
    const cubes = await FeedbackCubes.load(db, monthsCovering([period]));
    const root = cubes.figure(coordinatesOf(cubes.tree, {}));
    overallHidden = root.hidden;
    addTo(overall, {
      n: root.values[M.scored] as number,
      successes: root.values[M.satisfied] as number,
      histogram: null,
    });
    const put = (key: string, f: CubeFigure) => {
      if ((f.values[M.responses] as number) === 0) return;
      groups.set(key, {
        n: f.values[M.scored] as number,
        successes: f.values[M.satisfied] as number,
        histogram: null,
      });
      if (f.hidden || suppress(f.values[M.scored] as number)) hiddenKeys.add(key);
    };
    const base = { org: 0, channel: 0, group: 0, type: 0 };
    if (by === 'team') {
      for (const [id, node] of cubes.tree.team)
        put(String(id), cubes.figure({ ...base, org: node }));
      // Responses with no team, in every service, as one group: shown only if each part is.
      const parts = [...cubes.tree.noTeam.values()].map((node) =>
        cubes.figure({ ...base, org: node }),
      );
      put('0', {
        hidden: parts.some((f) => f.hidden && (f.values[M.responses] as number) > 0),
        values: root.values.map((_, m) => parts.reduce((a, f) => a + (f.values[m] as number), 0)),
      });
    } else if (by === 'channel') {
      CHANNELS.forEach((c, i) => {
        put(c, cubes.figure({ ...base, channel: i + 1 }));
      });
    } else {
      GROUPS.forEach((g, i) => {
        put(g, cubes.figure({ ...base, group: i + 1 }));
      });
    }
  }
  const version = targetInForce(standard.targets, period.start);
  const label = (key: string) =>
    by === 'team'
      ? (teams.get(key) ?? DIMENSION_LABELS[key] ?? `Team ${key}`)
      : (DIMENSION_LABELS[key] ?? key);
  const out = [...groups.entries()].map(([key, t]) => {
    if (hiddenKeys?.has(key)) {
      return {
        key,
        label: label(key),
        n: null,
        suppressed: true,
        successes: null,
        value: null,
        interval: null,
        status: 'no_data' as const,
        lowVolume: false,
        fairness: null,
      };
    }
    const value = measuredValue(standard, t);
    const rest: Tally = {
      n: overall.n - t.n,
      successes: overall.successes - t.successes,
      histogram: null,
    };
    // Groups are compared on the share meeting the standard (for percentile measures: the share
    // within the threshold), each against all the others (measurement.md 'Fairness').
    // Everyone else is the overall minus the group: not compared when the overall is hidden (the
    // cube keeps hidden groups together at 10 or more, so a shown rest is never a small group).
    const fairness =
      t.n > 0 && rest.n > 0 && !overallHidden
        ? fairnessFlag({
            groupSuccesses: t.successes,
            groupN: t.n,
            restSuccesses: rest.successes,
            restN: rest.n,
          })
        : null;
    return {
      key,
      label: label(key),
      n: t.n,
      suppressed: false,
      successes: t.successes,
      value,
      interval: unitOf(standard) === 'share' ? wilsonInterval(t.successes, t.n) : null,
      status: version
        ? statusOf({
            measure: standard.measure,
            value,
            n: t.n,
            target: version.target,
            tolerance: version.tolerance,
          })
        : ('no_data' as const),
      lowVolume: isLowVolume(t.n, standard.minimumSample),
      fairness,
    };
  });
  out.sort((a, b) => a.label.localeCompare(b.label));
  return {
    code: standard.code,
    period: periodDto(period),
    by,
    unit: unitOf(standard),
    target: version?.target ?? null,
    overall: figureOf(standard, period, overall, { hidden: overallHidden }),
    groups: out,
  };
}
