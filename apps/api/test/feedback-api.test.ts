import {
  ActionSchema,
  ActionsResponseSchema,
  ErrorResponseSchema,
  FeedbackCommentsSchema,
  FeedbackGroupsSchema,
  FeedbackPerformanceSchema,
  FeedbackPhrasesSchema,
  FeedbackSeriesSchema,
  FeedbackSummarySchema,
  FeedbackThemesSchema,
  TaxonomyChangeResponseSchema,
  TaxonomyResponseSchema,
} from '@ipo/contracts';
import { wilsonInterval } from '@ipo/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { TAXONOMY_LOCK } from '../src/db/locks.js';
import { DEFAULT_THEMES } from '../src/feedback/default-taxonomy.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { PERSONAL_CASES } from './support/redaction-cases.js';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;

// Scale 0.3 (about 18 responses a working day) so that weekly figures of one service are not all
// suppressed; narrow filters still give cells under 10.
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, {
    seed: 7,
    scale: 0.3,
    from: '2025-09-01',
    now: new Date('2025-12-20T12:00:00Z'),
  });
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as unknown };
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.pool.query(sql, params);
  return rows[0] as T;
}

describe('stored comments', () => {
  test('no stored comment holds personal data from the tricky cases, and redaction happened', async () => {
    for (const [, secret] of PERSONAL_CASES) {
      const r = await one<{ n: number }>(
        'SELECT count(*)::int AS n FROM feedback_response WHERE comment ILIKE $1',
        [`%${secret}%`],
      );
      expect(r.n, secret).toBe(0);
    }
    const leaks = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_response
        WHERE comment ~ '@' OR comment ~ '\\d{4}[ -]?\\d{4}[ -]?\\d{4}' OR comment ~ '0\\d{3,4} ?\\d{3}'
           OR comment ~* '\\mQQ ?\\d'`,
    );
    expect(leaks.n).toBe(0);
    const markers = await one<{ n: number }>(
      `SELECT count(DISTINCT comment)::int AS n FROM feedback_response WHERE comment ~ '\\[(email|phone number|postcode|NI number|card number) removed\\]'`,
    );
    // The demo's eight personal-data templates, each redacted.
    expect(markers.n).toBeGreaterThanOrEqual(5);
  });

  test('themes and sentiment are stored with every comment; waiting doubles while calls slipped', async () => {
    const r = await one<{
      untagged: number;
      nosentiment: number;
      positive: number;
      negative: number;
    }>(
      `SELECT count(*) FILTER (WHERE comment IS NOT NULL AND cardinality(themes) = 0)::int AS untagged,
              count(*) FILTER (WHERE comment IS NOT NULL AND sentiment IS NULL)::int AS nosentiment,
              avg(sentiment) FILTER (WHERE type = 'compliment') AS positive,
              avg(sentiment) FILTER (WHERE type = 'complaint') AS negative
         FROM feedback_response`,
    );
    expect(r.nosentiment).toBe(0);
    expect(r.positive).toBeGreaterThan(0.1);
    expect(r.positive).toBeGreaterThan(r.negative + 0.2);
    expect(r.negative).toBeLessThan(0);
    const waiting = await one<{ before: number; during: number }>(
      `SELECT avg((themes @> '{waiting-times}')::int) FILTER (WHERE submitted_date < '2025-10-01') AS before,
              avg((themes @> '{waiting-times}')::int) FILTER (WHERE submitted_date >= '2025-10-01') AS during
         FROM feedback_response WHERE service_code = 'customer-support' AND comment IS NOT NULL`,
    );
    expect(waiting.during).toBeGreaterThan(waiting.before * 1.4);
  });

  test('the taxonomy the migration wrote is the default taxonomy', async () => {
    const res = await get('/api/feedback/themes/taxonomy');
    expect(res.status).toBe(200);
    const { themes } = TaxonomyResponseSchema.parse(res.body);
    const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
    expect(themes.map(({ code, name, phrases }) => ({ code, name, phrases })).sort(byCode)).toEqual(
      DEFAULT_THEMES.map(({ code, name, phrases }) => ({ code, name, phrases: [...phrases] })).sort(
        byCode,
      ),
    );
  });
});

describe('GET /api/feedback/summary', () => {
  test('figures equal the raw rows, with n, Wilson interval and status against 85%', async () => {
    const res = await get('/api/feedback/summary?period=2025-11&service=customer-support');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const s = FeedbackSummarySchema.parse(res.body);
    const raw = await one<{
      n: number;
      scored: number;
      sat: number;
      mean: number;
      general: number;
    }>(
      `SELECT count(*)::int AS n, count(score)::int AS scored, count(*) FILTER (WHERE score >= 4)::int AS sat,
              avg(score)::float AS mean, count(*) FILTER (WHERE type = 'general')::int AS general
         FROM feedback_response WHERE service_code = 'customer-support'
          AND submitted_date BETWEEN '2025-11-01' AND '2025-11-30'`,
    );
    expect(raw.scored).toBeGreaterThan(30);
    expect(s.range).toMatchObject({ from: '2025-11-01', to: '2025-11-30', period: '2025-11' });
    expect(s.responses).toMatchObject({ value: raw.n, n: raw.n, suppressed: false });
    expect(s.satisfied.n).toBe(raw.scored);
    expect(s.satisfied.value).toBeCloseTo(raw.sat / raw.scored, 12);
    expect(s.satisfied.interval).toEqual(wilsonInterval(raw.sat, raw.scored));
    expect(s.meanScore.value).toBeCloseTo(raw.mean, 12);
    expect(s.target).toBe(0.85);
    const share = raw.sat / raw.scored;
    expect(s.status).toBe(share >= 0.85 ? 'met' : share >= 0.83 ? 'near' : 'missed');
    // The largest type's cell (general feedback) is never one that protection withholds.
    expect(raw.general).toBeGreaterThan(30);
    expect(s.types.find((t) => t.type === 'general')?.count.value).toBe(raw.general);
    // The spread of scores is shown with the figure, each over the responses with a score.
    const distributed = s.distribution.reduce((sum, d) => sum + (d.count.value ?? 0), 0);
    expect(distributed).toBe(raw.scored);
    for (const d of s.distribution) expect(d.count.n).toBe(raw.scored);
    expect(s.sentiment.value).not.toBeNull();
  });

  test('a filter combination with fewer than 10 responses is suppressed in every cell', async () => {
    // A service and customer group with 1-9 responses in November (the demo data is seeded).
    const small = await one<{ service: string; g: string; n: number }>(
      `SELECT service_code AS service, customer_group::text AS g, count(*)::int AS n
         FROM feedback_response WHERE submitted_date BETWEEN '2025-11-01' AND '2025-11-30'
        GROUP BY 1, 2 HAVING count(*) BETWEEN 1 AND 9 ORDER BY 1, 2 LIMIT 1`,
    );
    expect(small).toBeDefined();
    const url = `/api/feedback/summary?period=2025-11&service=${small.service}&customerGroup=${small.g}`;
    const s = FeedbackSummarySchema.parse((await get(url)).body);
    // No count, no n, no successes: 'fewer than 10' and nothing more.
    expect(s.responses).toEqual({ value: null, n: null, suppressed: true, label: 'fewer than 10' });
    expect(s.satisfied).toMatchObject({
      value: null,
      n: null,
      suppressed: true,
      label: 'fewer than 10',
      successes: null,
      interval: null,
    });
    expect(s.meanScore).toMatchObject({ value: null, suppressed: true });
    expect(s.status).toBe('no_data');
    for (const d of s.distribution)
      expect(d.count).toMatchObject({ value: null, suppressed: true });

    const themes = FeedbackThemesSchema.parse((await get(url.replace('/summary', '/themes'))).body);
    for (const t of themes.themes) {
      expect(t.count.suppressed).toBe(true);
      expect(t.count.value).toBeNull();
      expect(t.satisfied.value).toBeNull();
      expect(t.change).toBeNull();
    }
    const series = FeedbackSeriesSchema.parse(
      (await get(url.replace('/summary', '/series').replace('period=2025-11', 'period=2025-26-Q3')))
        .body,
    );
    expect(series.points.map((p) => p.period.id)).toEqual(['2025-10', '2025-11', '2025-12']);
    for (const p of series.points) {
      expect(p.satisfied).toMatchObject({ value: null, n: null, suppressed: true });
    }
    const comments = FeedbackCommentsSchema.parse(
      (await get(url.replace('/summary', '/comments'))).body,
    );
    expect(comments).toMatchObject({ withheld: true, total: 0, comments: [], nextCursor: null });
  });

  test('a bad period or range is a 400 naming the field', async () => {
    for (const [url, field] of [
      ['/api/feedback/summary?period=2025-13', 'period'],
      ['/api/feedback/summary?from=2025-12-01&to=2025-11-30', 'from'],
      ['/api/feedback/summary?period=2025-11&from=2025-11-01', 'period'],
      ['/api/feedback/summary?channel=fax', 'channel'],
      // Feedback figures cover whole months: no week, no part of a month.
      ['/api/feedback/summary?period=2025-W45', 'period'],
      ['/api/feedback/summary?from=2025-11-03&to=2025-11-30', 'from'],
      ['/api/feedback/summary?from=2025-11-01&to=2025-11-29', 'to'],
      ['/api/feedback/series?granularity=week', 'granularity'],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(ErrorResponseSchema.parse(res.body).issues?.map((i) => i.field)).toContain(field);
    }
  });
});

describe('GET /api/feedback/series and themes', () => {
  test('monthly and quarterly points cover the range and add up to the summary', async () => {
    const series = FeedbackSeriesSchema.parse(
      (await get('/api/feedback/series?from=2025-09-01&to=2025-11-30&granularity=month')).body,
    );
    expect(series.points.map((p) => p.period.id)).toEqual(['2025-09', '2025-10', '2025-11']);
    const summary = FeedbackSummarySchema.parse(
      (await get('/api/feedback/summary?from=2025-09-01&to=2025-11-30')).body,
    );
    expect(series.points.reduce((s, p) => s + (p.responses.value ?? 0), 0)).toBe(
      summary.responses.value,
    );
    for (const p of series.points) expect(p.satisfied.suppressed).toBe(false);
    const quarters = FeedbackSeriesSchema.parse(
      (await get('/api/feedback/series?period=2025-26&granularity=quarter')).body,
    );
    expect(quarters.points.map((p) => p.period.id)).toEqual([
      '2025-26-Q1',
      '2025-26-Q2',
      '2025-26-Q3',
      '2025-26-Q4',
    ]);
    const q3 = FeedbackSummarySchema.parse(
      (await get('/api/feedback/summary?period=2025-26-Q3')).body,
    );
    expect(quarters.points[2]?.responses.value).toBe(q3.responses.value);
  });

  test('themes count responses and compare with the previous period of the same length', async () => {
    const t = FeedbackThemesSchema.parse((await get('/api/feedback/themes?period=2025-11')).body);
    expect(t.previousRange).toMatchObject({ period: '2025-10', from: '2025-10-01' });
    expect(t.themes).toHaveLength(DEFAULT_THEMES.length);
    const waiting = t.themes.find((x) => x.code === 'waiting-times');
    const raw = await one<{ n: number; scored: number; sat: number }>(
      `SELECT count(*)::int AS n, count(score)::int AS scored, count(*) FILTER (WHERE score >= 4)::int AS sat
         FROM feedback_response WHERE themes @> '{waiting-times}'
          AND submitted_date BETWEEN '2025-11-01' AND '2025-11-30'`,
    );
    expect(raw.scored).toBeGreaterThanOrEqual(10);
    expect(waiting?.count).toMatchObject({ value: raw.n, n: raw.n });
    expect(waiting?.satisfied.value).toBeCloseTo(raw.sat / raw.scored, 12);
    const prev = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_response
        WHERE themes @> '{waiting-times}' AND submitted_date BETWEEN '2025-10-01' AND '2025-10-31'`,
    );
    expect(waiting?.previous.value).toBe(prev.n);
    expect(waiting?.change).toBe(raw.n - prev.n);
  });
});

