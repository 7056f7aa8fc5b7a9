import {
  BreakdownResponseSchema,
  type Figure,
  ScorecardResponseSchema,
  SeriesResponseSchema,
} from '@ipo/contracts';
import {
  financialYearToDate,
  type IsoDate,
  lastNPeriods,
  londonDate,
  nearestRankPercentile,
  type Period,
  parsePeriod,
  periodsBetween,
  previousPeriod,
  samePeriodLastYear,
  sourceOf,
  statusOf,
  targetInForce,
} from '@ipo/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadDerivationRules } from '../src/derive/rules.js';
import { loadStandards, type StandardDef } from '../src/queries/standards.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * SQL (rollups, raw-row queries, bucketing by London date, percentiles from histograms) must
 * equal the domain reference computed in memory from the same rows, on random data.
 */

const CHANNELS = ['phone', 'email', 'post', 'online'] as const;
const GROUPS = ['individual', 'small_business', 'large_business', 'attorney'] as const;
// A year around summer-time changes and bank holidays.
const FROM_MS = Date.parse('2024-12-20T00:00:00Z');
const TO_MS = Date.parse('2025-12-31T00:00:00Z');

interface Item {
  ref: string;
  workType: string;
  service: string;
  teamId: number;
  channel: (typeof CHANNELS)[number];
  group: (typeof GROUPS)[number];
  receivedAt: Date;
  completedAt: Date | null;
}
interface Check {
  ref: string;
  workType: string;
  service: string;
  teamId: number;
  checkedAt: Date;
  passed: boolean;
}
interface Response {
  ref: string;
  service: string;
  teamId: number;
  channel: (typeof CHANNELS)[number];
  group: (typeof GROUPS)[number];
  submittedAt: Date;
  score: number | null;
}

