import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freePort } from './support/ports.js';

/**
 * The real server process, as `pnpm start` runs it, on its embedded PostgreSQL: it starts,
 * serves, closes cleanly on SIGTERM and SIGINT, and finds its data again on the next start.
 */
const apiDir = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;
let port: number;
let pgPort: number;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(extraEnv: Record<string, string> = {}): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: String(port),
    PG_PORT: String(pgPort),
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  delete env.DATABASE_URL; // this test is about the embedded default
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: apiDir, env });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitForHealth(run: Run): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`server exited early:\n${run.output()}`);
    try {
      const res = await fetch(`http://localhost:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy:\n${run.output()}`);
}

/** PostgreSQL's own record of how it stopped: 1 = DB_SHUTDOWNED (a clean shutdown). */
async function clusterState(): Promise<number> {
  const control = await readFile(path.join(dataDir, 'postgres', 'global', 'pg_control'));
  // system_identifier (8 bytes), pg_control_version (4), catalog_version_no (4), then state.
  return control.readUInt32LE(16);
}

const dbUrl = () => `postgres://ipo:ipo-local-only@127.0.0.1:${pgPort}/ipo`;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ipo-lifecycle-'));
  port = await freePort();
  pgPort = await freePort();
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  test('starts on an embedded PostgreSQL, closes cleanly, and finds its data again', async () => {
    const first = start();
    await waitForHealth(first);
    const health = (await (await fetch(`http://localhost:${port}/api/health`)).json()) as {
      database: { mode: string; migration: string };
    };
    expect(health.database.mode).toBe('embedded');
    const client = new pg.Client({ connectionString: dbUrl() });
    await client.connect();
    await client.query(
      `INSERT INTO closure_day (date, scope, reason, source, created_by)
       VALUES ('2030-01-02', 'organisation', 'lifecycle test', 'admin', 'test')`,
    );
    await client.end();

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('closing the HTTP server, then the database');
    expect(first.output()).toContain('Closed cleanly.');
    expect(await clusterState()).toBe(1);

    const second = start();
    await waitForHealth(second);
    expect(second.output()).toMatch(/Database schema up to date/);
    const again = new pg.Client({ connectionString: dbUrl() });
    await again.connect();
    const { rows } = await again.query(`SELECT reason FROM closure_day WHERE date = '2030-01-02'`);
    await again.end();
    expect(rows).toEqual([{ reason: 'lifecycle test' }]);

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(await clusterState()).toBe(1);
  }, 120_000);

  test('a bad setting stops start-up with a message naming it', async () => {
    const run = start({ PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT: /);
  }, 30_000);
});
