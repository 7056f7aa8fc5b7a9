import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addDays,
  lastNPeriods,
  latestCompletePeriod,
  londonDate,
  periodContaining,
} from '@ipo/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { SERVICES, STANDARDS } from '../src/catalogue/catalogue.js';
import { waitForRecalculations } from '../src/derive/recalculate.js';
import { DEFAULT_THEMES } from '../src/feedback/default-taxonomy.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase } from './support/database.js';

/**
 * Every GET route in Fastify's route table, sent generated query strings (keys from the route's
 * schema and random ones; junk, huge and negative numbers, empty and very long strings, unicode,
 * repeated keys, impossible dates, period ids of every kind) and path parameters (real codes and
 * junk): none may answer 5xx. A bad request is the client's mistake and answers 4xx.
 */

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/imports');

// The app is built when the file is collected, so that the tests can be one per route of its
// route table; the rows are written in beforeAll.
const db = await createTestDatabase();
const serverErrors: string[] = [];
const app = await buildApp({
  db,
  dbMode: 'external',
  // 5xx are logged at error level with their stack: kept to explain a failure.
  logger: { level: 'error', stream: { write: (line: string) => void serverErrors.push(line) } },
});
actAs(app, (await signInAs(db, ALL_ROLES)).headers);
await app.ready();

/**
 * The GET routes of the route table, from `printRoutes`' radix tree: each line is a node whose
 * label continues its parent's path; nodes with methods are routes. Checked against `hasRoute`
 * by the first test.
 */
function getRoutes(): string[] {
  const tree = app.printRoutes({ method: 'GET' });
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + (m[2] ?? '');
    stack[depth] = full;
    if (m[3]?.split(', ').includes('GET')) routes.push(full);
  }
  return routes;
}
const routes = getRoutes();

/**
 * Query parameters of each route, the values each one's schema lists and which are required,
 * from the OpenAPI document.
 */
interface RouteSchema {
  params: Map<string, string[]>;
  required: string[];
}
function routeSchemas(): Map<string, RouteSchema> {
  const doc = app.swagger() as {
    paths: Record<
      string,
      {
        get?: { parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[] };
      }
    >;
  };
  const out = new Map<string, RouteSchema>();
  for (const [openApiPath, item] of Object.entries(doc.paths)) {
    if (!item.get) continue;
    const route = openApiPath.replace(/\{([^}]+)\}/g, ':$1');
    const params = new Map<string, string[]>();
    const required: string[] = [];
    for (const p of item.get.parameters ?? []) {
      if (p.in !== 'query') continue;
      const enums = new Set<string>();
      const collect = (schema: unknown) => {
        if (!schema || typeof schema !== 'object') return;
        const s = schema as { enum?: unknown[]; anyOf?: unknown[]; oneOf?: unknown[] };
        for (const v of s.enum ?? []) enums.add(String(v));
        for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) collect(sub);
      };
      collect(p.schema);
      params.set(p.name, [...enums]);
      if (p.required) required.push(p.name);
    }
    out.set(route, { params, required });
  }
  return out;
}
const schemas = routeSchemas();
const allKeys = [...new Set([...schemas.values()].flatMap((s) => [...s.params.keys()]))];

// Valid values found in the data, filled in by beforeAll.
const found = {
  teams: [] as string[],
  actionIds: [] as string[],
  recalculationIds: [] as string[],
  cursors: [] as string[],
};

