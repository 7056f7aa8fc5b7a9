import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { killServers, startServer } from './support/server-process.js';

/**
 * The shutdown deadline: a request that never finishes (an upload trickling in) cannot keep the
 * process from ending. After SHUTDOWN_TIMEOUT_MS it says so and exits with code 1.
 */

let db: TestDatabase;
/** The server's temporary folder (TMPDIR), where uploads are received. */
let tmp: string;

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ipo-shutdown-'));
});
afterAll(async () => {
  killServers();
  await db?.drop();
  await rm(tmp, { recursive: true, force: true });
});

test('closing longer than SHUTDOWN_TIMEOUT_MS: logged, and the process exits with code 1', async () => {
  const server = await startServer({
    DATABASE_URL: db.url,
    SHUTDOWN_TIMEOUT_MS: '1000',
    TMPDIR: tmp,
  });
  const { child, port, exited } = server;
  const output = () => server.output();
  const steward = await signInAs(db, ['data-steward']);

  // An upload that is never finished: the HTTP server cannot close while it is open.
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/imports/work-items',
    headers: { 'content-type': 'text/csv', ...steward.headers },
  });
  request.on('error', () => {}); // the socket dies with the server
  request.write(
    'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\n',
  );
  // Under way: the server is receiving it into a temporary file.
  const receiving = async () => (await readdir(tmp)).some((n) => n.startsWith('ipo-upload-'));
  for (let i = 0; !(await receiving()); i++) {
    if (i === 600) throw new Error(`The upload did not arrive:\n${output()}`);
    await sleep(50);
  }

  child.kill('SIGTERM');
  expect(await exited).toBe(1);
  expect(output()).toContain('closing the HTTP server, then the database');
  expect(output()).toContain('Closing took longer than 1 s (SHUTDOWN_TIMEOUT_MS): exiting anyway.');
  expect(output()).not.toContain('Closed cleanly.');
  request.destroy();
}, 120_000);
