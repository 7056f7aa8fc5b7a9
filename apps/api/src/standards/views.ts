import type {
  BreakdownDimension,
  BreakdownResponse,
  Channel,
  CustomerGroup,
  DistributionResponse,
  FeedbackType,
  Filters,
  ForecastResponse,
  ItemRecord,
  ItemsResponse,
  SeriesResponse,
  StandardDetailResponse,
} from '@ipo/contracts';
import {
  addDays,
  fairnessFlag,
  forecastPeriod,
  forecastSentence,
  type Granularity,
  type IsoDate,
  isLowVolume,
  openItemAge,
  type Period,
  periodContaining,
  periodsBetween,
  statusOf,
  suppress,
  targetInForce,
  wilsonInterval,
} from '@ipo/domain';
import { currentRules, type Queryable } from '../derive/rules.js';
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
import { bucketTallies } from '../queries/buckets.js';
import * as distribution from '../queries/distribution.js';
import {
  type Cursor,
  encodeCursor,
  feedbackPage,
  qualityChecksPage,
  workItemsPage,
} from '../queries/items.js';
import { figureOf, measuredValue, periodDto, tallyBetween, targetDto } from './figures.js';
import { loadStandards, type StandardDef, sourceOf, unitOf } from './standards.js';
import { addTo, emptyTally, type Tally } from './tally.js';

export async function findStandard(db: Queryable, code: string): Promise<StandardDef> {
  const standard = (await loadStandards(db)).find((s) => s.code === code);
  if (!standard) throw new HttpError(404, `No standard with code ${JSON.stringify(code)}`);
  return standard;
}

/**
 * Channel and customer group do not apply to quality checks (they have neither). Satisfaction
 * takes one of them at a time, beside a team (decision 7: feedback tables of two dimensions).
 */
export function checkFilters(standard: StandardDef, filters: Filters): void {
  if (
    standard.measure === 'satisfied_share' &&
    filters.channel !== undefined &&
    filters.customerGroup !== undefined
  ) {
    const message =
      'satisfaction takes a channel or a customer group, not both (small groups stay protected)';
    throw new HttpError(400, `customerGroup: ${message}`, [{ field: 'customerGroup', message }]);
  }
  if (sourceOf(standard) !== 'quality_checks') return;
  for (const field of ['channel', 'customerGroup'] as const) {
    if (filters[field] !== undefined) {
      throw new HttpError(
        400,
        `${field}: quality checks have no ${field === 'channel' ? 'channel' : 'customer group'}`,
        [{ field, message: `does not apply to ${standard.code} (quality checks)` }],
      );
    }
  }
}

export async function standardDetail(
  db: Queryable,
  standard: StandardDef,
  today: IsoDate,
): Promise<StandardDetailResponse> {
  const source = sourceOf(standard);
  const [teams, range] = await Promise.all([
    db.query<{ id: number; name: string; service_code: string }>(
      standard.service
        ? 'SELECT id, name, service_code FROM team WHERE service_code = $1 ORDER BY name'
        : 'SELECT id, name, service_code FROM team ORDER BY service_code, name',
      standard.service ? [standard.service.code] : [],
    ),
    source === 'work_items'
      ? db.query<{ first: string | null; last: string | null }>(
          'SELECT min(day) AS first, max(day) AS last FROM work_item_day_turnaround WHERE work_type_code = ANY($1)',
          [standard.workTypes],
        )
      : source === 'quality_checks'
        ? db.query<{ first: string | null; last: string | null }>(
            'SELECT min(day) AS first, max(day) AS last FROM quality_check_day WHERE work_type_code = ANY($1)',
            [standard.workTypes],
          )
        : db.query<{ first: string | null; last: string | null }>(
            'SELECT min(day) AS first, max(day) AS last FROM feedback_day',
          ),
  ]);
  const version = targetInForce(standard.targets, today);
  return {
    code: standard.code,
    title: standard.title,
    description: standard.description,
    kind: standard.kind,
    measure: standard.measure,
    unit: unitOf(standard),
    service: standard.service,
    threshold: standard.threshold,
    percentile: standard.percentile,
    minimumSample: standard.minimumSample,
    target: version ? targetDto(version) : null,
    targets: standard.targets.map((t) => ({ ...targetDto(t), changedBy: t.changedBy })),
    teams: teams.rows.map((t) => ({ id: t.id, name: t.name, service: t.service_code })),
    dataFrom: range.rows[0]?.first ?? null,
    dataTo: range.rows[0]?.last ?? null,
  };
}

