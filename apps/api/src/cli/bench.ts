/**
 * pnpm bench: seeds (or reuses) a database at --scale 10 and measures the scorecard and series
 * endpoints under autocannon, cold and warm; scorecards of periods not asked before (cache
 * misses: months, quarters, years, with and without a team); the first scorecard of a server
 * process started against the running database; beside the direct SQL a BI tool would run over
 * the raw rows for the same figures. Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  financialYearOf,
  financialYearToDate,
  lastNPeriods,
  latestCompletePeriod,
  londonDate,
  type Period,
  previousPeriod,
  samePeriodLastYear,
} from '@ipo/domain';
import autocannon from 'autocannon';
import { buildApp } from '../app.js';
import { seedCatalogue } from '../catalogue/seed-catalogue.js';
import { loadConfig, repoRoot } from '../config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { connect, type Database } from '../db/prisma.js';
import { loadStandards } from '../queries/standards.js';
import { seedDemoData } from '../seed/seed-demo.js';
import { benchSessionHeaders } from './bench-session.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    reseed: { type: 'boolean', default: false },
  },
});
const scale = Number(values.scale);
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!(scale > 0) || !(duration > 0) || !(connections > 0)) {
  process.stderr.write(
    'Usage: pnpm bench [--scale 10] [--duration 10] [--connections 10] [--reseed]\n',
  );
  process.exit(1);
}

const config = loadConfig();
const dataDir = path.join(repoRoot, '.data', `bench-scale-${scale}`);
const log = (m: string) => process.stdout.write(`${m}\n`);

let embedded: EmbeddedDatabase | null = null;
async function open(): Promise<{ url: string; db: Database }> {
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir, port: config.PG_PORT + 20 });
    url = embedded.url;
  }
  return { url, db: connect(url) };
}

/** The benchmark's signed-in session (cookie and CSRF headers), once the app is up. */
let auth: Record<string, string> = {};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function load(url: string, label: string) {
  const latencies: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration, timeout: 30, headers: auth },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    // Every response's latency, for exact percentiles (autocannon's summary has no p95).
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      if (statusCode === 200) latencies.push(ms);
      else bad++;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: latencies.length,
    rps: Math.round(result.requests.average),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors: result.errors + result.non2xx + bad,
  };
}

async function timed(fn: () => Promise<unknown>, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { first: times[0], median: percentile(times, 50), p95: percentile(times, 95) };
}

/** The machine's load average (1, 5 and 15 minutes): latencies mean little without it. */
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