beforeAll(async () => {
  const today = londonDate(new Date());
  await seedDemoData(db.pool, { seed: 11, scale: 0.05, from: addDays(today, -300) });
  for (const [kind, file] of [
    ['work-items', 'work-items-valid.csv'],
    ['feedback', 'feedback-quoted.csv'],
  ] as const) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/imports/${kind}`,
      headers: { 'content-type': 'text/csv' },
      payload: await readFile(path.join(fixtures, file)),
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const action = await app.inject({
    method: 'POST',
    url: '/api/feedback/actions',
    payload: { themeCode: DEFAULT_THEMES[0]?.code, title: 'Shorter queues', owner: 'Team lead' },
  });
  expect(action.statusCode, action.body).toBe(201);
  found.actionIds.push(String(action.json<{ id: number }>().id));
  const closure = await app.inject({
    method: 'POST',
    url: '/api/admin/closure-days',
    payload: { date: addDays(today, -20), scope: 'organisation', reason: 'Route fuzz test' },
  });
  await waitForRecalculations();
  const job = closure.json<{ recalculation?: { id: number } }>().recalculation;
  if (job) found.recalculationIds.push(String(job.id));
  const { rows } = await db.pool.query<{ id: string }>('SELECT id::text FROM team LIMIT 5');
  found.teams.push(...rows.map((r) => r.id));
  for (const url of [
    `/api/standards/csc-calls/items?status=all&limit=1&period=${today.slice(0, 7)}`,
    '/api/feedback/comments?limit=1',
  ]) {
    const res = await app.inject({ method: 'GET', url });
    const next = res.json<{ nextCursor?: string | null }>().nextCursor;
    if (next) found.cursors.push(next);
  }
}, 120_000);

afterAll(async () => {
  await app.close();
  await db.drop();
});

// --- generators ---------------------------------------------------------------------------------

const pad = (n: number, width: number) =>
  n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0');
const year = fc.oneof(fc.integer({ min: 2018, max: 2028 }), fc.integer({ min: -1, max: 10_001 }));
const twoDigits = fc.integer({ min: -1, max: 100 });

/** Period ids of every kind, valid and not: months, quarters, financial years, ISO weeks. */
const periodId = fc.oneof(
  fc.tuple(year, fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc
    .tuple(year, fc.boolean(), twoDigits, fc.integer({ min: -1, max: 11 }))
    .map(([y, next, yy, q]) => `${pad(y, 4)}-${pad(next ? (y + 1) % 100 : yy, 2)}-Q${q}`),
  fc
    .tuple(year, fc.boolean(), twoDigits)
    .map(([y, next, yy]) => `${pad(y, 4)}-${pad(next ? (y + 1) % 100 : yy, 2)}`),
  fc.tuple(year, fc.integer({ min: -1, max: 60 })).map(([y, w]) => `${pad(y, 4)}-W${pad(w, 2)}`),
  fc.constantFrom(
    '2025-07',
    '2025-26',
    '2025-26-Q2',
    '2025-W27',
    '2026-W53',
    '2020-W53',
    '2011-12',
    '2025-27-Q1',
    '2025-26-Q01',
    '2025-26-q2',
    '2025-26-Q',
    '0000-01',
    '9999-12',
    '9998-99',
    '2025-7',
    '25-26',
    '2025/26',
    '2025-26-H1',
    ' 2025-07',
    '2025-07 ',
  ),
);

/** Dates, valid and impossible. */
const date = fc.oneof(
  fc
    .tuple(year, fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.constantFrom(
    '2025-02-30',
    '2024-02-29',
    '2023-02-29',
    '2100-02-29',
    '2000-02-29',
    '1900-01-01',
    '0001-01-01',
    '9999-12-31',
    '2025-04-31',
    '2025-1-1',
    '20250101',
    '2025-01-01T00:00:00Z',
    '2025-01-01T25:00:00',
    '+002025-01-01',
    'today',
  ),
);

/** Numbers as text: huge, negative, fractional, not a number at all. */
const number = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -3, max: 300 }).map(String),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.constantFrom(
    '0',
    '-0',
    '-1',
    '1e308',
    '1e309',
    '-1e309',
    '9007199254740993',
    '18446744073709551616',
    '99999999999999999999999999999999999999',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1_000',
    '00001',
    '1.5',
    '1,5',
  ),
);

/** Text: empty, junk, unicode, very long. */
const text = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 500, maxLength: 4000 }),
  fc.integer({ min: 100, max: 5000 }).map((n) => '9'.repeat(n)),
  fc.constantFrom(
    ' ',
    'null',
    'undefined',
    'true',
    'false',
    '[]',
    '{}',
    "'; DROP TABLE work_item; --",
    '%',
    '\\',
    '\u0000',
    '\u202e',
    'é',
    '😀',
    'Ω≈ç√',
    'a'.repeat(64),
    'a'.repeat(65),
  ),
);

/** Periods and dates inside the seeded data, of every granularity. */
function recentPeriods() {
  const today = londonDate(new Date());
  const ids = (['week', 'month', 'quarter', 'year'] as const).flatMap((g) => [
    periodContaining(today, g).id,
    ...lastNPeriods(latestCompletePeriod(today, g), 4).map((p) => p.id),
  ]);
  return fc.constantFrom(...ids);
}
const recentDate = fc
  .integer({ min: -400, max: 30 })
  .map((days) => addDays(londonDate(new Date()), days));

/** A value the API accepts for this parameter: it gets past validation and into the queries. */
function validValue(route: string, key: string): fc.Arbitrary<string> {
  const enums = schemas.get(route)?.params.get(key) ?? [];
  if (enums.length) return fc.constantFrom(...enums);
  switch (key) {
    case 'period':
      return recentPeriods();
    case 'from':
    case 'to':
      return fc.oneof(recentDate, recentPeriods());
    case 'team':
      return fc.constantFrom(...(found.teams.length ? found.teams : ['1']));
    case 'service':
      return fc.constantFrom(...SERVICES.map((s) => s.code));
    case 'theme':
      return fc.constantFrom(...DEFAULT_THEMES.map((t) => t.code));
    case 'cursor':
      return found.cursors.length ? fc.constantFrom(...found.cursors) : fc.constant('x');
    case 'q':
      return fc.constantFrom('waiting', 'phone', 'helpful', 'slow service', '"long wait"');
    default:
      return fc.integer({ min: 1, max: 60 }).map(String);
  }
}

/** Any value a client might send for any parameter. */
const anyValue = fc.oneof(
  { weight: 3, arbitrary: periodId },
  { weight: 2, arbitrary: date },
  { weight: 2, arbitrary: number },
  { weight: 3, arbitrary: text },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      ...STANDARDS.map((s) => s.code),
      ...SERVICES.map((s) => s.code),
      ...DEFAULT_THEMES.map((t) => t.code),
      ...[...schemas.values()].flatMap((s) => [...s.params.values()].flat()),
    ),
  },
);

/** Raw, un-encoded snippets of query string: malformed escapes and separators. */
const rawQuery = fc.constantFrom(
  '%',
  '%zz',
  '%E0%A4%A',
  '%FF',
  '%C0%AF',
  '%00',
  '&&&',
  '=',
  '==',
  'period',
  'period=',
  '=2025-07',
  'period=2025-07=2025-08',
  'period%5B%5D=2025-07',
  'period[0]=2025-07',
  'period[a]=1',
  '__proto__[period]=2025-07',
  'constructor=1',
  'team=1&team=2&team=3',
  '+',
  '%2B',
  'from=2025-01-01&to=2024-01-01',
);

function queryString(route: string) {
  const keys = [...(schemas.get(route)?.params.keys() ?? [])];
  const required = schemas.get(route)?.required ?? [];
  const key = fc.oneof(
    { weight: 6, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.constant('period') },
    { weight: 2, arbitrary: fc.constantFrom(...allKeys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a.b'),
    },
  );
  const value = (k: string) =>
    fc.oneof({ weight: 1, arbitrary: validValue(route, k) }, { weight: 2, arbitrary: anyValue });
  // Each entry a key with one value, or the same key repeated (an array).
  const entry = fc.oneof(
    {
      weight: 4,
      arbitrary: key.chain((k) => value(k).map((v) => [[k, v]] as [string, string][])),
    },
    {
      weight: 1,
      arbitrary: key.chain((k) =>
        fc
          .array(value(k), { minLength: 2, maxLength: 3 })
          .map((vs) => vs.map((v) => [k, v] as [string, string])),
      ),
    },
  );
  // A request the schema accepts: the route's required parameters and some of the others, each
  // with a valid value.
  const wellFormed = fc
    .subarray(keys.filter((k) => !required.includes(k)))
    .map((optional) => [...required, ...optional])
    .chain((ks) => fc.tuple(...ks.map((k) => validValue(route, k).map((v) => [k, v] as const))));
  const entries = fc.oneof(
    {
      weight: 2,
      arbitrary: wellFormed.map((e) => e.map(([k, v]) => [[k, v]] as [string, string][])),
    },
    { weight: 3, arbitrary: fc.array(entry, { maxLength: 5 }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(wellFormed, fc.array(entry, { minLength: 1, maxLength: 2 }))
        .map(([good, bad]) => [...good.map(([k, v]) => [[k, v]] as [string, string][]), ...bad]),
    },
  );
  return fc.tuple(entries, fc.option(rawQuery, { freq: 6 })).map(([list, raw]) => {
    const encoded = new URLSearchParams(list.flat()).toString();
    return [encoded, raw ?? ''].filter(Boolean).join('&');
  });
}

/** A path parameter: a real one most of the time, junk otherwise. */
function pathValue(name: string) {
  const valid =
    name === 'code'
      ? fc.constantFrom(...STANDARDS.map((s) => s.code))
      : fc.constantFrom(...found.actionIds, ...found.recalculationIds, '1');
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: number },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
        fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 300 }),
        fc.constantFrom('%', '..', '.', '%2F', 'tm-exam%00', 'TM-EXAM', ' tm-exam'),
      ),
    },
  );
}

function request(route: string) {
  const names = [...route.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
  const params = fc.tuple(...names.map((n) => pathValue(n)));
  const wildcard = fc.oneof(
    fc.constantFrom('', 'index.html', 'swagger-ui.css', '../package.json', '%2e%2e/x'),
    fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  );
  return fc.tuple(params, wildcard, queryString(route)).map(([values, rest, query]) => {
    let i = 0;
    const pathname = route
      .replace(/:(\w+)/g, () => {
        const v = values[i++] ?? '';
        // Raw junk such as '%' stays as it is: the router must cope with it too.
        return v.startsWith('%') || v === '.' || v === '..' ? v : encodeURIComponent(v);
      })
      .replace(/\*$/, rest);
    return query ? `${pathname}?${query}` : pathname;
  });
}

// --- tests --------------------------------------------------------------------------------------

describe('route table', () => {
  test('the walk finds every GET route, each one a route of the app', () => {
    for (const route of routes) {
      expect(app.hasRoute({ method: 'GET', url: route }), route).toBe(true);
    }
    for (const expected of [
      '/api/health',
      '/api/scorecard',
      '/api/standards/:code',
      '/api/standards/:code/series',
      '/api/standards/:code/items',
      '/api/feedback/summary',
      '/api/feedback/series',
      '/api/feedback/actions/:id',
      '/api/imports',
      '/api/admin/closure-days',
      '/api/admin/recalculations/:id',
    ]) {
      expect(routes).toContain(expected);
    }
    // Every route the OpenAPI document describes is walked.
    for (const documented of schemas.keys()) expect(routes).toContain(documented);
  });
});

describe.each(routes)('GET %s', (route) => {
  test('no generated request answers 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(request(route), async (url) => {
        serverErrors.length = 0;
        const res = await app.inject({ method: 'GET', url });
        if (res.statusCode >= 500) {
          throw new Error(
            `GET ${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}\n${serverErrors
              .join('\n')
              .slice(0, 3000)}`,
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});
