import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  ErrorResponseSchema,
  HealthResponseSchema,
  IMPORT_COLUMNS,
  ImportResultSchema,
} from '@ipo/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { buildApp } from '../src/app.js';
import { TAXONOMY_LOCK } from '../src/db/locks.js';
import { connect, type Database } from '../src/db/prisma.js';
import { RULES_LOCK } from '../src/derive/recalculate.js';
import { IMPORT_MERGE_LOCK } from '../src/imports/batches.js';
import { KINDS } from '../src/imports/kinds.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * Part of "nothing can hold the server hostage": uploads are received before the import touches
 * the database, a second import waits a bounded time and is then refused with 409, the costly
 * endpoints are rate limited, and the pool's connections carry their timeouts.
 */

type App = Awaited<ReturnType<typeof buildApp>>;

const HEADER =
  'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\n';
const row = (ref: string) =>
  `${ref},phone_call,customer-support,Robust Team,phone,individual,2025-07-01T09:00:00Z,2025-07-01T09:00:30Z\n`;

let db: TestDatabase;
/** Uploads are spooled here (os.tmpdir() reads TMPDIR), apart from other test files' uploads. */
let tmp: string;
const previousTmp = process.env.TMPDIR;
const opened: Database[] = [];
const apps: App[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ipo-robustness-'));
  process.env.TMPDIR = tmp;
});
afterAll(async () => {
  for (const app of apps) await app.close();
  for (const d of opened) await d.close();
  await db?.drop();
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  await rm(tmp, { recursive: true, force: true });
});

/** A pool of its own on the test database, with these settings. */
function database(options: Parameters<typeof connect>[2]): Database {
  const d = connect(db.url, 4, options);
  opened.push(d);
  return d;
}

async function app(d: Database, extra: Partial<Parameters<typeof buildApp>[0]> = {}) {
  const a = await buildApp({ db: d, dbMode: 'external', ...extra });
  apps.push(a);
  await a.ready();
  actAs(a, (await signInAs(db, ALL_ROLES)).headers);
  return a;
}

const one = async (sql: string, params: unknown[] = []) =>
  (await db.pool.query(sql, params)).rows[0];

const uploads = async () => (await readdir(tmp)).filter((n) => n.startsWith('ipo-upload-'));

/** pg_locks is the whole server's: other test files' databases are left out. */
const THIS_DATABASE = '(SELECT oid FROM pg_database WHERE datname = current_database())';

/** Advisory locks some session of this database is waiting for (not granted). */
const waitingForLocks = async () =>
  (
    await one(`SELECT count(*)::int AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND database = ${THIS_DATABASE}`)
  ).n as number;

