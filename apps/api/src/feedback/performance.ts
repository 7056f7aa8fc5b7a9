import type { FeedbackPerformance } from '@ipo/contracts';
import {
  addDays,
  type IsoDate,
  latestCompletePeriod,
  periodContaining,
  periodsBetween,
} from '@ipo/domain';
import type { Queryable } from '../derive/rules.js';
import { HttpError } from '../plugins/errors.js';
import { bucketTallies } from '../queries/buckets.js';
import { feedbackBuckets } from '../queries/feedback-series.js';
import { loadStandards } from '../scorecard/standards.js';
import { shareCell } from './cells.js';
import { describeCorrelation, pearson } from './correlation.js';

const bad = (field: string, message: string) =>
  new HttpError(400, `${field}: ${message}`, [{ field, message }]);

/**
 * Weekly satisfaction of a service (or one of its teams) beside the weekly share on time of each
 * timeliness standard the service owns, with Pearson's r over the weeks that have both figures
 * (weeks whose satisfaction is suppressed, n < 10, are left out).
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
    const { rows } = await db.query<{ id: number; name: string; service_code: string }>(
      'SELECT id, name, service_code FROM team WHERE id = $1',
      [q.team],
    );
    const row = rows[0];
    if (!row) throw new HttpError(404, `No team ${q.team}`);
    if (serviceCode && serviceCode !== row.service_code) {
      throw bad('team', `belongs to ${row.service_code}, not ${serviceCode}`);
    }
    serviceCode = row.service_code;
    team = { id: row.id, name: row.name };
  }
  if (!serviceCode) throw bad('service', 'give a service or a team');
  const { rows: services } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM service WHERE code = $1',
    [serviceCode],
  );
  const service = services[0];
  if (!service) throw new HttpError(404, `No service ${serviceCode}`);

  const lastWeek = latestCompletePeriod(today, 'week');
  const to = q.to ?? lastWeek.end;
  const from = q.from ?? addDays(periodContaining(to, 'week').start, -25 * 7);
  if (from > to) throw bad('from', 'is after `to`');
  const weeks = periodsBetween(periodContaining(from, 'week'), periodContaining(to, 'week'));
  if (weeks.length > 160) throw bad('from', 'at most 160 weeks');
  const range = { from: weeks[0]?.start ?? from, to: weeks[weeks.length - 1]?.end ?? to };

  const standards = (await loadStandards(db)).filter(
    (s) => s.kind === 'timeliness' && s.service?.code === service.code,
  );
  const [feedback, ...tallies] = await Promise.all([
    feedbackBuckets(db, 'week', range, {
      service: service.code,
      ...(team ? { team: team.id } : {}),
    }),
    ...standards.map((standard) =>
      bucketTallies(db, {
        standard,
        bucket: 'week',
        from: range.from,
        to: range.to,
        ...(team ? { filters: { team: team.id } } : {}),
      }),
    ),
  ]);
  const satisfaction = weeks.map((w) => {
    const b = feedback.get(w.start) ?? { scored: 0, satisfied: 0 };
    return { week: w.id, start: w.start, satisfied: shareCell(b.satisfied, b.scored) };
  });
  return {
    service,
    team,
    from: range.from,
    to: range.to,
    weeks: satisfaction,
    standards: standards.map((standard, i) => {
      const byWeek = tallies[i] ?? new Map();
      const onTime = weeks.map((w) => {
        const t = byWeek.get(w.start);
        return { week: w.id, value: t && t.n > 0 ? t.successes / t.n : null, n: t?.n ?? 0 };
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
