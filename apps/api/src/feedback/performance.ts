import type { FeedbackPerformance } from '@ipo/contracts';
import {
  addDays,
  type IsoDate,
  latestCompletePeriod,
  periodContaining,
  periodsBetween,
} from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';
import { HttpError } from '../plugins/errors.js';
import { bucketTallies } from '../queries/buckets.js';
import { serviceByCode, teamById } from '../queries/feedback-explorer.js';
import { loadStandards } from '../queries/standards.js';
import { satisfiedCell } from './cells.js';
import { describeCorrelation, pearson } from './correlation.js';
import { coordinatesOf, FeedbackCubes } from './disclosure.js';

const bad = (field: string, message: string) =>
  new HttpError(400, `${field}: ${message}`, [{ field, message }]);

/**
 * Monthly satisfaction of a service (or one of its teams) beside the monthly share on time of each
 * timeliness standard the service owns, with Pearson's r over the months that have both figures
 * (months whose satisfaction is suppressed are left out). Months, not weeks: feedback figures are
 * kept to whole months so that no two ranges can be subtracted (decision 7).
 */
export async function feedbackPerformance(
  db: Queryable,
  q: {
    service?: string | undefined;
    team?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
  today: IsoDate,
): Promise<FeedbackPerformance> {
  let serviceCode = q.service;
  let team: { id: number; name: string } | null = null;
  if (q.team !== undefined) {
    const row = await teamById(db, q.team);
    if (!row) throw new HttpError(404, `No team ${q.team}`);
    if (serviceCode && serviceCode !== row.service_code) {
      throw bad('team', `belongs to ${row.service_code}, not ${serviceCode}`);
    }
    serviceCode = row.service_code;
    team = { id: row.id, name: row.name };
  }
  if (!serviceCode) throw bad('service', 'give a service or a team');
  const service = await serviceByCode(db, serviceCode);
  if (!service) throw new HttpError(404, `No service ${serviceCode}`);

  const lastMonth = latestCompletePeriod(today, 'month');
  const to = q.to ?? lastMonth.end;
  const from = q.from ?? periodContaining(addDays(lastMonth.start, -1), 'month').start;
  if (from > to) throw bad('from', 'is after `to`');
  const months = periodsBetween(periodContaining(from, 'month'), periodContaining(to, 'month'));
  if (months.length > 36) throw bad('from', 'at most 36 months');
  const range = { from: months[0]?.start ?? from, to: months[months.length - 1]?.end ?? to };
  // Twelve months by default.
  const shown = q.from ? months : months.slice(-12);
  if (!q.from) range.from = shown[0]?.start ?? range.from;

  const standards = (await loadStandards(db)).filter(
    (s) => s.kind === 'timeliness' && s.service?.code === service.code,
  );
  // One query after another: `db` may be a single client inside a snapshot.
  const cubes = await FeedbackCubes.load(db, shown);
  const tallies: Awaited<ReturnType<typeof bucketTallies>>[] = [];
  for (const standard of standards) {
    tallies.push(
      await bucketTallies(db, {
        standard,
        bucket: 'month',
        from: range.from,
        to: range.to,
        ...(team ? { filters: { team: team.id } } : {}),
      }),
    );
  }
  const at = coordinatesOf(cubes.tree, {
    service: service.code,
    ...(team ? { team: team.id } : {}),
  });
  const satisfaction = shown.map((m) => ({
    month: m.id,
    start: m.start,
    satisfied: satisfiedCell(cubes.figure(at, { months: [m.id] })),
  }));
  return {
    service,
    team,
    from: range.from,
    to: range.to,
    months: satisfaction,
    standards: standards.map((standard, i) => {
      const byMonth = tallies[i] ?? new Map();
      const onTime = shown.map((m) => {
        const t = byMonth.get(m.start);
        return { month: m.id, value: t && t.n > 0 ? t.successes / t.n : null, n: t?.n ?? 0 };
      });
      const pairs: [number, number][] = [];
      satisfaction.forEach((s, k) => {
        const o = onTime[k]?.value;
        if (s.satisfied.value !== null && o !== null && o !== undefined)
          pairs.push([o, s.satisfied.value]);
      });
      const r = pearson(pairs);
      return {
        code: standard.code,
        title: standard.title,
        onTime,
        correlation: r,
        n: pairs.length,
        summary: describeCorrelation(standard.title, r, pairs.length),
      };
    }),
  };
}
