import { HealthResponseSchema, StandardsResponseSchema } from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { STANDARDS } from '../src/catalogue/catalogue.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('GET /api/health', () => {
  test('reports the database up with the newest migration', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = HealthResponseSchema.parse(res.json());
    expect(body.status).toBe('ok');
    expect(body.database.up).toBe(true);
    expect(body.database.migration).toMatch(/^\d{4}_/);
    expect(Number.parseInt(body.database.serverVersion ?? '0', 10)).toBeGreaterThanOrEqual(15);
  });

  test('answers 503 and says degraded when the database is gone', async () => {
    const lost = await createTestDatabase();
    const lonely = await buildApp({ db: lost, dbMode: 'external' });
    await lost.pool.end();
    const res = await lonely.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(HealthResponseSchema.parse(res.json()).database.up).toBe(false);
    await lonely.close();
    await lost.prisma.$disconnect();
    await lost.drop().catch(() => {});
  });
});

describe('GET /api/standards', () => {
  test('lists the 13 catalogue standards with their targets in force', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/standards' });
    expect(res.statusCode).toBe(200);
    const { standards } = StandardsResponseSchema.parse(res.json());
    expect(standards.map((s) => s.code)).toEqual(STANDARDS.map((s) => s.code));
    const calls = standards.find((s) => s.code === 'csc-calls');
    expect(calls).toMatchObject({
      kind: 'timeliness',
      measure: 'within_threshold_share',
      threshold: { value: 60, unit: 'seconds' },
      target: { value: 0.9, tolerance: 0.02 },
      service: { code: 'customer-support' },
      workTypes: ['phone_call'],
    });
    const tm = standards.find((s) => s.code === 'tm-exam');
    expect(tm).toMatchObject({
      measure: 'percentile_turnaround',
      percentile: 90,
      target: { value: 10 },
    });
    expect(standards.find((s) => s.code === 'csat')?.service).toBeNull();
    expect(standards.find((s) => s.code === 'quality-tm')?.workTypes).toEqual([
      'design_examination',
      'tm_examination',
    ]);
  });

  test('shows the target version in force today, not a superseded or future one', async () => {
    const { rows } = await db.pool.query<{ id: number }>(
      `SELECT id FROM standard WHERE code = 'complaints'`,
    );
    const id = rows[0]?.id;
    await db.pool.query(
      `UPDATE target_version SET effective_to = CURRENT_DATE - 1 WHERE standard_id = $1`,
      [id],
    );
    await db.pool.query(
      `INSERT INTO target_version (standard_id, effective_from, target, tolerance, changed_by, reason)
       VALUES ($1, CURRENT_DATE, 0.95, 0.02, 'test', 'raised'),
              ($1, CURRENT_DATE + 30, 0.97, 0.02, 'test', 'future')`,
      [id],
    );
    const res = await app.inject({ method: 'GET', url: '/api/standards' });
    const complaints = StandardsResponseSchema.parse(res.json()).standards.find(
      (s) => s.code === 'complaints',
    );
    expect(complaints?.target?.value).toBe(0.95);
    expect(complaints?.target?.reason).toBe('raised');
  });
});

describe('errors and documentation', () => {
  test('an unknown API route is a JSON 404', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  test('OpenAPI lists the routes with their response schemas', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/standards']),
    );
    expect(JSON.stringify(doc.paths['/api/standards'])).toContain('minimumSample');
  });
});

describe('serving the built app', () => {
  test('hashed assets are cached for good, missing ones are 404s, client routes get index.html, gzip when asked', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dist = await mkdtemp(path.join(os.tmpdir(), 'ipo-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>x</title>');
    const served = await buildApp({ db, dbMode: 'external', webDist: dist });
    try {
      // Written after start-up, as after a rebuild: still served.
      await writeFile(
        path.join(dist, 'assets', 'app-abc123.js'),
        `console.log(${'1,'.repeat(2000)}1);`,
      );
      const asset = await served.inject({
        url: '/assets/app-abc123.js',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      expect(asset.headers['content-encoding']).toBe('gzip');
      expect((await served.inject({ url: '/assets/gone-000.js' })).statusCode).toBe(404);
      const page = await served.inject({ url: '/standards/csc-calls?period=2025-07' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect((await served.inject({ url: '/api/nothing' })).statusCode).toBe(404);
    } finally {
      await served.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
  test('index.html hints what the page will fetch: the schemas chunk, and for a signed-in browser the session and the scorecard as the page asks for it', async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dist = await mkdtemp(path.join(os.tmpdir(), 'ipo-dist-'));
    await mkdir(path.join(dist, '.vite'), { recursive: true });
    await writeFile(
      path.join(dist, 'index.html'),
      '<!doctype html><html><head><title>x</title></head><body></body></html>',
    );
    await writeFile(
      path.join(dist, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_runtime.js'] },
        '_runtime.js': { file: 'assets/runtime-0.js' },
        'src/lib/contracts.ts': {
          file: 'assets/contracts-2.js',
          src: 'src/lib/contracts.ts',
          // What the entry loads anyway is not hinted again; the schemas' own chunks are.
          imports: ['_runtime.js', '_common-3.js', 'index.html'],
        },
        '_common-3.js': { file: 'assets/common-3.js', imports: ['_runtime.js'] },
      }),
    );
    const served = await buildApp({ db, dbMode: 'external', webDist: dist });
    const hints = (html: string) =>
      [...html.matchAll(/<link rel="(preload|modulepreload)"[^>]*href="([^"]+)">/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
    try {
      const anonymous = await served.inject({ url: '/' });
      expect(anonymous.statusCode).toBe(200);
      expect(anonymous.headers['cache-control']).toBe('no-cache');
      // Nobody signed in: the sign-in page follows, so no figures are asked for.
      expect(hints(anonymous.body)).toEqual([
        'modulepreload /assets/contracts-2.js',
        'modulepreload /assets/common-3.js',
      ]);

      const cookie = 'ipo_session=anything';
      const home = await served.inject({
        url: '/?team=7&period=2025-26-Q2&x=1',
        headers: { cookie },
      });
      expect(hints(home.body)).toEqual([
        'modulepreload /assets/contracts-2.js',
        'modulepreload /assets/common-3.js',
        'preload /api/session',
        'preload /api/scorecard?period=2025-26-Q2&amp;team=7',
        'preload /api/teams',
        'preload /api/freshness',
      ]);
      // A team the page would not read is not asked for; another page gets the session only.
      const badTeam = await served.inject({ url: '/?team=0', headers: { cookie } });
      expect(hints(badTeam.body)).toContain('preload /api/scorecard');
      const other = await served.inject({ url: '/standards/csc-calls', headers: { cookie } });
      expect(hints(other.body)).toEqual([
        'modulepreload /assets/contracts-2.js',
        'modulepreload /assets/common-3.js',
        'preload /api/session',
      ]);
    } finally {
      await served.close();
      await rm(dist, { recursive: true, force: true });
    }
  });
});
