import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import {
  BreakdownResponseSchema,
  DistributionResponseSchema,
  ErrorResponseSchema,
  ForecastResponseSchema,
  ItemsResponseSchema,
  ScorecardResponseSchema,
  SeriesResponseSchema,
  StandardDetailResponseSchema,
} from '@ipo/contracts';
import {
  financialYearToDate,
  latestCompletePeriod,
  londonDate,
  parsePeriod,
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
} from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
const today = londonDate(new Date());
const lastMonth = latestCompletePeriod(today, 'month');

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { seed: 11, scale: 0.02, from: '2025-06-01' });
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as unknown };
}

async function expect400(url: string, field: string) {
  const res = await get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const body = ErrorResponseSchema.parse(res.body);
  expect(body.issues?.map((i) => i.field)).toContain(field);
}

describe('GET /api/scorecard', () => {
  test('defaults to the latest complete month, with its context figures', async () => {
    const res = await get('/api/scorecard');
    expect(res.status).toBe(200);
    const card = ScorecardResponseSchema.parse(res.body);
    expect(card.period.id).toBe(lastMonth.id);
    expect(card.standards).toHaveLength(13);
    const calls = card.standards.find((s) => s.code === 'csc-calls')!;
    expect(calls.previous.period.id).toBe(previousPeriod(lastMonth).id);
    expect(calls.lastYear.period.id).toBe(samePeriodLastYear(lastMonth).id);
    expect(calls.yearToDate.period.start).toBe(financialYearToDate(lastMonth).start);
    expect(calls.sparkline).toHaveLength(12);
    expect(calls.sparkline.at(-1)?.period.id).toBe(lastMonth.id);
    expect(calls.sparkline.at(-1)?.n).toBe(calls.n);
    expect(calls.n).toBeGreaterThan(100);
    expect(calls.interval?.lower).toBeLessThanOrEqual(calls.value ?? 0);
    expect(calls.dataAsOf).not.toBeNull();
    // The summary counts the statuses.
    const statuses = card.standards.map((s) => s.status);
    expect(card.summary).toEqual({
      met: statuses.filter((s) => s === 'met').length,
      near: statuses.filter((s) => s === 'near').length,
      missed: statuses.filter((s) => s === 'missed').length,
      noData: statuses.filter((s) => s === 'no_data').length,
      total: 13,
    });
    // Timeliness standards carry their backlog; the others do not.
    expect(card.standards.find((s) => s.code === 'tm-exam')?.backlog).toBeGreaterThan(0);
    expect(card.standards.find((s) => s.code === 'csat')?.backlog).toBeNull();
  });

  test('a quarter judges each standard against the target in force on its first day', async () => {
    const card = ScorecardResponseSchema.parse(
      (await get('/api/scorecard?period=2025-26-Q3')).body,
    );
    expect(card.period).toMatchObject({ start: '2025-10-01', end: '2025-12-31' });
    const written = card.standards.find((s) => s.code === 'csc-written')!;
    expect(written.target?.value).toBe(0.95);
    const before = ScorecardResponseSchema.parse(
      (await get('/api/scorecard?period=2025-26-Q2')).body,
    );
    expect(before.standards.find((s) => s.code === 'csc-written')?.target?.value).toBe(0.9);
    // Calls slipped that quarter in the demo story.
    expect(card.standards.find((s) => s.code === 'csc-calls')?.status).toBe('missed');
  });

  test('a write is seen at once: cached figures never outlive the data version', async () => {
    const before = ScorecardResponseSchema.parse((await get('/api/scorecard')).body);
    const n = (card: typeof before) => card.standards.find((s) => s.code === 'complaints')!.n ?? 0;
    const day = lastMonth.start;
    await db.pool.query(
      `INSERT INTO work_item (source, source_ref, work_type_code, service_code, channel, customer_group,
         received_at, completed_at, received_date, completed_date, elapsed_seconds, elapsed_working_days,
         elapsed_calendar_days, within_threshold)
       VALUES ('test', 'CACHE-1', 'complaint', 'customer-experience', 'email', 'individual',
         $1::date + time '10:00', $1::date + time '11:00', $1, $1, 3600, 0, 0, true)`,
      [day],
    );
    const after = ScorecardResponseSchema.parse((await get('/api/scorecard')).body);
    expect(n(after)).toBe(n(before) + 1);
    await db.pool.query(`DELETE FROM work_item WHERE source_ref = 'CACHE-1'`);
    const again = ScorecardResponseSchema.parse((await get('/api/scorecard')).body);
    expect(n(again)).toBe(n(before));
  });

  test.each(['2025-13', 'July', '2025-W10', '2025-26-Q5', ''])(
    'period=%s is a 400 naming period',
    async (p) => {
      await expect400(`/api/scorecard?period=${encodeURIComponent(p)}`, 'period');
    },
  );
});

