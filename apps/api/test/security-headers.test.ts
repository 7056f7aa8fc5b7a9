import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ErrorResponseSchema,
  HealthResponseSchema,
  ImportHistoryResponseSchema,
} from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/** Headers and exposure: what every answer says about itself, and what it must not say. */

type App = Awaited<ReturnType<typeof buildApp>>;

let db: TestDatabase;
let webDist: string;
const apps: App[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // A stand-in for the built SPA: its index and one hashed asset.
  webDist = await mkdtemp(path.join(os.tmpdir(), 'ipo-web-dist-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(
    path.join(webDist, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>',
  );
  await writeFile(path.join(webDist, 'assets', 'index-abc.js'), 'console.log(1);\n');
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.drop();
  await rm(webDist, { recursive: true, force: true });
});

async function app(options: Partial<Parameters<typeof buildApp>[0]> = {}): Promise<App> {
  const a = await buildApp({ db, dbMode: 'external', webDist, ...options });
  apps.push(a);
  await a.ready();
  actAs(a, (await signInAs(db, ALL_ROLES)).headers);
  return a;
}

/** The policy as a map of directive -> sources. */
function directives(csp: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name, sources.join(' '));
  }
  return map;
}

function expectSecurityHeaders(headers: Record<string, unknown>, styleSrc = "'self'") {
  const csp = directives(headers['content-security-policy'] as string | undefined);
  expect(Object.fromEntries(csp)).toEqual({
    'default-src': "'self'",
    'script-src': "'self'",
    'script-src-attr': "'none'",
    'style-src': styleSrc,
    'img-src': "'self' data:",
    'font-src': "'self'",
    'connect-src': "'self'",
    'frame-ancestors': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'object-src': "'none'",
  });
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-powered-by']).toBeUndefined();
}