describe('GET /api/feedback/comments', () => {
  test('full-text search with stemming, highlighted as segments, paged by keyset', async () => {
    const first = FeedbackCommentsSchema.parse(
      (await get('/api/feedback/comments?period=2025-26-Q3&q=waited%20phone&limit=7')).body,
    );
    expect(first.total).toBeGreaterThan(7);
    expect(first.comments).toHaveLength(7);
    for (const c of first.comments) {
      const matches = c.segments.filter((s) => s.match).map((s) => s.text.toLowerCase());
      expect(matches.some((m) => m.startsWith('wait'))).toBe(true);
      expect(matches).toContain('phone');
      expect(c.segments.map((s) => s.text).join('')).not.toMatch(/[\uE000\uE001]/);
    }
    const seen = new Set(first.comments.map((c) => c.id));
    let cursor = first.nextCursor;
    let pages = 1;
    while (cursor) {
      const page = FeedbackCommentsSchema.parse(
        (
          await get(
            `/api/feedback/comments?period=2025-26-Q3&q=waited%20phone&limit=7&cursor=${cursor}`,
          )
        ).body,
      );
      for (const c of page.comments) {
        expect(seen.has(c.id)).toBe(false);
        seen.add(c.id);
      }
      cursor = page.nextCursor;
      pages++;
    }
    expect(seen.size).toBe(first.total);
    expect(pages).toBeGreaterThan(1);
  });

  test('websearch syntax, filters, and markup in a comment stays text', async () => {
    await db.pool.query(
      `INSERT INTO feedback_response (source, source_ref, submitted_at, submitted_date, service_code,
         channel, customer_group, score, type, comment)
       VALUES ('test', 'x1', '2025-11-05T10:00:00Z', '2025-11-05', 'designs', 'post', 'attorney', 2,
               'complaint', '<img src=x onerror=alert(1)> the drawings upload failed')`,
    );
    const res = FeedbackCommentsSchema.parse(
      (
        await get(
          '/api/feedback/comments?period=2025-11&q=%22drawings%20upload%22%20-phone&service=designs',
        )
      ).body,
    );
    expect(res.total).toBe(1);
    expect(res.comments[0]?.segments).toEqual([
      { text: '<img src=x onerror=alert(1)> the ', match: false },
      { text: 'drawings', match: true },
      { text: ' ', match: false },
      { text: 'upload', match: true },
      { text: ' failed', match: false },
    ]);
    const none = FeedbackCommentsSchema.parse(
      (await get('/api/feedback/comments?period=2025-11&q=drawings&channel=phone')).body,
    );
    expect(none.comments.every((c) => c.channel === 'phone')).toBe(true);
    expect(none.comments.some((c) => c.segments.some((s) => s.text.includes('onerror')))).toBe(
      false,
    );
    expect((await get('/api/feedback/comments?cursor=nonsense')).status).toBe(400);
  });
});