describe('GET /api/standards/:code and its series', () => {
  test('detail lists target versions for the step line and the teams to filter by', async () => {
    const detail = StandardDetailResponseSchema.parse(
      (await get('/api/standards/csc-written')).body,
    );
    expect(detail.targets.map((t) => [t.effectiveFrom, t.value])).toEqual([
      ['2020-04-01', 0.9],
      ['2025-10-01', 0.95],
    ]);
    expect(detail.teams.map((t) => t.name)).toContain('Written Enquiries Newport');
    expect(detail.dataFrom).not.toBeNull();
  });

  test('monthly series draw the target as a step', async () => {
    const series = SeriesResponseSchema.parse(
      (await get('/api/standards/csc-written/series?granularity=month&from=2025-08&to=2025-11'))
        .body,
    );
    expect(series.points.map((p) => [p.period.id, p.target])).toEqual([
      ['2025-08', 0.9],
      ['2025-09', 0.9],
      ['2025-10', 0.95],
      ['2025-11', 0.95],
    ]);
  });

  test('weekly series by ISO week, and dates are accepted for from/to', async () => {
    const byId = SeriesResponseSchema.parse(
      (await get('/api/standards/tm-exam/series?granularity=week&from=2025-W40&to=2025-W45')).body,
    );
    const byDate = SeriesResponseSchema.parse(
      (await get('/api/standards/tm-exam/series?granularity=week&from=2025-10-01&to=2025-11-08'))
        .body,
    );
    expect(byId.points.map((p) => p.period.id)).toEqual([
      '2025-W40',
      '2025-W41',
      '2025-W42',
      '2025-W43',
      '2025-W44',
      '2025-W45',
    ]);
    expect(byDate.points).toEqual(byId.points);
    expect(byId.unit).toBe('working_days');
  });

  test('cached figures are sent compressed once for each encoding, the same JSON in every form', async () => {
    const plain = await app.inject({ method: 'GET', url: '/api/scorecard?period=2025-09' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await app.inject({
          method: 'GET',
          url: '/api/scorecard?period=2025-09',
          headers: { 'accept-encoding': `${encoding}, identity;q=0.5` },
        });
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(decode(res.rawPayload).toString('utf8')).toBe(plain.body);
      }
    }
    const refused = await app.inject({
      method: 'GET',
      url: '/api/scorecard?period=2025-09',
      headers: { 'accept-encoding': 'br;q=0, gzip' },
    });
    expect(refused.headers['content-encoding']).toBe('gzip');
  });

  test('filters narrow the series', async () => {
    const detail = StandardDetailResponseSchema.parse((await get('/api/standards/tm-exam')).body);
    const team = detail.teams.find((t) => t.name === 'Examination Team C')!;
    const all = SeriesResponseSchema.parse(
      (await get('/api/standards/tm-exam/series?from=2025-09&to=2025-09')).body,
    );
    const slow = SeriesResponseSchema.parse(
      (await get(`/api/standards/tm-exam/series?from=2025-09&to=2025-09&team=${team.id}`)).body,
    );
    expect(slow.points[0]!.n).toBeLessThan(all.points[0]!.n ?? 0);
    expect(slow.points[0]!.n).toBeGreaterThan(0);
    // The slower team's 90th percentile is longer than everyone's.
    expect(slow.points[0]!.value).toBeGreaterThan(all.points[0]!.value!);
  });

  test('bad parameters are 400s naming the parameter; an unknown standard is a 404', async () => {
    await expect400('/api/standards/tm-exam/series?granularity=week&from=2025-07', 'from');
    await expect400('/api/standards/tm-exam/series?granularity=fortnight', 'granularity');
    await expect400('/api/standards/tm-exam/series?from=2025-09&to=2025-01', 'from');
    await expect400(
      '/api/standards/tm-exam/series?granularity=week&from=2000-W01&to=2025-W01',
      'from',
    );
    await expect400('/api/standards/tm-exam/series?channel=fax', 'channel');
    await expect400('/api/standards/tm-exam/series?team=abc', 'team');
    await expect400('/api/standards/quality-tm/series?channel=phone', 'channel');
    const missing = await get('/api/standards/no-such-standard/series');
    expect(missing.status).toBe(404);
  });
});

