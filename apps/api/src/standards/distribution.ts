/** GET /api/standards/:code/distribution: how long items took, threshold marked. */
import type { DistributionResponse, Filters } from '@ipo/contracts';
import { type Period, suppress } from '@ipo/domain';
import type { Queryable } from '../derive/rules.js';
import { coordinatesOf, FeedbackCubes, M } from '../feedback/disclosure.js';
import * as distribution from '../queries/distribution.js';
import type { StandardDef } from '../queries/standards.js';
import { periodDto } from './figures.js';
import { monthsCovering } from './satisfaction.js';

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
