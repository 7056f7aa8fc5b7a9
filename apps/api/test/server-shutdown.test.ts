import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * The shutdown deadline: a request that never finishes (an upload trickling in) cannot keep the
 * process from ending. After SHUTDOWN_TIMEOUT_MS it says so and exits with code 1.
 */
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let db: TestDatabase;
let child: ChildProcess | null = null;
/** The server's temporary folder (TMPDIR), where uploads are received. */
let tmp: string;

beforeAll(async () => {
  db = await createTestDatabase();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ipo-shutdown-'));
});
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await db?.drop();
  await rm(tmp, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('closing longer than SHUTDOWN_TIMEOUT_MS: logged, and the process exits with code 1', async () => {
  const port = await freePort();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: apiDir,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DEMO_DATA: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      SHUTDOWN_TIMEOUT_MS: '1000',
      TMPDIR: tmp,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited:\n${output}`);
    if (i === 600) throw new Error(`The server did not start:\n${output}`);
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await sleep(100);
  }

  // An upload that is never finished: the HTTP server cannot close while it is open.
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/imports/work-items',
    headers: { 'content-type': 'text/csv' },
  });
  request.on('error', () => {}); // the socket dies with the server
  request.write(
    'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at\n',
  );
  // Under way: the server is receiving it into a temporary file.
  const receiving = async () => (await readdir(tmp)).some((n) => n.startsWith('ipo-upload-'));
  for (let i = 0; !(await receiving()); i++) {
    if (i === 600) throw new Error(`The upload did not arrive:\n${output}`);
    await sleep(50);
  }

  child.kill('SIGTERM');
  expect(await exited).toBe(1);
  expect(output).toContain('closing the HTTP server, then the database');
  expect(output).toContain('Closing took longer than 1 s (SHUTDOWN_TIMEOUT_MS): exiting anyway.');
  expect(output).not.toContain('Closed cleanly.');
  request.destroy();
}, 120_000);