describe('breakdown, distribution, forecast and items', () => {
  test('breakdown groups add up to the overall figure and carry fairness flags in words', async () => {
    const res = BreakdownResponseSchema.parse(
      (await get('/api/standards/csc-written/breakdown?by=customerGroup&period=2025-26-Q3')).body,
    );
    expect(res.groups.map((g) => g.key).sort()).toEqual([
      'attorney',
      'individual',
      'large_business',
      'small_business',
    ]);
    expect(res.groups.reduce((a, g) => a + (g.n ?? 0), 0)).toBe(res.overall.n);
    const individuals = res.groups.find((g) => g.key === 'individual')!;
    expect(individuals.fairness?.reason).toMatch(/\w+/);
    // Satisfaction from so few responses (this database has about 25 a month) is withheld.
    const csat = BreakdownResponseSchema.parse(
      (await get('/api/standards/csat/breakdown?by=customerGroup&period=2025-26-Q3')).body,
    );
    for (const g of csat.groups.filter((x) => x.suppressed)) {
      expect(g).toMatchObject({ n: null, successes: null, value: null, fairness: null });
    }
    await expect400('/api/standards/quality-tm/breakdown?by=channel', 'by');
    await expect400('/api/standards/csat/breakdown?by=colour', 'by');
  });

  test('distribution bins add up to n, with the threshold marked', async () => {
    const calls = DistributionResponseSchema.parse(
      (await get(`/api/standards/csc-calls/distribution?period=${lastMonth.id}`)).body,
    );
    expect(calls).toMatchObject({ unit: 'seconds', threshold: 60 });
    expect(calls.bins[1]).toMatchObject({ lower: 10, upper: 19 });
    expect(calls.bins.reduce((a, b) => a + b.count, 0)).toBe(calls.n);
    // Every call in a band wholly under 60 seconds met the standard; none at 60 or more did.
    for (const b of calls.bins) {
      if (b.upper !== null && b.upper < 60) expect(b.withinThreshold).toBe(b.count);
      if (b.lower !== null && b.lower > 60) expect(b.withinThreshold).toBe(0);
    }
    const card = ScorecardResponseSchema.parse(
      (await get(`/api/scorecard?period=${lastMonth.id}`)).body,
    );
    expect(calls.n).toBe(card.standards.find((s) => s.code === 'csc-calls')?.n);
    const exam = DistributionResponseSchema.parse(
      (await get('/api/standards/tm-exam/distribution?period=2025-10')).body,
    );
    expect(exam.unit).toBe('working_days');
    const csat = DistributionResponseSchema.parse(
      (await get('/api/standards/csat/distribution?period=2025-10')).body,
    );
    expect(csat.bins.map((b) => b.key)).toEqual(['1', '2', '3', '4', '5']);
    const search = DistributionResponseSchema.parse(
      (await get('/api/standards/patent-search/distribution?period=2025-26')).body,
    );
    expect(search).toMatchObject({ unit: 'calendar_months', threshold: 6 });
  });

  test('forecast for the quarter in progress, in numbers and words', async () => {
    const f = ForecastResponseSchema.parse((await get('/api/standards/complaints/forecast')).body);
    const quarter = periodContaining(today, 'quarter');
    expect(f.period.id).toBe(quarter.id);
    expect(f.workingDaysElapsed).toBeLessThanOrEqual(f.workingDaysInPeriod);
    expect(f.sentence.length).toBeGreaterThan(20);
    if (f.hasForecast) {
      expect(f.sentence).toContain(quarter.label);
      expect(f.expected).toBeGreaterThanOrEqual(f.completedSoFar);
    }
    await expect400('/api/standards/complaints/forecast?granularity=week', 'granularity');
  });

  test('late items page through exactly the records behind the figure', async () => {
    const series = SeriesResponseSchema.parse(
      (await get('/api/standards/complaints/series?from=2025-07&to=2025-12')).body,
    );
    const point = series.points.find((p) => (p.n ?? 0) > 0 && (p.successes ?? 0) < (p.n ?? 0))!;
    const late = (point.n ?? 0) - (point.successes ?? 0);
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const url: string = `/api/standards/complaints/items?period=${point.period.id}&status=late&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = ItemsResponseSchema.parse((await get(url)).body);
      expect(page.total).toBe(late);
      for (const item of page.items) {
        expect(item.kind).toBe('work_item');
        if (item.kind === 'work_item') {
          expect(item.withinThreshold).toBe(false);
          expect(
            item.completedDate! >= point.period.start && item.completedDate! <= point.period.end,
          ).toBe(true);
        }
        seen.add(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(late);
  });

  test('a breakdown bar drills to the same number of records', async () => {
    const b = BreakdownResponseSchema.parse(
      (await get('/api/standards/csc-written/breakdown?by=channel&period=2025-10')).body,
    );
    for (const g of b.groups) {
      const items = ItemsResponseSchema.parse(
        (
          await get(
            `/api/standards/csc-written/items?period=2025-10&status=all&channel=${g.key}&limit=1`,
          )
        ).body,
      );
      expect(items.total).toBe(g.n);
    }
  });

  test('open items are open; a bad cursor and an impossible status are 400s', async () => {
    const open = ItemsResponseSchema.parse(
      (await get(`/api/standards/tm-exam/items?status=open&period=${lastMonth.id}`)).body,
    );
    expect(open.total).toBeGreaterThan(0);
    for (const item of open.items)
      if (item.kind === 'work_item') expect(item.completedAt).toBeNull();
    await expect400('/api/standards/tm-exam/items?cursor=not-a-cursor', 'cursor');
    await expect400('/api/standards/csat/items?status=open', 'status');
    await expect400('/api/standards/tm-exam/items?limit=1000', 'limit');
    const csat = ItemsResponseSchema.parse(
      (await get('/api/standards/csat/items?period=2025-10')).body,
    );
    for (const item of csat.items)
      if (item.kind === 'feedback') expect(item.score).toBeLessThanOrEqual(3);
    expect(parsePeriod('2025-10').start).toBe(csat.period.start);
  });
});
