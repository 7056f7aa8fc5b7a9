import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHUNK_ROWS, FIRST_CHUNK_ROWS } from '../src/imports/run-import.js';
import { signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { freePort } from './support/ports.js';
import { killServers, startServer } from './support/server-process.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  killServers();
  await db?.drop();
});

async function waitFor(what: string, check: () => Promise<boolean>) {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const one = async (sql: string) => (await db.pool.query(sql)).rows[0];

test('killing the server mid-import leaves no rows, and the next start marks the batch failed', async () => {
  const port = await freePort();
  const { child: first } = await startServer({ DATABASE_URL: db.url }, { port });
  const steward = await signInAs(db, ['data-steward']);

  // The upload is received whole before the import starts, so the import is held up from the
  // database instead: the rows after the first chunk name a team another transaction is
  // inserting and has not committed; the import's INSERT of that team waits for it. The import
  // cannot finish, whatever the speed of the machine.
  const blocker = await db.pool.connect();
  await blocker.query('BEGIN');
  await blocker.query(
    `INSERT INTO team (service_code, name) VALUES ('customer-support', 'Kill Team 2')`,
  );

  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/imports/work-items?source=kill-test&filename=big.csv',
    headers: { 'content-type': 'text/csv', ...steward.headers },
  });
  request.on('error', () => {}); // the socket dies with the server
  request.write(
    'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\n',
  );
  for (let chunk = 0; chunk * 1000 < CHUNK_ROWS + 20_000; chunk++) {
    let text = '';
    for (let i = 0; i < 1000; i++) {
      const n = chunk * 1000 + i;
      const team = n < FIRST_CHUNK_ROWS ? 'Kill Team' : 'Kill Team 2';
      text += `K-${n},phone_call,customer-support,${team},phone,individual,2025-07-01T09:00:00Z,2025-07-01T09:00:30Z\n`;
    }
    request.write(text);
  }
  request.end();

  // The first chunk is merged inside the import's transaction: its rows are on work_item's
  // pages, uncommitted.
  await waitFor('the first chunk to be merged', async () => {
    const r = await one(`SELECT pg_relation_size('work_item') AS heap`);
    return Number(r.heap) > 0;
  });
  expect(await one(`SELECT status::text, source FROM import_batch`)).toEqual({
    status: 'running',
    source: 'big.csv',
  });

  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));
  // PostgreSQL notices the lost connection and rolls the transaction back, releasing its lock.
  await waitFor('the import session to end', async () => {
    const r = await one(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 4710603`,
    );
    return r.n === 0;
  });

  expect(await one(`SELECT count(*)::int AS n FROM work_item`)).toEqual({ n: 0 });
  expect(await one(`SELECT count(*)::int AS n FROM team WHERE name = 'Kill Team'`)).toEqual({
    n: 0,
  });
  expect(await one(`SELECT count(*)::int AS n FROM work_item_day_group`)).toEqual({ n: 0 });
  expect(await one(`SELECT status::text FROM import_batch`)).toEqual({ status: 'running' });
  await blocker.query('ROLLBACK');
  blocker.release();

  const { child: second } = await startServer({ DATABASE_URL: db.url }, { port });
  expect(
    await one(`SELECT status::text, errors, finished_at IS NOT NULL AS finished FROM import_batch`),
  ).toEqual({
    status: 'failed',
    errors: [{ line: 0, column: null, reason: 'interrupted' }],
    finished: true,
  });

  // The same path works when it is allowed to finish.
  const res = await fetch(`http://127.0.0.1:${port}/api/imports/work-items?source=kill-test`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', ...steward.headers },
    body: 'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\nK-1,phone_call,customer-support,Kill Team,phone,individual,2025-07-01T09:00:00Z,2025-07-01T09:00:30Z\n',
  });
  expect(res.status).toBe(200);
  expect(await one(`SELECT count(*)::int AS n FROM work_item WHERE source = 'kill-test'`)).toEqual({
    n: 1,
  });
  const history = (await (
    await fetch(`http://127.0.0.1:${port}/api/imports`, { headers: steward.headers })
  ).json()) as {
    batches: { status: string }[];
  };
  expect(history.batches.map((b) => b.status)).toEqual(['applied', 'failed']);

  second.kill('SIGTERM');
  await new Promise((resolve) => second.once('exit', resolve));
}, 180_000);