export async function series(
  db: Queryable,
  standard: StandardDef,
  granularity: Granularity,
  first: Period,
  last: Period,
  filters: Filters,
): Promise<SeriesResponse> {
  const periods = periodsBetween(first, last);
  if (standard.measure === 'satisfied_share') {
    return satisfactionSeries(db, standard, granularity, periods, filters);
  }
  const percentile = standard.measure === 'percentile_turnaround';
  // Weeks are their own buckets; months, quarters and years are unions of months.
  const buckets = await bucketTallies(db, {
    standard,
    bucket: granularity === 'week' ? 'week' : 'month',
    from: first.start,
    to: last.end,
    filters,
  });
  return {
    code: standard.code,
    granularity,
    unit: unitOf(standard),
    filters,
    points: periods.map((p) =>
      figureOf(standard, p, tallyBetween(buckets, p.start, p.end, percentile)),
    ),
  };
}

/**
 * Satisfaction over time from the protected feedback cubes (feedback/disclosure.ts): whole months
 * only, each period the sum of its months and withheld when any month is.
 */
async function satisfactionSeries(
  db: Queryable,
  standard: StandardDef,
  granularity: Granularity,
  periods: Period[],
  filters: Filters,
): Promise<SeriesResponse> {
  if (granularity === 'week') {
    throw new HttpError(400, 'granularity: satisfaction is reported by month, quarter or year', [
      {
        field: 'granularity',
        message: 'satisfaction figures cover whole months: use month, quarter or year',
      },
    ]);
  }
  const months = monthsCovering(periods);
  const cubes = await FeedbackCubes.load(db, months);
  const at = coordinatesOf(cubes.tree, filters);
  return {
    code: standard.code,
    granularity,
    unit: unitOf(standard),
    filters,
    points: periods.map((p) => {
      const ids = months.filter((m) => m.start >= p.start && m.end <= p.end).map((m) => m.id);
      return satisfactionFigure(standard, p, cubes.figure(at, { months: ids }));
    }),
  };
}

function monthsCovering(periods: Period[]): Period[] {
  const first = periods[0];
  const last = periods[periods.length - 1];
  if (!first || !last) return [];
  return periodsBetween(
    periodContaining(first.start, 'month'),
    periodContaining(last.end, 'month'),
  );
}

/** A satisfaction figure: n is the responses with a score, successes those scoring 4 or 5. */
function satisfactionFigure(standard: StandardDef, period: Period, f: CubeFigure) {
  const tally: Tally = {
    n: f.values[M.scored] as number,
    successes: f.values[M.satisfied] as number,
    histogram: null,
  };
  return figureOf(standard, period, tally, { hidden: f.hidden });
}