const WORK_TYPES: [string, string][] = [
  ['phone_call', 'customer-support'],
  ['complaint', 'customer-experience'],
  ['tm_examination', 'trade-marks'],
  ['patent_search', 'patents'],
];

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let standards: StandardDef[];
let teamIds: number[];

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
  standards = await loadStandards(db.pool);
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO team (service_code, name) VALUES ('customer-support', 'A'), ('customer-support', 'B'),
       ('trade-marks', 'C'), ('patents', 'D') RETURNING id`,
  );
  teamIds = rows.map((r) => r.id);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

// Instants skewed towards the edges that break naive code: near London midnight, around the
// clock changes, and on weekends and bank holidays.
const instant = fc.oneof(
  fc.integer({ min: FROM_MS, max: TO_MS }),
  fc
    .tuple(fc.integer({ min: 0, max: 370 }), fc.integer({ min: -90, max: 90 }))
    .map(([d, m]) => FROM_MS + d * 86_400_000 + 23 * 3_600_000 + m * 60_000),
);

const itemArb = fc.record({
  wt: fc.integer({ min: 0, max: WORK_TYPES.length - 1 }),
  team: fc.integer({ min: 0, max: 3 }),
  channel: fc.constantFrom(...CHANNELS),
  group: fc.constantFrom(...GROUPS),
  received: instant,
  // Seconds for calls, up to ~8 months for the rest; null = still open.
  took: fc.option(
    fc.oneof(fc.integer({ min: 0, max: 180 }), fc.integer({ min: 0, max: 240 * 86_400 })),
    { freq: 8 },
  ),
});

const datasetArb = fc.record({
  items: fc.array(itemArb, { minLength: 50, maxLength: 400 }),
  checks: fc.array(
    fc.record({
      wt: fc.constantFrom('tm_examination', 'patent_search', 'design_examination'),
      team: fc.integer({ min: 0, max: 3 }),
      at: instant,
      passed: fc.boolean(),
    }),
    { maxLength: 150 },
  ),
  responses: fc.array(
    fc.record({
      team: fc.integer({ min: 0, max: 3 }),
      channel: fc.constantFrom(...CHANNELS),
      group: fc.constantFrom(...GROUPS),
      at: instant,
      score: fc.option(fc.integer({ min: 1, max: 5 }), { freq: 6 }),
    }),
    { maxLength: 300 },
  ),
  periods: fc.array(fc.integer({ min: 0, max: 11 }), { minLength: 2, maxLength: 3 }),
});

type Dataset = { items: Item[]; checks: Check[]; responses: Response[] };
async function write(data: Dataset) {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM work_item');
    await client.query('DELETE FROM quality_check');
    await client.query('DELETE FROM feedback_response');
    const rules = await loadDerivationRules(client);
    for (const i of data.items) {
      const d = rules.derive(i.workType, i.receivedAt, i.completedAt);
      await client.query(
        `INSERT INTO work_item (source, source_ref, work_type_code, service_code, team_id, channel,
           customer_group, received_at, completed_at, received_date, completed_date, elapsed_seconds,
           elapsed_working_days, elapsed_calendar_days, within_threshold)
         VALUES ('t', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          i.ref,
          i.workType,
          i.service,
          i.teamId,
          i.channel,
          i.group,
          i.receivedAt,
          i.completedAt,
          d.receivedDate,
          d.completedDate,
          d.elapsedSeconds,
          d.elapsedWorkingDays,
          d.elapsedCalendarDays,
          d.withinThreshold,
        ],
      );
    }
    for (const c of data.checks) {
      await client.query(
        `INSERT INTO quality_check (source, source_ref, work_type_code, service_code, team_id, checked_at,
           checked_date, passed) VALUES ('t', $1, $2, $3, $4, $5, $6, $7)`,
        [c.ref, c.workType, c.service, c.teamId, c.checkedAt, londonDate(c.checkedAt), c.passed],
      );
    }
    for (const r of data.responses) {
      await client.query(
        `INSERT INTO feedback_response (source, source_ref, submitted_at, submitted_date, service_code,
           team_id, channel, customer_group, score, type)
         VALUES ('t', $1, $2, $3, $4, $5, $6, $7, $8, 'general')`,
        [
          r.ref,
          r.submittedAt,
          londonDate(r.submittedAt),
          r.service,
          r.teamId,
          r.channel,
          r.group,
          r.score,
        ],
      );
    }
    await client.query('COMMIT');
    return rules;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

interface Filter {
  team?: number;
  channel?: string;
  customerGroup?: string;
}

/** The domain's answer for one standard, period and filter, from the rows in memory. */
function reference(
  standard: StandardDef,
  data: Dataset,
  rules: Awaited<ReturnType<typeof write>>,
  start: IsoDate,
  end: IsoDate,
  f: Filter,
): { n: number; successes: number; value: number | null } {
  const inRange = (d: IsoDate | null) => d !== null && d >= start && d <= end;
  const matches = (x: { teamId: number; channel?: string; group?: string }) =>
    (f.team === undefined || x.teamId === f.team) &&
    (f.channel === undefined || x.channel === f.channel) &&
    (f.customerGroup === undefined || x.group === f.customerGroup);
  const source = sourceOf(standard);
  if (source === 'work_items') {
    const done = data.items
      .filter((i) => standard.workTypes.includes(i.workType) && matches(i))
      .map((i) => rules.derive(i.workType, i.receivedAt, i.completedAt))
      .filter((d) => inRange(d.completedDate));
    const successes = done.filter((d) => d.withinThreshold).length;
    const value =
      standard.measure === 'percentile_turnaround'
        ? nearestRankPercentile(
            done.map((d) => d.elapsedWorkingDays as number),
            standard.percentile ?? 90,
          )
        : done.length
          ? successes / done.length
          : null;
    return { n: done.length, successes, value };
  }
  if (source === 'quality_checks') {
    const checks = data.checks.filter(
      (c) =>
        standard.workTypes.includes(c.workType) && matches(c) && inRange(londonDate(c.checkedAt)),
    );
    const successes = checks.filter((c) => c.passed).length;
    return { n: checks.length, successes, value: checks.length ? successes / checks.length : null };
  }
  const scored = data.responses.filter(
    (r) => r.score !== null && matches(r) && inRange(londonDate(r.submittedAt)),
  );
  const successes = scored.filter((r) => (r.score ?? 0) >= 4).length;
  return { n: scored.length, successes, value: scored.length ? successes / scored.length : null };
}