describe('GET /api/feedback/groups', () => {
  test('individuals are less satisfied than everyone else, flagged with reasons in words', async () => {
    const g = FeedbackGroupsSchema.parse(
      (await get('/api/feedback/groups?from=2025-09-01&to=2025-11-30')).body,
    );
    const individual = g.groups.find((x) => x.customerGroup === 'individual');
    expect(individual?.satisfied.n).toBeGreaterThan(200);
    // Everyone else is the whole minus the group, with its own n.
    const whole = FeedbackSummarySchema.parse(
      (await get('/api/feedback/summary?from=2025-09-01&to=2025-11-30')).body,
    );
    expect((individual?.satisfied.n ?? 0) + (individual?.rest.n ?? 0)).toBe(whole.satisfied.n);
    expect(individual?.gap).toBeLessThan(-0.05);
    expect(individual?.flagged).toBe(true);
    expect(individual?.reason).toMatch(/Flagged/i);
    const attorneys = g.groups.find((x) => x.customerGroup === 'attorney');
    expect(attorneys?.gap).toBeGreaterThan(0);
  });

  test('a suppressed group is not compared', async () => {
    const small = await one<{ service: string; g: string }>(
      `SELECT service_code AS service, customer_group::text AS g
         FROM feedback_response WHERE submitted_date BETWEEN '2025-11-01' AND '2025-11-30'
        GROUP BY 1, 2 HAVING count(*) BETWEEN 1 AND 9 ORDER BY 1, 2 LIMIT 1`,
    );
    const g = FeedbackGroupsSchema.parse(
      (await get(`/api/feedback/groups?period=2025-11&service=${small.service}`)).body,
    );
    const hidden = g.groups.find((x) => x.customerGroup === small.g);
    expect(hidden?.satisfied).toMatchObject({ value: null, n: null, suppressed: true });
    for (const x of g.groups.filter((y) => y.satisfied.suppressed)) {
      expect(x).toMatchObject({ gap: null, p: null, flagged: false });
      expect(x.reason).toMatch(/fewer than 10/);
    }
    // Within a channel, customer groups are not compared at all (one split at a time).
    const within = FeedbackGroupsSchema.parse(
      (await get('/api/feedback/groups?period=2025-11&channel=post')).body,
    );
    for (const x of within.groups) {
      expect(x.satisfied.suppressed).toBe(true);
      expect(x.reason).toMatch(/without a channel filter/);
    }
  });
});