const DIMENSION_LABELS: Record<string, string> = {
  phone: 'Phone',
  email: 'Email',
  post: 'Post',
  online: 'Online',
  individual: 'Individuals',
  small_business: 'Small businesses',
  large_business: 'Large businesses',
  attorney: 'Attorneys and agents',
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
  const [groups, teams, hiddenKeys] = await Promise.all([
    satisfaction
      ? Promise.resolve(new Map<string, Tally>())
      : breakdownTallies(db, standard, by, period.start, period.end),
    by === 'team' ? teamNames(db) : Promise.resolve(new Map<string, string>()),
    Promise.resolve(satisfaction ? new Set<string>() : null),
  ]);
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

export async function distributionOf(
  db: Queryable,
  standard: StandardDef,
  period: Period,
  filters: Filters,
): Promise<DistributionResponse> {
  const base = { code: standard.code, period: periodDto(period), suppressed: false };
  const bins: DistributionResponse['bins'] = [];
  const sum = () => bins.reduce((a, b) => a + b.count, 0);
  if (standard.measure === 'satisfied_share') {
    // Scores are the answers of the responses selected: shown only with a protected cell.
    const cubes = await FeedbackCubes.load(db, monthsCovering([period]));
    const f = cubes.figure(coordinatesOf(cubes.tree, filters));
    if (
      f.hidden ||
      (f.values[M.scored] as number) === 0 ||
      suppress(f.values[M.scored] as number)
    ) {
      const none = (f.values[M.scored] as number) === 0 && !f.hidden;
      return { ...base, unit: 'score', threshold: 4, n: none ? 0 : null, suppressed: !none, bins };
    }
    for (let score = 1; score <= 5; score++) {
      const count = f.values[M.score1 + score - 1] as number;
      bins.push({
        key: String(score),
        label: `Score ${score}`,
        lower: score,
        upper: score,
        count,
        withinThreshold: score >= 4 ? count : 0,
      });
    }
    return { ...base, unit: 'score', threshold: 4, n: sum(), bins };
  }
  if (standard.measure === 'pass_rate') {
    const rows = await distribution.outcomeCounts(
      db,
      standard,
      period.start,
      period.end,
      filters.team,
    );
    for (const r of rows) {
      bins.push({
        key: String(r.key),
        label: r.key === 'passed' ? 'Passed' : `Failed: ${r.key}`,
        lower: null,
        upper: null,
        count: r.count,
        withinThreshold: r.within,
      });
    }
    return { ...base, unit: 'outcome', threshold: null, n: sum(), bins };
  }
  const threshold = standard.threshold;
  if (threshold?.unit === 'seconds') {
    // 10-second bands up to three times the threshold, then one open-ended band.
    const lastBand = Math.max(6, Math.ceil((threshold.value * 3) / 10));
    const rows = await distribution.secondsBands(
      db,
      standard,
      period.start,
      period.end,
      filters,
      lastBand,
    );
    for (let band = 0; band <= lastBand; band++) {
      const r = rows.find((x) => Number(x.key) === band);
      const open = band === lastBand;
      bins.push({
        key: String(band * 10),
        label: open ? `${band * 10} seconds or more` : `${band * 10} to ${band * 10 + 9} seconds`,
        lower: band * 10,
        upper: open ? null : band * 10 + 9,
        count: r?.count ?? 0,
        withinThreshold: r?.within ?? 0,
      });
    }
    return { ...base, unit: 'seconds', threshold: threshold.value, n: sum(), bins };
  }
  if (threshold?.unit === 'calendar_months') {
    const rows = await distribution.calendarMonthCounts(
      db,
      standard,
      period.start,
      period.end,
      filters,
    );
    const max = Math.max(threshold.value * 2, ...rows.map((r) => Number(r.key)));
    for (let m = 0; m <= max; m++) {
      const r = rows.find((x) => Number(x.key) === m);
      bins.push({
        key: String(m),
        label: m === 0 ? 'Under 1 month' : `${m} to ${m + 1} months`,
        lower: m,
        upper: m,
        count: r?.count ?? 0,
        withinThreshold: r?.within ?? 0,
      });
    }
    return { ...base, unit: 'calendar_months', threshold: threshold.value, n: sum(), bins };
  }
  const rows = await distribution.workingDayCounts(db, standard, period.start, period.end, filters);
  const max = Math.max((threshold?.value ?? 10) * 2, ...rows.map((r) => Number(r.key)));
  for (let d = 0; d <= max; d++) {
    const r = rows.find((x) => Number(x.key) === d);
    bins.push({
      key: String(d),
      label: d === 0 ? 'Same day' : `${d} working ${d === 1 ? 'day' : 'days'}`,
      lower: d,
      upper: d,
      count: r?.count ?? 0,
      withinThreshold: r?.within ?? 0,
    });
  }
  return { ...base, unit: 'working_days', threshold: threshold?.value ?? null, n: sum(), bins };
}

const NOUNS: Record<string, [string, string]> = {
  phone_call: ['calls', 'call'],
  written_enquiry: ['replies', 'reply'],
  complaint: ['replies', 'reply'],
  tm_examination: ['examinations', 'examination'],
  tm_intl_examination: ['examinations', 'examination'],
  design_examination: ['examinations', 'examination'],
  design_intl_examination: ['examinations', 'examination'],
  patent_preliminary_examination: ['examinations', 'examination'],
  patent_search: ['search reports', 'search report'],
  patent_acceleration: ['decisions', 'decision'],
};

/**
 * The period in progress, as of the end of yesterday: completed so far, the pace, and how many
 * more misses the target can absorb (measurement.md 'The current period').
 */
export async function forecastOf(
  db: Queryable,
  standard: StandardDef,
  granularity: 'month' | 'quarter' | 'year',
  today: IsoDate,
): Promise<ForecastResponse> {
  const period = periodContaining(today, granularity);
  const asOf = addDays(today, -1);
  const rules = await currentRules(db);
  const calendar = rules.calendar(standard.division);
  const elapsed = asOf < period.start ? 0 : calendar.workingDaysInRange(period.start, asOf);
  const inPeriod = calendar.workingDaysInRange(period.start, period.end);
  const percentile = standard.measure === 'percentile_turnaround';
  const buckets =
    asOf < period.start
      ? new Map<string, Tally>()
      : await bucketTallies(db, { standard, bucket: 'day', from: period.start, to: asOf });
  const soFar = tallyBetween(buckets, period.start, asOf, percentile);
  const version = targetInForce(standard.targets, period.start);
  const base = {
    code: standard.code,
    period: periodDto(period),
    asOf,
    unit: unitOf(standard),
    workingDaysElapsed: elapsed,
    workingDaysInPeriod: inPeriod,
    completedSoFar: soFar.n,
    lateSoFar: soFar.n - soFar.successes,
    valueSoFar: measuredValue(standard, soFar),
    target: version?.target ?? null,
  };
  if (!version) {
    return {
      ...base,
      hasForecast: false,
      expected: null,
      projectedValue: null,
      allowance: null,
      reachable: null,
      sentence: `${standard.title} has no target in force for ${period.label}.`,
    };
  }
  // For '90% within N working days' the target share is P/100 and a miss is an item over N.
  const targetShare = percentile ? (standard.percentile ?? 90) / 100 : version.target;
  const f = forecastPeriod({
    completedSoFar: soFar.n,
    lateSoFar: soFar.n - soFar.successes,
    withinSoFar: soFar.successes,
    workingDaysElapsed: elapsed,
    workingDaysInPeriod: inPeriod,
    target: targetShare,
    measure: standard.measure,
  });
  const source = sourceOf(standard);
  const [unit, unitSingular] =
    source === 'quality_checks'
      ? ['checks', 'check']
      : source === 'feedback'
        ? ['responses', 'response']
        : (NOUNS[standard.workTypes[0] ?? ''] ?? ['items', 'item']);
  const missWord =
    source === 'quality_checks' ? 'failed' : source === 'feedback' ? 'dissatisfied' : 'late';
  let sentence = forecastSentence({
    periodLabel: period.label,
    projectedValue: f.projectedValue,
    target: targetShare,
    allowance: f.allowance,
    expected: f.expected,
    unit,
    unitSingular,
    missWord,
    hasForecast: f.hasForecast,
  });
  if (percentile && f.hasForecast && Math.round(f.expected) > 0) {
    // Say what the percentile standard means rather than '90% target'.
    sentence = sentence.replace(
      /is measured against a [\d.]+% target/,
      `keeps ${standard.percentile ?? 90}% within ${standard.threshold?.value ?? version.target} working days only if few are late`,
    );
  }
  return {
    ...base,
    hasForecast: f.hasForecast,
    expected: f.hasForecast ? Math.round(f.expected) : null,
    projectedValue: f.projectedValue,
    allowance: f.hasForecast ? f.allowance : null,
    reachable: f.hasForecast ? f.reachable : null,
    sentence,
  };
}

export async function itemsOf(
  db: Queryable,
  standard: StandardDef,
  period: Period,
  status: 'late' | 'open' | 'all',
  filters: Filters,
  cursor: Cursor | null,
  limit: number,
  now: Date,
): Promise<ItemsResponse> {
  const source = sourceOf(standard);
  if (status === 'open' && source !== 'work_items') {
    throw new HttpError(400, 'status: only work items can be open', [
      { field: 'status', message: `${standard.code} has no open items; use late or all` },
    ]);
  }
  const q = { standard, from: period.start, to: period.end, status, filters, cursor, limit };
  if (source === 'feedback') {
    const cubes = await FeedbackCubes.load(db, monthsCovering([period]));
    const f = cubes.figure(coordinatesOf(cubes.tree, filters));
    if (f.hidden || suppress(f.values[M.responses] as number)) {
      return {
        code: standard.code,
        period: periodDto(period),
        status,
        filters,
        total: 0,
        withheld: true,
        items: [],
        nextCursor: null,
      };
    }
  }
  let items: ItemRecord[];
  let total: number;
  let next: Cursor | null = null;
  if (source === 'work_items') {
    const rules = await currentRules(db);
    const calendar = rules.calendar(standard.division);
    const page = await workItemsPage(db, q);
    total = page.total;
    const rows = page.rows.slice(0, limit);
    if (page.rows.length > limit) {
      const lastRow = rows.at(-1)!;
      next = {
        at: (status === 'open'
          ? lastRow.received_at
          : (lastRow.completed_at ?? lastRow.received_at)
        ).toISOString(),
        id: lastRow.id,
      };
    }
    items = rows.map((r) => {
      const age =
        r.completed_at === null && standard.threshold
          ? openItemAge(
              r.received_at.getTime() > now.getTime() ? now : r.received_at,
              now,
              standard.threshold,
              calendar,
            )
          : null;
      return {
        kind: 'work_item' as const,
        id: r.id,
        sourceRef: r.source_ref,
        workType: r.work_type_code,
        team: r.team,
        channel: r.channel as Channel,
        customerGroup: r.customer_group as CustomerGroup,
        receivedAt: r.received_at.toISOString(),
        completedAt: r.completed_at?.toISOString() ?? null,
        receivedDate: r.received_date,
        completedDate: r.completed_date,
        elapsedSeconds: r.elapsed_seconds,
        elapsedWorkingDays: r.elapsed_working_days,
        withinThreshold: r.within_threshold,
        age: age?.age ?? null,
        late: age ? age.late : r.within_threshold === false,
      };
    });
  } else if (source === 'quality_checks') {
    const page = await qualityChecksPage(db, q);
    total = page.total;
    const rows = page.rows.slice(0, limit);
    if (page.rows.length > limit)
      next = { at: rows.at(-1)!.checked_at.toISOString(), id: rows.at(-1)!.id };
    items = rows.map((r) => ({
      kind: 'quality_check' as const,
      id: r.id,
      sourceRef: r.source_ref,
      workType: r.work_type_code,
      team: r.team,
      checkedAt: r.checked_at.toISOString(),
      checkedDate: r.checked_date,
      passed: r.passed,
      errorCategory: r.error_category,
    }));
  } else {
    const page = await feedbackPage(db, q);
    total = page.total;
    const rows = page.rows.slice(0, limit);
    if (page.rows.length > limit) next = { at: rows.at(-1)!.submitted_date, id: rows.at(-1)!.id };
    items = rows.map((r) => ({
      kind: 'feedback' as const,
      id: r.id,
      submittedDate: r.submitted_date,
      service: r.service_code,
      team: r.team,
      channel: r.channel as Channel,
      customerGroup: r.customer_group as CustomerGroup,
      score: r.score,
      type: r.type as FeedbackType,
      comment: r.comment,
    }));
  }
  return {
    code: standard.code,
    period: periodDto(period),
    status,
    filters,
    total,
    withheld: false,
    items,
    nextCursor: next ? encodeCursor(next) : null,
  };
}