describe('an upload is received completely before the import touches the database', () => {
  test('while the body trickles in, no batch, transaction or lock exists; the file is deleted after', async () => {
    const server = await app(database({}));
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    const before = (await one('SELECT count(*)::int AS n FROM import_batch')).n;
    const steward = await signInAs(db, ['data-steward']);

    let finish = () => {};
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/imports/work-items?source=trickle&filename=trickle.csv',
          headers: { 'content-type': 'text/csv', ...steward.headers },
        },
        (res) => {
          let body = '';
          res.on('data', (d) => {
            body += String(d);
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.write(HEADER);
      for (let i = 0; i < 500; i++) request.write(row(`T-${i}`));
      // The rest arrives once the checks below have been made.
      finish = () => {
        for (let i = 500; i < 1000; i++) request.write(row(`T-${i}`));
        request.end();
      };
    });

    // The first half is on disk in a temporary file...
    await vi.waitFor(
      async () => {
        const [dir] = await uploads();
        expect(dir).toBeDefined();
        expect((await stat(path.join(tmp, dir!, 'upload.csv'))).size).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 50 },
    );
    // ...and the database has seen nothing of it: no batch, no import session, no lock.
    expect((await one('SELECT count(*)::int AS n FROM import_batch')).n).toBe(before);
    expect(
      (
        await one(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND classid IN ($1, $2) AND database = ${THIS_DATABASE}`,
          [IMPORT_MERGE_LOCK, 4_710_603],
        )
      ).n,
    ).toBe(0);
    expect(
      (
        await one(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
        )
      ).n,
    ).toBe(0);

    finish();
    const { status, body } = await answer;
    expect(status).toBe(200);
    const result = ImportResultSchema.parse(JSON.parse(body));
    expect(result).toMatchObject({ status: 'applied', rows: { total: 1000, inserted: 1000 } });
    expect(await uploads()).toEqual([]);
  });

  test('a sender that gives up half-way leaves no file and no batch behind', async () => {
    const server = await app(database({}));
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    const before = (await one('SELECT count(*)::int AS n FROM import_batch')).n;
    const steward = await signInAs(db, ['data-steward']);
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/imports/work-items?source=gave-up',
      headers: { 'content-type': 'text/csv', ...steward.headers },
    });
    request.on('error', () => {}); // the socket is destroyed below
    request.write(HEADER);
    for (let i = 0; i < 200; i++) request.write(row(`G-${i}`));
    await vi.waitFor(async () => expect(await uploads()).toHaveLength(1), {
      timeout: 20_000,
      interval: 50,
    });
    request.destroy();
    await vi.waitFor(async () => expect(await uploads()).toEqual([]), {
      timeout: 20_000,
      interval: 50,
    });
    expect((await one('SELECT count(*)::int AS n FROM import_batch')).n).toBe(before);
  });
});

describe('a second import of the same kind waits a bounded time, then answers 409', () => {
  const workItemsKey = Object.keys(KINDS).indexOf('work-items');

  test('while it waits, health and other reads answer; when the lock comes free it imports', async () => {
    const patient = await app(database({ lockWaitMs: 60_000 }));
    // Another import of work items, held open: its merge lock, from another session.
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1, $2)', [IMPORT_MERGE_LOCK, workItemsKey]);
    try {
      const waiting = patient.inject({
        method: 'POST',
        url: '/api/imports/work-items?source=patient',
        headers: { 'content-type': 'text/csv' },
        payload: HEADER + row('P-1'),
      });
      await vi.waitFor(async () => expect(await waitingForLocks()).toBe(1), {
        timeout: 20_000,
        interval: 50,
      });
      const health = await patient.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      const standards = await patient.inject({ method: 'GET', url: '/api/standards' });
      expect(standards.statusCode).toBe(200);
      const history = await patient.inject({ method: 'GET', url: '/api/imports' });
      expect(history.statusCode).toBe(200);
      // Still waiting: the answers above did not need the import to finish.
      expect(await waitingForLocks()).toBe(1);

      await holder.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_MERGE_LOCK, workItemsKey]);
      const res = await waiting;
      expect(res.statusCode).toBe(200);
      expect(ImportResultSchema.parse(res.json()).status).toBe('applied');
    } finally {
      await holder.end();
    }
  });

  test('past the wait: 409 with Retry-After and a clear message, and nothing recorded', async () => {
    const hurried = await app(database({ lockWaitMs: 300 }));
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    const before = (await one('SELECT count(*)::int AS n FROM import_batch')).n;
    try {
      await holder.query('SELECT pg_advisory_lock($1, $2)', [IMPORT_MERGE_LOCK, workItemsKey]);
      const res = await hurried.inject({
        method: 'POST',
        url: '/api/imports/work-items?source=hurried',
        headers: { 'content-type': 'text/csv' },
        payload: HEADER + row('H-1'),
      });
      expect(res.statusCode).toBe(409);
      expect(res.headers['retry-after']).toBe('30');
      const body = ErrorResponseSchema.parse(res.json());
      expect(body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(body.message).toMatch(/Another work items import is running/);

      // Imports of another kind are not held up by it.
      const feedback = await hurried.inject({
        method: 'POST',
        url: '/api/imports/quality-checks?source=hurried',
        headers: { 'content-type': 'text/csv' },
        payload:
          'source_ref,work_type,service,team,checked_at,outcome,error_category\nQ-1,phone_call,customer-support,,2025-07-01T10:00:00Z,pass,\n',
      });
      expect(feedback.statusCode).toBe(200);
      await holder.query('SELECT pg_advisory_unlock($1, $2)', [IMPORT_MERGE_LOCK, workItemsKey]);

      // A recalculation job holds the rules lock exclusively: imports are refused likewise.
      await holder.query('SELECT pg_advisory_lock($1)', [RULES_LOCK]);
      const during = await hurried.inject({
        method: 'POST',
        url: '/api/imports/work-items?source=hurried',
        headers: { 'content-type': 'text/csv' },
        payload: HEADER + row('H-2'),
      });
      expect(during.statusCode).toBe(409);
      expect(during.headers['retry-after']).toBe('30');
      expect(ErrorResponseSchema.parse(during.json()).message).toMatch(/recalculation/);
      await holder.query('SELECT pg_advisory_unlock($1)', [RULES_LOCK]);

      // A theme change holds the taxonomy lock: feedback imports wait, then are refused likewise,
      // while imports of other kinds go on.
      await holder.query('SELECT pg_advisory_lock($1)', [TAXONOMY_LOCK]);
      const feedbackDuring = await hurried.inject({
        method: 'POST',
        url: '/api/imports/feedback?source=hurried',
        headers: { 'content-type': 'text/csv' },
        payload: `${IMPORT_COLUMNS.feedback.join(',')}\nF-1,2025-07-01T10:00:00Z,designs,,email,individual,4,general,Quick and clear\n`,
      });
      expect(feedbackDuring.statusCode).toBe(409);
      expect(ErrorResponseSchema.parse(feedbackDuring.json()).message).toMatch(
        /themes are being changed/,
      );
      await holder.query('SELECT pg_advisory_unlock($1)', [TAXONOMY_LOCK]);
    } finally {
      await holder.end();
    }
    // The quality-checks import is the only batch recorded; the refused ones left nothing.
    expect((await one('SELECT count(*)::int AS n FROM import_batch')).n).toBe(before + 1);
    expect((await one(`SELECT count(*)::int AS n FROM work_item WHERE source = 'hurried'`)).n).toBe(
      0,
    );
    expect(await waitingForLocks()).toBe(0);
  });
});

describe('rate limits on the costly endpoints', () => {
  test('per client address: the limit answers 429 with Retry-After; other endpoints are free', async () => {
    const limited = await app(database({}), {
      rateLimits: { windowMs: 60_000, search: 2, imports: 1, ingest: 1 },
    });
    const search = (remoteAddress = '192.0.2.10') =>
      limited.inject({ method: 'GET', url: '/api/feedback/comments?q=wait', remoteAddress });

    expect((await search()).statusCode).not.toBe(429);
    expect(
      (
        await limited.inject({
          method: 'GET',
          url: '/api/feedback/phrases',
          remoteAddress: '192.0.2.10',
        })
      ).statusCode,
    ).not.toBe(429);
    const refused = await search();
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = ErrorResponseSchema.parse(refused.json());
    expect(body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(body.message).toMatch(/at most 2 in a minute\. Try again in \d+ seconds\./);

    // Another address has its own count; cheap endpoints are not limited at all.
    expect((await search('192.0.2.11')).statusCode).not.toBe(429);
    for (let i = 0; i < 5; i++) {
      const res = await limited.inject({
        method: 'GET',
        url: '/api/standards',
        remoteAddress: '192.0.2.10',
      });
      expect(res.statusCode).toBe(200);
    }

    // Imports and ingestion have counts of their own.
    const upload = () =>
      limited.inject({
        method: 'POST',
        url: '/api/imports/work-items?source=limited',
        headers: { 'content-type': 'text/csv' },
        payload: HEADER + row('L-1'),
        remoteAddress: '192.0.2.10',
      });
    expect((await upload()).statusCode).toBe(200);
    const second = await upload();
    expect(second.statusCode).toBe(429);
    expect(ErrorResponseSchema.parse(second.json()).message).toMatch(/Too many imports/);
    const ingest = () =>
      limited.inject({
        method: 'POST',
        url: '/api/ingest/work-items',
        headers: { authorization: 'Bearer not-a-token' },
        payload: { rows: [] },
        remoteAddress: '192.0.2.10',
      });
    expect((await ingest()).statusCode).toBe(401);
    // Counted before the token is even looked up.
    expect((await ingest()).statusCode).toBe(429);
  });
});

describe('/api/health is bounded', () => {
  test('a database that accepts connections but never answers: 503 with database.up false', async () => {
    // A server that takes the TCP connection and says nothing, as a hung host would.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const lost: string[] = [];
    const d = connect(`postgres://nobody:nothing@127.0.0.1:${port}/nowhere`, 2, {
      logger: { warn: (_details, message) => lost.push(message) },
    });
    try {
      const a = await buildApp({ db: d, dbMode: 'external' });
      const res = await a.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(HealthResponseSchema.parse(res.json())).toMatchObject({
        status: 'degraded',
        database: { up: false, serverVersion: null, latencyMs: null },
      });
      await a.close();
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await d.pool.end().catch(() => {});
    }
  });
});

describe("the pool's connections carry their timeouts", () => {
  test('statement_timeout and idle_in_transaction_session_timeout are set on every connection', async () => {
    const d = database({ statementTimeoutMs: 1_500, idleInTransactionTimeoutMs: 2_500 });
    const { rows } = await d.pool.query<{ statement: string; idle: string }>(
      `SELECT current_setting('statement_timeout') AS statement,
              current_setting('idle_in_transaction_session_timeout') AS idle`,
    );
    expect(rows[0]).toEqual({ statement: '1500ms', idle: '2500ms' });
    await expect(d.pool.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
  });

  test('a transaction left idle is ended by the server; the lost connection is logged, not fatal', async () => {
    const lost: string[] = [];
    const d = database({
      idleInTransactionTimeoutMs: 300,
      logger: { warn: (_details, message) => lost.push(message) },
    });
    const client = await d.pool.connect();
    await client.query('BEGIN');
    await client.query('SELECT 1');
    // The server ends the session; the checked-out client's 'error' is heard and logged.
    await vi.waitFor(() => expect(lost).toContain('a database connection was lost'), {
      timeout: 20_000,
      interval: 50,
    });
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release();
    // The pool carries on with a new connection.
    expect((await d.pool.query('SELECT 2 AS n')).rows[0]).toEqual({ n: 2 });
  });
});