function expectFigure(
  actual: Figure,
  standard: StandardDef,
  expected: ReturnType<typeof reference>,
  period: Period,
) {
  if (actual.suppressed) {
    // Satisfaction withheld (decision 7): nothing of the figure is given.
    expect(standard.measure).toBe('satisfied_share');
    expect([actual.n, actual.successes, actual.value, actual.interval]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    return;
  }
  expect({ n: actual.n, successes: actual.successes ?? 0, value: actual.value }).toEqual(expected);
  // A satisfaction figure shown is never one of 1-9 responses.
  if (standard.measure === 'satisfied_share')
    expect(expected.n === 0 || expected.n >= 10).toBe(true);
  const version = targetInForce(standard.targets, period.start);
  if (version) {
    expect(actual.status).toBe(
      statusOf({
        measure: standard.measure,
        value: expected.value,
        n: expected.n,
        target: version.target,
        tolerance: version.tolerance,
      }),
    );
  }
}

const MONTHS = periodsBetween(parsePeriod('2025-01'), parsePeriod('2025-12'));

describe('SQL aggregation equals the domain reference on random data', () => {
  test('series, breakdowns and the scorecard', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (raw) => {
        const data: Dataset = {
          items: raw.items.map((x, k) => {
            const [workType, service] = WORK_TYPES[x.wt]!;
            const receivedAt = new Date(x.received);
            const seconds =
              x.took === null ? null : workType === 'phone_call' ? x.took % 600 : x.took;
            return {
              ref: `I${k}`,
              workType,
              service,
              teamId: teamIds[x.team]!,
              channel: x.channel,
              group: x.group,
              receivedAt,
              completedAt:
                seconds === null ? null : new Date(receivedAt.getTime() + seconds * 1000),
            };
          }),
          checks: raw.checks.map((c, k) => ({
            ref: `C${k}`,
            workType: c.wt,
            service:
              c.wt === 'patent_search'
                ? 'patents'
                : c.wt === 'tm_examination'
                  ? 'trade-marks'
                  : 'designs',
            teamId: teamIds[c.team]!,
            checkedAt: new Date(c.at),
            passed: c.passed,
          })),
          responses: raw.responses.map((r, k) => ({
            ref: `R${k}`,
            service: 'customer-support',
            teamId: teamIds[r.team]!,
            channel: r.channel,
            group: r.group,
            submittedAt: new Date(r.at),
            score: r.score,
          })),
        };
        const rules = await write(data);
        const measured = standards.filter((s) =>
          [
            'csc-calls',
            'complaints',
            'tm-exam',
            'patent-search',
            'quality-tm',
            'quality-patents',
            'csat',
          ].includes(s.code),
        );
        for (const standard of measured) {
          // Series by week and month, unfiltered and filtered.
          const satisfaction = standard.measure === 'satisfied_share';
          for (const [granularity, from, to] of [
            ['month', '2025-01', '2025-12'],
            ['week', '2025-W10', '2025-W16'],
            ['quarter', '2024-25-Q4', '2025-26-Q3'],
          ] as const) {
            // Satisfaction is by whole months, with one of channel and customer group at a time.
            if (satisfaction && granularity === 'week') continue;
            const filters: Filter[] = [{}, { team: teamIds[0] }];
            if (satisfaction) filters.push({ channel: 'email' }, { customerGroup: 'attorney' });
            else if (sourceOf(standard) !== 'quality_checks')
              filters.push({ channel: 'email', customerGroup: 'attorney' });
            for (const f of filters) {
              const qs = new URLSearchParams({ granularity, from, to });
              for (const [k, v] of Object.entries(f)) qs.set(k, String(v));
              const res = await app.inject({ url: `/api/standards/${standard.code}/series?${qs}` });
              expect(res.statusCode, res.body).toBe(200);
              const body = SeriesResponseSchema.parse(res.json());
              for (const point of body.points) {
                const p = point.period as Period;
                expectFigure(
                  point,
                  standard,
                  reference(standard, data, rules, p.start, p.end, f),
                  p,
                );
              }
            }
          }
          // Breakdowns for a couple of random months.
          for (const m of raw.periods) {
            const period = MONTHS[m]!;
            for (const by of sourceOf(standard) === 'quality_checks'
              ? (['team'] as const)
              : (['team', 'channel', 'customerGroup'] as const)) {
              const res = await app.inject({
                url: `/api/standards/${standard.code}/breakdown?by=${by}&period=${period.id}`,
              });
              expect(res.statusCode, res.body).toBe(200);
              const body = BreakdownResponseSchema.parse(res.json());
              for (const g of body.groups) {
                if (g.suppressed) {
                  expect(standard.measure).toBe('satisfied_share');
                  expect([g.n, g.successes, g.value]).toEqual([null, null, null]);
                  continue;
                }
                const f: Filter =
                  by === 'team'
                    ? { team: Number(g.key) }
                    : by === 'channel'
                      ? { channel: g.key }
                      : { customerGroup: g.key };
                const expected = reference(standard, data, rules, period.start, period.end, f);
                expect({ n: g.n, successes: g.successes, value: g.value }).toEqual(expected);
              }
              const total = reference(standard, data, rules, period.start, period.end, {});
              const shown = body.groups.reduce((a, g) => a + (g.n ?? 0), 0);
              if (body.overall.suppressed) {
                expect(total.n).toBeLessThan(10);
              } else if (body.groups.some((g) => g.suppressed)) {
                // The hidden groups together are never fewer than 10.
                expect(total.n - shown).toBeGreaterThanOrEqual(10);
              } else {
                expect(shown).toBe(total.n);
              }
            }
          }
        }
        // The scorecard: current, previous, same period last year, year to date, sparkline.
        for (const m of raw.periods) {
          const period = MONTHS[m]!;
          const res = await app.inject({ url: `/api/scorecard?period=${period.id}` });
          expect(res.statusCode, res.body).toBe(200);
          const body = ScorecardResponseSchema.parse(res.json());
          for (const entry of body.standards) {
            const standard = standards.find((s) => s.code === entry.code)!;
            if (!measured.includes(standard)) continue;
            const ref = (p: { start: IsoDate; end: IsoDate }) =>
              reference(standard, data, rules, p.start, p.end, {});
            if (entry.suppressed) {
              expect(ref(period).n).toBeGreaterThan(0);
              expect(ref(period).n).toBeLessThan(10);
            } else {
              expect({ n: entry.n, successes: entry.successes ?? 0, value: entry.value }).toEqual(
                ref(period),
              );
            }
            expectFigure(
              entry.previous,
              standard,
              ref(previousPeriod(period)),
              previousPeriod(period),
            );
            expectFigure(
              entry.lastYear,
              standard,
              ref(samePeriodLastYear(period)),
              samePeriodLastYear(period),
            );
            const ytd = financialYearToDate(period);
            if (!entry.yearToDate.suppressed) {
              expect({ n: entry.yearToDate.n, value: entry.yearToDate.value }).toEqual({
                n: ref(ytd).n,
                value: ref(ytd).value,
              });
            }
            const spark = lastNPeriods(period, 12);
            expect(entry.sparkline.map((f) => f.n)).toEqual(
              spark.map((p, i) => (entry.sparkline[i]?.suppressed ? null : ref(p).n)),
            );
          }
        }
      }),
      { numRuns: 6, seed: 20251128, endOnFailure: true },
    );
  }, 600_000);
});