describe('security headers', () => {
  test('on API answers, errors included', async () => {
    const a = await app();
    const ok = await a.inject({ method: 'GET', url: '/api/standards' });
    expect(ok.statusCode).toBe(200);
    expectSecurityHeaders(ok.headers);
    const missing = await a.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expectSecurityHeaders(missing.headers);
    const bad = await a.inject({ method: 'GET', url: '/api/scorecard?period=never' });
    expect(bad.statusCode).toBe(400);
    expectSecurityHeaders(bad.headers);
  });

  test('on the SPA: its index, client-side routes and built assets', async () => {
    const a = await app();
    for (const url of ['/', '/standards/csc-calls', '/assets/index-abc.js']) {
      const res = await a.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res.headers);
    }
    expect((await a.inject({ method: 'GET', url: '/' })).body).toContain('<div id="root">');
  });

  test('the API documentation has the same policy, but for inline styles', async () => {
    const a = await app();
    // Swagger UI adds a <style> element at run time: its pages alone allow inline styles.
    for (const url of ['/api/docs/', '/api/docs/static/swagger-initializer.js', '/api/docs/json']) {
      const res = await a.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expectSecurityHeaders(res.headers, "'self' 'unsafe-inline'");
    }
    // Its page loads its scripts from files: no inline script, which stays forbidden.
    const page = await a.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.body).toContain('swagger-initializer.js');
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  test('Strict-Transport-Security in production only', async () => {
    const dev = await app();
    expect((await dev.inject({ method: 'GET', url: '/api/standards' })).headers).not.toHaveProperty(
      'strict-transport-security',
    );
    const prod = await app({ production: true });
    expect(
      (await prod.inject({ method: 'GET', url: '/api/standards' })).headers[
        'strict-transport-security'
      ],
    ).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('ALLOWED_HOSTS', () => {
  test('answers the listed hosts, with or without a port when listed by name; 421 for others', async () => {
    const a = await app({ allowedHosts: ['dashboard.example.gov.uk', 'localhost:3000'] });
    const get = (host: string, url = '/api/health') =>
      a.inject({ method: 'GET', url, headers: { host } });
    expect((await get('dashboard.example.gov.uk')).statusCode).toBe(200);
    expect((await get('DASHBOARD.example.gov.uk:8443')).statusCode).toBe(200);
    expect((await get('localhost:3000')).statusCode).toBe(200);
    for (const host of ['localhost:3001', 'localhost', 'attacker.example', '127.0.0.1']) {
      const res = await get(host);
      expect(res.statusCode, host).toBe(421);
      expect(ErrorResponseSchema.parse(res.json())).toMatchObject({
        statusCode: 421,
        error: 'Misdirected Request',
      });
      expectSecurityHeaders(res.headers);
    }
    // The SPA too.
    expect((await get('attacker.example', '/')).statusCode).toBe(421);
  });

  test('unset: any host', async () => {
    const a = await app();
    const res = await a.inject({
      method: 'GET',
      url: '/api/health',
      headers: { host: 'whatever.example' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('exposure in production', () => {
  test('the health check does not give the database server version', async () => {
    const dev = HealthResponseSchema.parse(
      (await (await app()).inject({ method: 'GET', url: '/api/health' })).json(),
    );
    expect(dev.database.serverVersion).toMatch(/^\d+/);
    const prod = HealthResponseSchema.parse(
      (
        await (await app({ production: true })).inject({ method: 'GET', url: '/api/health' })
      ).json(),
    );
    expect(prod.database).toMatchObject({ up: true, serverVersion: null });
  });

  test('uploader addresses are neither stored nor shown in the import history (the uploader is named)', async () => {
    const a = await app({ production: true });
    const steward = await signInAs(db, ['data-steward']);
    // Recorded before addresses stopped being stored.
    await db.pool.query(
      `INSERT INTO import_batch (kind, status, source, created_by, started_at, finished_at)
       VALUES ('work_items', 'applied', 'old.csv', 'web upload (203.0.113.7)', now() - interval '1 day', now())`,
    );
    const res = await a.inject({
      method: 'POST',
      url: '/api/imports/work-items?source=addresses&filename=new.csv',
      headers: { 'content-type': 'text/csv', ...steward.headers },
      payload:
        'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\nAD-1,phone_call,customer-support,,phone,individual,2025-07-01T09:00:00Z,\n',
      remoteAddress: '198.51.100.23',
    });
    expect(res.statusCode).toBe(200);
    const { rows } = await db.pool.query<{ created_by: string }>(
      `SELECT created_by FROM import_batch WHERE source = 'new.csv'`,
    );
    expect(rows).toEqual([{ created_by: steward.user.email }]);

    const history = await a.inject({ method: 'GET', url: '/api/imports' });
    const { batches } = ImportHistoryResponseSchema.parse(history.json());
    expect(batches.map((b) => b.createdBy).sort()).toEqual([steward.user.email, 'web upload']);
    expect(history.body).not.toMatch(/203\.0\.113\.7|198\.51\.100\.23/);
  });

  test("a database error's text reaches no answer: not the import's, not the history's", async () => {
    const a = await app({ production: true });
    // A database error with a recognisable text, raised in the middle of an import's merge.
    await db.pool.query(`
      CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'secret-internal-detail in relation hidden_table'; END $$;
      CREATE TRIGGER test_refuse BEFORE INSERT ON work_item
        FOR EACH ROW EXECUTE FUNCTION test_refuse();`);
    try {
      const res = await a.inject({
        method: 'POST',
        url: '/api/imports/work-items?source=refused&filename=refused.csv',
        headers: { 'content-type': 'text/csv' },
        payload:
          'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\nRF-1,phone_call,customer-support,,phone,individual,2025-07-01T09:00:00Z,\n',
      });
      expect(res.statusCode).toBe(500);
      expect(ErrorResponseSchema.parse(res.json()).message).toBe(
        'Something went wrong on our side. It has been logged.',
      );
      expect(res.body).not.toMatch(/secret-internal-detail|hidden_table|plpgsql/);

      const history = await a.inject({ method: 'GET', url: '/api/imports' });
      const refused = ImportHistoryResponseSchema.parse(history.json()).batches.find(
        (b) => b.file === 'refused.csv',
      );
      expect(refused).toMatchObject({ status: 'failed' });
      expect(refused?.message).toMatch(/the import failed on the server/);
      expect(history.body).not.toMatch(/secret-internal-detail|hidden_table/);
      const { rows } = await db.pool.query(
        `SELECT count(*)::int AS n FROM import_batch WHERE message LIKE '%secret-internal-detail%'`,
      );
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await db.pool.query(
        'DROP TRIGGER test_refuse ON work_item; DROP FUNCTION test_refuse() CASCADE',
      );
    }
  });

  test('a failing query answers 500 in our words, without the database text', async () => {
    const a = await app({ production: true });
    await db.pool.query('ALTER TABLE import_batch RENAME TO import_batch_hidden');
    try {
      const res = await a.inject({ method: 'GET', url: '/api/imports' });
      expect(res.statusCode).toBe(500);
      expect(ErrorResponseSchema.parse(res.json()).statusCode).toBe(500);
      expect(res.body).not.toMatch(/import_batch|relation|does not exist/);
    } finally {
      await db.pool.query('ALTER TABLE import_batch_hidden RENAME TO import_batch');
    }
  });
});