async function main() {
  log(
    `Benchmark at scale ${scale} (${config.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${dataDir}`})`,
  );
  const loadBefore = loadAverage();
  let { url, db } = await open();
  await migrate(url);
  const client = await db.pool.connect();
  await seedCatalogue(client);
  client.release();
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM work_item WHERE source = 'demo'`,
  );
  const expected = 1_200_000 * scale;
  if (values.reseed || (rows[0]?.n ?? 0) < expected) {
    log(`Seeding about ${(1.34 * scale).toFixed(1)} million rows...`);
    const seeded = await seedDemoData(db.pool, { seed: config.DEMO_SEED, scale, reset: true, log });
    log(`Seed: ${seeded.rowsPerSecond.toLocaleString('en-GB')} rows/s`);
  } else {
    log(`Reusing ${rows[0]?.n.toLocaleString('en-GB')} demo work items.`);
  }
  const { rows: counts } = await db.pool.query<{ w: number; f: number; q: number }>(
    `SELECT (SELECT count(*) FROM work_item)::int AS w, (SELECT count(*) FROM feedback_response)::int AS f,
            (SELECT count(*) FROM quality_check)::int AS q`,
  );
  log(
    `Rows: ${counts[0]?.w.toLocaleString('en-GB')} work items, ${counts[0]?.q.toLocaleString('en-GB')} quality checks, ${counts[0]?.f.toLocaleString('en-GB')} feedback responses`,
  );

  const today = londonDate(new Date());
  const month = latestCompletePeriod(today, 'month');
  const endpoints = [
    ['scorecard (latest month)', '/api/scorecard'],
    ['scorecard (quarter)', `/api/scorecard?period=${latestCompletePeriod(today, 'quarter').id}`],
    ['series tm-exam by month (24 points)', '/api/standards/tm-exam/series?granularity=month'],
    ['series csc-calls by week (26 points)', '/api/standards/csc-calls/series?granularity=week'],
  ] as const;

  // Cold: PostgreSQL restarted (empty shared buffers; the OS file cache may still hold pages),
  // a fresh API (no cached figures) built as the server builds it, with its warm-up at start
  // (rules, calendars, one scorecard: standards/warm-up.ts), first requests timed one at a time.
  if (embedded) {
    await db.close();
    await (embedded as EmbeddedDatabase).stop();
    ({ url, db } = await open());
  }
  const app = await buildApp({ db, dbMode: embedded ? 'embedded' : 'external', warmUp: true });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  auth = await benchSessionHeaders(db.prisma);
  // This process's first fetch loads its HTTP client: not the server's time.
  await (await fetch(`${address}/api/health`)).arrayBuffer();
  const cold: { label: string; ms: number }[] = [];
  for (const [label, route] of endpoints) {
    const t = performance.now();
    const res = await fetch(`${address}${route}`, { headers: auth });
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    await res.arrayBuffer();
    cold.push({ label, ms: performance.now() - t });
  }

  // Cache misses with a warm process: each request asks for a period (and team) not asked
  // before, so the figures are computed from the rollups every time (what the first viewer after
  // an import sees): months, quarters and years, for the whole office and for one team.
  const missTimes = async (routes: string[]) => {
    const times: number[] = [];
    for (const route of routes) {
      const t = performance.now();
      const res = await fetch(`${address}${route}`, { headers: auth });
      if (!res.ok) throw new Error(`${route}: HTTP ${res.status}`);
      await res.arrayBuffer();
      times.push(performance.now() - t);
    }
    return times;
  };
  const summary = (label: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { label, p50: percentile(sorted, 50), p95: percentile(sorted, 95), n: sorted.length };
  };
  const months = lastNPeriods(previousPeriod(month), 20).map((p) => p.id);
  const quarters = lastNPeriods(previousPeriod(latestCompletePeriod(today, 'quarter')), 8).map(
    (p) => p.id,
  );
  const years = lastNPeriods(financialYearOf(today), 4).map((p) => p.id);
  const { rows: teamRows } = await db.pool.query<{ id: number }>('SELECT id FROM team ORDER BY id');
  const teams = teamRows.map((t) => t.id);
  const missPeriods = { months, quarters, years };
  const scorecardMiss: Record<string, number[]> = {};
  for (const [kind, ids] of Object.entries(missPeriods)) {
    scorecardMiss[kind] = await missTimes(ids.map((id) => `/api/scorecard?period=${id}`));
  }
  // The same periods for one team each (teams in turn): a team and period not asked before.
  for (const [kind, ids] of Object.entries(missPeriods)) {
    scorecardMiss[`${kind}, with a team`] = await missTimes(
      ids.map((id, i) => `/api/scorecard?period=${id}&team=${teams[i % teams.length]}`),
    );
  }
  const allMisses = Object.values(scorecardMiss).flat();
  const withTeam = Object.entries(scorecardMiss)
    .filter(([k]) => k.endsWith('with a team'))
    .flatMap(([, t]) => t);
  // A team's satisfaction comes from the protected feedback tables (decision 7), solved once per
  // month and data version: the months again for other teams show the scorecard's own share.
  const solvedTeams = await missTimes(
    months.map((id, i) => `/api/scorecard?period=${id}&team=${teams[(i + 7) % teams.length]}`),
  );
  const misses = [
    summary('scorecard, period not asked before', allMisses),
    ...Object.entries(scorecardMiss).map(([kind, times]) => summary(`  ${kind}`, times)),
    summary('  all with a team', withTeam),
    summary('  months, another team (feedback solved)', solvedTeams),
    summary(
      'series tm-exam by month, uncached',
      await missTimes(months.map((m) => `/api/standards/tm-exam/series?granularity=month&to=${m}`)),
    ),
    summary(
      'series csc-calls by week, uncached',
      await missTimes(
        months.map((m) => `/api/standards/csc-calls/series?granularity=week&to=${m}-15`),
      ),
    ),
  ];

  const warm = [];
  for (const [label, route] of endpoints) warm.push(await load(`${address}${route}`, label));
  await app.close();

  // The first scorecard of a new server process (pnpm start's command) against the running
  // database: how long the process takes to listen (migrations checked, warm-up included), then
  // the first request, which must compute its figures (each process has its own cache).
  const firstAfterStart = await firstScorecardOfNewProcess(url);

  // What a BI tool would run over the raw rows for the same figures.
  const standards = await loadStandards(db.pool);
  const periods: Period[] = [
    ...lastNPeriods(month, 12),
    previousPeriod(month),
    samePeriodLastYear(month),
  ];
  const ytd = financialYearToDate(month);
  const ranges = [...periods.map((p) => [p.start, p.end]), [ytd.start, ytd.end]];
  const directScorecard = async () => {
    for (const s of standards) {
      for (const [from, to] of ranges) {
        if (s.measure === 'pass_rate') {
          await db.pool.query(
            'SELECT count(*), count(*) FILTER (WHERE passed) FROM quality_check WHERE work_type_code = ANY($1) AND checked_date BETWEEN $2 AND $3',
            [s.workTypes, from, to],
          );
        } else if (s.measure === 'satisfied_share') {
          await db.pool.query(
            'SELECT count(*) FILTER (WHERE score IS NOT NULL), count(*) FILTER (WHERE score >= 4) FROM feedback_response WHERE submitted_date BETWEEN $1 AND $2',
            [from, to],
          );
        } else {
          await db.pool.query(
            `SELECT count(*), count(*) FILTER (WHERE within_threshold),
                    percentile_disc(0.9) WITHIN GROUP (ORDER BY elapsed_working_days)
               FROM work_item WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3`,
            [s.workTypes, from, to],
          );
        }
      }
    }
  };
  const tm = standards.find((s) => s.code === 'tm-exam')!;
  const calls = standards.find((s) => s.code === 'csc-calls')!;
  const directSeriesMonth = () =>
    db.pool.query(
      `SELECT date_trunc('month', completed_date::timestamp), count(*),
              percentile_disc(0.9) WITHIN GROUP (ORDER BY elapsed_working_days)
         FROM work_item WHERE work_type_code = ANY($1) AND completed_date BETWEEN $2 AND $3 GROUP BY 1`,
      [tm.workTypes, lastNPeriods(month, 24)[0]!.start, month.end],
    );
  const directSeriesWeek = () =>
    db.pool.query(
      `SELECT date_trunc('week', completed_date::timestamp), count(*), count(*) FILTER (WHERE within_threshold)
         FROM work_item WHERE work_type_code = ANY($1) AND completed_date >= $2::date - 182 AND completed_date <= $2
        GROUP BY 1`,
      [calls.workTypes, today],
    );
  const direct = [
    { label: 'scorecard (latest month)', ...(await timed(directScorecard, 3)) },
    { label: 'series tm-exam by month (24 points)', ...(await timed(directSeriesMonth, 5)) },
    { label: 'series csc-calls by week (26 points)', ...(await timed(directSeriesWeek, 5)) },
  ];
  await db.close();
  await embedded?.stop();

  const fmt = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '-' : n.toFixed(1));
  const loadAfter = loadAverage();
  log('');
  log(`Load average (1, 5, 15 min): ${loadBefore} at the start, ${loadAfter} at the end`);
  log('');
  log(`Warm, autocannon ${connections} connections x ${duration} s (latency in ms):`);
  log('endpoint                                  p50     p95   req/s  requests  cold first (ms)');
  for (const w of warm) {
    const c = cold.find((x) => x.label === w.label);
    log(
      `${w.label.padEnd(40)} ${fmt(w.p50).padStart(6)} ${fmt(w.p95).padStart(7)} ${String(w.rps).padStart(7)} ${String(w.requests).padStart(9)} ${fmt(c?.ms).padStart(16)}`,
    );
  }
  log('');
  log(
    `Cache misses, one at a time, warm process (ms): the scorecard over ${allMisses.length} requests, each for a period (months, quarters, years, and with a team) not asked before`,
  );
  for (const m of misses)
    log(
      `${m.label.padEnd(40)} p50 ${fmt(m.p50).padStart(6)}  p95 ${fmt(m.p95).padStart(6)}  (${m.n} requests)`,
    );
  log('');
  log(
    `First scorecard after start: ${fmt(firstAfterStart.firstRequestMs)} ms (a new server process, warm-up included, listened ${fmt(firstAfterStart.startMs)} ms after it was spawned: ${fmt(firstAfterStart.startMs + firstAfterStart.firstRequestMs)} ms to the first answer)`,
  );
  log('');
  log('Direct SQL over the raw rows for the same figures (ms):');
  for (const d of direct)
    log(`${d.label.padEnd(40)} median ${fmt(d.median)}  first ${fmt(d.first)}`);
  const out = path.join(repoRoot, 'bench-results');
  await mkdir(out, { recursive: true });
  const file = path.join(out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(
    file,
    JSON.stringify(
      {
        scale,
        connections,
        duration,
        counts: counts[0],
        cold,
        warm,
        misses,
        firstAfterStart,
        loadAverage: { start: loadBefore, end: loadAfter },
        direct,
      },
      null,
      2,
    ),
  );
  log(`\nWritten to ${path.relative(repoRoot, file)}`);
}

/**
 * Starts `src/server.ts` in a new process against the database (demo data off, so nothing is
 * seeded), waits until it listens, times its first scorecard, and stops it.
 */
async function firstScorecardOfNewProcess(
  databaseUrl: string,
): Promise<{ startMs: number; firstRequestMs: number }> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  const apiDir = path.join(repoRoot, 'apps/api');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(apiDir, 'src/server.ts')], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      MIGRATION_DATABASE_URL: '',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let listening = false;
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (!listening && output.join('').includes('Service standards dashboard:')) {
        listening = true;
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.on('exit', (code) =>
      reject(new Error(`The server exited (${code}) during start-up:\n${output.join('')}`)),
    );
  });
  const exited = once(child, 'exit');
  try {
    await ready;
    const startMs = performance.now() - started;
    const t = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/api/scorecard`, { headers: auth });
    if (!res.ok) throw new Error(`first scorecard: HTTP ${res.status}`);
    await res.arrayBuffer();
    return { startMs, firstRequestMs: performance.now() - t };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  await (embedded as EmbeddedDatabase | null)?.stop();
  process.exit(1);
});