describe('GET /api/feedback/performance', () => {
  test('monthly satisfaction beside calls answered on time (Pearson r with its n)', async () => {
    const res = await get(
      '/api/feedback/performance?service=customer-support&from=2025-09-01&to=2025-11-30',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const p = FeedbackPerformanceSchema.parse(res.body);
    expect(p.months.map((m) => m.month)).toEqual(['2025-09', '2025-10', '2025-11']);
    const calls = p.standards.find((s) => s.code === 'csc-calls');
    expect(calls).toBeDefined();
    expect(p.standards.map((s) => s.code)).toContain('csc-written');
    expect(calls?.onTime.map((o) => o.month)).toEqual(['2025-09', '2025-10', '2025-11']);
    expect(calls?.n).toBe(3);
    expect(calls?.correlation).not.toBeNull();
    expect(calls?.summary).toContain('3 months');
    // Calls slipped in October: satisfaction in September is above October's.
    const [sep, oct] = p.months;
    expect(sep?.satisfied.value).toBeGreaterThan(oct?.satisfied.value ?? 1);
    expect((await get('/api/feedback/performance')).status).toBe(400);
    expect((await get('/api/feedback/performance?service=nope')).status).toBe(404);
  });
});

describe('actions: you said, we did', () => {
  test('create, update, list published, mark on the theme trend, delete', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/feedback/actions',
      payload: {
        themeCode: 'waiting-times',
        title: 'Added 12 advisers at peak times',
        description: 'You said you waited too long on the phone; we added advisers.',
        owner: 'Head of Customer Support',
        status: 'in_progress',
        startedOn: '2025-11-10',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = ActionSchema.parse(created.json());
    expect(action).toMatchObject({ themeName: 'Waiting times', published: false });

    const bad = await app.inject({
      method: 'POST',
      url: '/api/feedback/actions',
      payload: { themeCode: 'no-such-theme', title: 'x', owner: 'y' },
    });
    expect(bad.statusCode).toBe(400);

    let published = ActionsResponseSchema.parse(
      (await get('/api/feedback/actions?published=true')).body,
    );
    expect(published.actions.map((a) => a.id)).not.toContain(action.id);

    const updated = await app.inject({
      method: 'PUT',
      url: `/api/feedback/actions/${action.id}`,
      payload: { ...action, status: 'done', completedOn: '2025-12-01', published: true },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    published = ActionsResponseSchema.parse(
      (await get('/api/feedback/actions?published=true')).body,
    );
    expect(published.actions).toEqual([expect.objectContaining({ id: action.id, status: 'done' })]);

    const series = FeedbackSeriesSchema.parse(
      (await get('/api/feedback/series?period=2025-26-Q3&theme=waiting-times')).body,
    );
    expect(series.actions).toEqual([
      { id: action.id, title: action.title, status: 'done', on: '2025-11-10' },
    ]);

    const conflict = await app.inject({
      method: 'DELETE',
      url: '/api/feedback/themes/taxonomy/waiting-times',
    });
    expect(conflict.statusCode).toBe(409);

    expect(
      (await app.inject({ method: 'DELETE', url: `/api/feedback/actions/${action.id}` }))
        .statusCode,
    ).toBe(204);
    expect((await get(`/api/feedback/actions/${action.id}`)).status).toBe(404);
    // Beyond PostgreSQL's integer range: a 400 naming the field, not a database error.
    const huge = await get('/api/feedback/actions/99999999999');
    expect(huge.status).toBe(400);
    expect(ErrorResponseSchema.parse(huge.body).issues?.map((i) => i.field)).toContain('id');
  });
});

describe('taxonomy and phrase discovery', () => {
  test('frequent phrases exclude stop words and phrases of existing themes', async () => {
    const res = FeedbackPhrasesSchema.parse(
      (await get('/api/feedback/phrases?period=2025-26-Q3&minCount=10')).body,
    );
    expect(res.phrases.length).toBeGreaterThan(3);
    for (const p of res.phrases) {
      expect(p.count).toBeGreaterThanOrEqual(10);
      expect(p.phrase).not.toMatch(/\bwait\b|\bonlin\b|^the |\bthe$/);
    }
    // 'Could you send reminders by text before renewal deadlines?' is in no theme yet.
    expect(res.phrases.map((p) => p.phrase)).toContain('renew deadlin');
  });

  test('adding, changing and removing a theme re-tags stored comments', async () => {
    const count = async () =>
      (
        await one<{ n: number }>(
          `SELECT count(*)::int AS n FROM feedback_response WHERE themes @> '{deadlines}'`,
        )
      ).n;
    const expected = (
      await one<{ n: number }>(
        `SELECT count(*)::int AS n FROM feedback_response WHERE comment ILIKE '%renewal deadline%'`,
      )
    ).n;
    expect(expected).toBeGreaterThan(0);
    const created = await app.inject({
      method: 'POST',
      url: '/api/feedback/themes/taxonomy',
      payload: { code: 'deadlines', name: 'Renewal deadlines', phrases: ['renewal deadline'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    // Also re-tags the comment another test inserted without themes.
    expect(TaxonomyChangeResponseSchema.parse(created.json()).retagged).toBeGreaterThanOrEqual(
      expected,
    );
    expect(await count()).toBe(expected);

    const dup = await app.inject({
      method: 'POST',
      url: '/api/feedback/themes/taxonomy',
      payload: { code: 'deadlines', name: 'Again', phrases: ['x'] },
    });
    expect(dup.statusCode).toBe(409);

    const changed = await app.inject({
      method: 'PUT',
      url: '/api/feedback/themes/taxonomy/deadlines',
      payload: { phrases: ['nothing anybody wrote'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(await count()).toBe(0);

    await app.inject({
      method: 'PUT',
      url: '/api/feedback/themes/taxonomy/deadlines',
      payload: { phrases: ['deadlines'] },
    });
    expect(
      (await app.inject({ method: 'DELETE', url: '/api/feedback/themes/taxonomy/deadlines' }))
        .statusCode,
    ).toBe(200);
    expect(await count()).toBe(0);
  });

  test('a theme change waits for a running feedback import, then answers 409 with Retry-After', async () => {
    // A feedback import in progress holds the taxonomy lock in shared mode.
    const importer = new pg.Client({ connectionString: db.url });
    await importer.connect();
    try {
      await importer.query('SELECT pg_advisory_lock_shared($1)', [TAXONOMY_LOCK]);
      const res = await app.inject({
        method: 'POST',
        url: '/api/feedback/themes/taxonomy',
        payload: { code: 'while-importing', name: 'While importing', phrases: ['x'] },
      });
      expect(res.statusCode).toBe(409);
      expect(res.headers['retry-after']).toBe('30');
      expect(ErrorResponseSchema.parse(res.json()).message).toMatch(/feedback import/);
    } finally {
      await importer.end();
    }
    const themes = TaxonomyResponseSchema.parse((await get('/api/feedback/themes/taxonomy')).body);
    expect(themes.themes.map((t) => t.code)).not.toContain('while-importing');
  });

  test('the feedback routes are in the OpenAPI document', async () => {
    const doc = (await get('/api/docs/json')).body as { paths: Record<string, unknown> };
    for (const path of [
      '/api/feedback/summary',
      '/api/feedback/series',
      '/api/feedback/themes',
      '/api/feedback/comments',
      '/api/feedback/groups',
      '/api/feedback/performance',
      '/api/feedback/phrases',
      '/api/feedback/actions',
      '/api/feedback/actions/{id}',
      '/api/feedback/themes/taxonomy',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });

  test('every signed-in user reads the taxonomy and actions; only administrators change themes', async () => {
    const viewer = await signInAs(db, ['viewer']);
    const read = (url: string) => app.inject({ method: 'GET', url, headers: viewer.headers });
    expect((await read('/api/feedback/themes/taxonomy')).statusCode).toBe(200);
    expect((await read('/api/feedback/actions')).statusCode).toBe(200);
    const res = await app.inject({
      method: 'POST',
      url: '/api/feedback/themes/taxonomy',
      headers: viewer.headers,
      payload: { code: 'viewer-theme', name: 'Viewer theme', phrases: ['viewer phrase'] },
    });
    expect(res.statusCode).toBe(403);
  });
});
