import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ErrorResponseSchema,
  HealthResponseSchema,
  IMPORT_COLUMNS,
  ImportHistoryResponseSchema,
  ImportResultSchema,
} from '@ipo/contracts';
import pg from 'pg';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { WORK_TYPES } from '../src/catalogue/catalogue.js';
import { seedCatalogue } from '../src/catalogue/seed-catalogue.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { connect, type Database } from '../src/db/prisma.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { freePort } from './support/ports.js';

/**
 * PostgreSQL restarts in the middle of a long import. The process must not crash (an 'error'
 * nobody hears on a checked-out client would end it, and Vitest with it), the import answers a
 * 5xx in our words, its batch is marked failed with nothing of it kept, /api/health says 503
 * while the database is down, and the server serves again by itself once it is back.
 *
 * This file runs a PostgreSQL of its own, to stop and start it.
 */

/** Enough rows that the import lasts several seconds on a 2-core machine. */
const ROWS = 250_000;
const CHANNELS = ['phone', 'email', 'post', 'online'];
const GROUPS = ['individual', 'small_business', 'large_business', 'attorney'];

let dataDir: string;
let port: number;
let server: EmbeddedDatabase | null = null;
let db: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
const lost: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ipo-restart-'));
  port = await freePort();
  server = await startEmbeddedPostgres({ dataDir, port });
  await migrate(server.url);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await seedCatalogue(client);
  await client.end();
  db = connect(server.url, 4, {
    connectionTimeoutMs: 2_000,
    logger: { warn: (_details, message) => lost.push(message) },
  });
  app = await buildApp({ db, dbMode: 'embedded' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A work-items CSV of `rows` valid rows (deterministic). */
function workItemsCsv(rows: number, prefix: string): string {
  const lines = [IMPORT_COLUMNS['work-items'].join(',')];
  const start = Date.UTC(2025, 3, 1);
  for (let i = 0; i < rows; i++) {
    const w = WORK_TYPES[i % WORK_TYPES.length]!;
    const received = start + ((i * 7_919) % (300 * 86_400)) * 1000;
    const completed = received + ((i * 104_729) % (15 * 86_400)) * 1000;
    lines.push(
      `${prefix}-${i},${w.code},${w.service},Restart Team ${i % 3},${CHANNELS[i % 4]},${GROUPS[(i >> 2) % 4]},${new Date(received).toISOString()},${new Date(completed).toISOString()}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** One statement on a connection of its own (the app's pool is what is under test). */
async function peek<T>(sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: server!.url });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(sql)).rows[0] as T;
  } finally {
    await client.end();
  }
}

test('PostgreSQL restarting mid-import: no crash, a 5xx in our words, the batch failed, and service again after', async () => {
  const csv = workItemsCsv(ROWS, 'R');
  const importing = app.inject({
    method: 'POST',
    url: '/api/imports/work-items?source=restart&filename=restart.csv',
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });

  // The first chunk is merged (uncommitted rows on work_item's pages): the import is under way.
  await vi.waitFor(
    async () => {
      const r = await peek<{ heap: number }>(`SELECT pg_relation_size('work_item') AS heap`);
      expect(Number(r.heap)).toBeGreaterThan(0);
    },
    { timeout: 60_000, interval: 50 },
  );
  expect(await peek(`SELECT status::text, source FROM import_batch`)).toEqual({
    status: 'running',
    source: 'restart.csv',
  });

  await server!.stop();
  server = null;

  const answer = await importing;
  expect(answer.statusCode).toBeGreaterThanOrEqual(500);
  const error = ErrorResponseSchema.parse(answer.json());
  expect(error.statusCode).toBe(answer.statusCode);
  // Our words, not the driver's or PostgreSQL's.
  expect(error.message).not.toMatch(
    /terminat|administrator|ECONNREFUSED|postgres|connection to server/i,
  );
  expect(lost.length).toBeGreaterThan(0);

  // Down: the health check says so, promptly, instead of hanging.
  const down = await app.inject({ method: 'GET', url: '/api/health' });
  expect(down.statusCode).toBe(503);
  expect(HealthResponseSchema.parse(down.json()).database).toMatchObject({
    up: false,
    latencyMs: null,
  });
  const read = await app.inject({ method: 'GET', url: '/api/standards' });
  expect(read.statusCode).toBe(503);
  expect(read.headers['retry-after']).toBeDefined();

  // Back on the same files and port: the pool makes new connections by itself.
  server = await startEmbeddedPostgres({ dataDir, port });
  const up = await app.inject({ method: 'GET', url: '/api/health' });
  expect(up.statusCode).toBe(200);
  expect(HealthResponseSchema.parse(up.json()).database.up).toBe(true);
  expect((await app.inject({ method: 'GET', url: '/api/standards' })).statusCode).toBe(200);

  // The batch is failed, in our words, and nothing of the import was kept.
  const history = ImportHistoryResponseSchema.parse(
    (await app.inject({ method: 'GET', url: '/api/imports' })).json(),
  );
  expect(history.batches).toHaveLength(1);
  expect(history.batches[0]).toMatchObject({ status: 'failed', file: 'restart.csv' });
  expect(history.batches[0]!.message).toMatch(/connection to the database was lost/);
  expect(await peek(`SELECT count(*)::int AS n FROM work_item`)).toEqual({ n: 0 });
  expect(
    await peek(`SELECT count(*)::int AS n FROM team WHERE name LIKE 'Restart Team %'`),
  ).toEqual({
    n: 0,
  });

  // And imports work again.
  const again = await app.inject({
    method: 'POST',
    url: '/api/imports/work-items?source=restart',
    headers: { 'content-type': 'text/csv' },
    payload: workItemsCsv(100, 'A'),
  });
  expect(again.statusCode).toBe(200);
  expect(ImportResultSchema.parse(again.json())).toMatchObject({
    status: 'applied',
    rows: { inserted: 100 },
  });
}, 240_000);
