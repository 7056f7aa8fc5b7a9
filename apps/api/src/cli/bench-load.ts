/**
 * pnpm bench:load: the dashboard's reads under many concurrent clients, with and without a large
 * CSV import running at the same time. Seeds the demo data into a throwaway database, starts the
 * production server (src/server.ts, NODE_ENV=production) as a child process on 127.0.0.1, and
 * drives a mix of scorecard, standard-page and feedback reads with autocannon for a fixed time.
 * Prints figures and writes them to bench-results/; asserts nothing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { financialYearOf, lastNPeriods, latestCompletePeriod, londonDate } from '@ipo/domain';
import autocannon from 'autocannon';
import pg from 'pg';
import { STANDARDS } from '../catalogue/catalogue.js';
import { loadConfig, repoRoot } from '../config.js';
import { connect } from '../db/prisma.js';
import { seedDemoData } from '../seed/seed-demo.js';
import { benchSessionHeaders } from './bench-session.js';
import { writeWorkItemsCsv } from './bench-work-items-csv.js';
import { freePort } from './ports.js';
import { throwawayDatabase } from './throwaway-database.js';

const usage = `Usage: pnpm bench:load [--scale 1] [--duration 60] [--connections 200] [--rows 200000]
                       [--no-import] [--encoding "gzip, deflate, br"]

Seeds the demo data (--scale) into a throwaway database, starts the production server on
127.0.0.1 and, for --duration seconds with --connections clients, reads a mix of scorecard,
standard-page and feedback endpoints: first alone, then while a --rows work-items CSV is
imported (POST /api/imports/work-items). --no-import runs the first phase only. --encoding is
the Accept-Encoding the clients send (a browser's by default; "identity" for none).`;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    rows: { type: 'string', default: '200000' },
    'no-import': { type: 'boolean', default: false },
    encoding: { type: 'string', default: 'gzip, deflate, br' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const scale = Number(values.scale);
const duration = Number(values.duration);
const connections = Number(values.connections);
const importRows = Number(values.rows);
const withImport = !values['no-import'];
if (
  !(scale > 0 && scale <= 100) ||
  !(duration > 0) ||
  !(Number.isInteger(connections) && connections > 0) ||
  !(Number.isInteger(importRows) && importRows > 0)
) {
  process.stderr.write(`${usage}\n`);
  process.exit(1);
}

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const config = loadConfig();
const log = (m: string) => process.stdout.write(`${m}\n`);
const HOST = '127.0.0.1';

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`;
  }
}

// --- the server ----------------------------------------------------------------------------------

/** The benchmark's signed-in session (cookie and CSRF headers), once the server is up. */
let auth: Record<string, string> = {};

interface Server {
  base: string;
  child: ChildProcess;
  /** Lines the server wrote at warn level or above (pino JSON), for evidence of 5xx. */
  logLines: string[];
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(apiDir, 'src/server.ts')], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() && logLines.length < 5000) logLines.push(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = once(child, 'exit').then(() => {
    exited = true;
  });
  const base = `http://${HOST}:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`The server exited during start-up:\n${logLines.join('\n')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `The server did not answer /api/health within 120 s:\n${logLines.join('\n')}`,
      );
    }
    try {
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    logLines,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

// --- the read mix --------------------------------------------------------------------------------

interface Target {
  /** The endpoint, without its values (for per-endpoint figures). */
  endpoint: string;
  path: string;
}

/**
 * What the dashboard's users read: per standard, the scorecard (months, quarters, years in turn),
 * the standard's page (detail, monthly series, breakdown by team for a quarter, distribution) and
 * the feedback explorer (summary and themes of a month, monthly series of a financial year).
 * Only whole period ids and granularity=month, as every version of the API accepts them.
 */
function readMix(today: string): Target[] {
  const months = lastNPeriods(latestCompletePeriod(today, 'month'), 3).map((p) => p.id);
  const quarters = lastNPeriods(latestCompletePeriod(today, 'quarter'), 2).map((p) => p.id);
  const currentYear = financialYearOf(today);
  const years = [lastNPeriods(currentYear, 2)[0]!.id, currentYear.id];
  const scorecardPeriods = [...months, ...quarters, ...years];
  const out: Target[] = [];
  STANDARDS.forEach((s, i) => {
    const code = s.code;
    const month = months[i % months.length]!;
    out.push(
      {
        endpoint: 'GET /api/scorecard?period=',
        path: `/api/scorecard?period=${scorecardPeriods[i % scorecardPeriods.length]}`,
      },
      { endpoint: 'GET /api/standards/:code', path: `/api/standards/${code}` },
      {
        endpoint: 'GET /api/standards/:code/series?granularity=month',
        path: `/api/standards/${code}/series?granularity=month`,
      },
      {
        endpoint: 'GET /api/standards/:code/breakdown?by=team&period=',
        path: `/api/standards/${code}/breakdown?by=team&period=${quarters[i % quarters.length]}`,
      },
      {
        endpoint: 'GET /api/standards/:code/distribution',
        path: `/api/standards/${code}/distribution`,
      },
      {
        endpoint: 'GET /api/feedback/summary?period=',
        path: `/api/feedback/summary?period=${month}`,
      },
      {
        endpoint: 'GET /api/feedback/themes?period=',
        path: `/api/feedback/themes?period=${month}`,
      },
      {
        endpoint: 'GET /api/feedback/series?granularity=month&period=',
        path: `/api/feedback/series?granularity=month&period=${years[i % years.length]}`,
      },
    );
  });
  return out;
}

interface Sample {
  /** When the response ended, ms since the phase started. */
  at: number;
  ms: number;
  status: number;
  endpoint: string;
}

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: Record<string, number>;
  count5xx: number;
}

function figures(samples: Sample[], seconds: number): Figures {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const non2xx: Record<string, number> = {};
  let count5xx = 0;
  for (const s of samples) {
    if (s.status < 200 || s.status > 299) non2xx[s.status] = (non2xx[s.status] ?? 0) + 1;
    if (s.status >= 500) count5xx++;
  }
  return {
    requests: samples.length,
    rps: seconds > 0 ? Math.round(samples.length / seconds) : 0,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    p99: percentile(ms, 99),
    max: ms.at(-1) ?? Number.NaN,
    non2xx,
    count5xx,
  };
}

interface PhaseResult {
  label: string;
  seconds: number;
  all: Figures;
  byEndpoint: Record<string, Figures>;
  /** autocannon's own counts: connection errors and requests with no answer within 30 s. */
  errors: number;
  timeouts: number;
  samples: Sample[];
}

/** `started`: the origin of the samples' times (performance.now()). */
async function runLoad(
  base: string,
  targets: Target[],
  label: string,
  started = performance.now(),
): Promise<PhaseResult> {
  const samples: Sample[] = [];
  // The request a response belongs to: set by its onResponse, read by the response event that
  // autocannon emits right after it, in the same tick.
  let answered = '';
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration,
        timeout: 30,
        headers: {
          ...auth,
          ...(values.encoding === 'identity' ? {} : { 'accept-encoding': values.encoding }),
        },
        requests: targets.map((t) => ({
          method: 'GET' as const,
          path: t.path,
          onResponse: () => {
            answered = t.endpoint;
          },
        })),
      },
      (error, r) => (error ? reject(error) : resolve(r)),
    );
    instance.on('response', (_client, statusCode, _bytes, ms) => {
      samples.push({ at: performance.now() - started, ms, status: statusCode, endpoint: answered });
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const byEndpoint: Record<string, Figures> = {};
  for (const endpoint of new Set(targets.map((t) => t.endpoint))) {
    byEndpoint[endpoint] = figures(
      samples.filter((s) => s.endpoint === endpoint),
      seconds,
    );
  }
  return {
    label,
    seconds,
    all: figures(samples, seconds),
    byEndpoint,
    errors: result.errors,
    timeouts: result.timeouts,
    samples,
  };
}

// --- the import ----------------------------------------------------------------------------------

interface ImportRun {
  /** ms since the phase started. */
  startedAt: number;
  endedAt: number;
  seconds: number;
  httpStatus: number;
  status: string;
  message: string;
}

/** POSTs the CSV as a stream, as the Imports page does with text/csv. */
async function postImport(base: string, file: string, phaseStart: number): Promise<ImportRun> {
  const startedAt = performance.now() - phaseStart;
  const { status, body } = await new Promise<{ status: number; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        `${base}/api/imports/work-items?filename=bench-load.csv`,
        {
          method: 'POST',
          headers: { 'content-type': 'text/csv', ...auth },
          timeout: 15 * 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('The import took more than 15 minutes')));
      req.on('error', reject);
      createReadStream(file, { highWaterMark: 1 << 20 })
        .on('error', reject)
        .pipe(req);
    },
  );
  const endedAt = performance.now() - phaseStart;
  let parsed: { status?: string; message?: string } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    parsed = { message: body.slice(0, 500) };
  }
  return {
    startedAt,
    endedAt,
    seconds: (endedAt - startedAt) / 1000,
    httpStatus: status,
    status: parsed.status ?? '(none)',
    message: parsed.message ?? '',
  };
}

/** Error log lines (pino JSON) counted by message and error, most frequent first. */
function summariseErrors(lines: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let kind = line.slice(0, 200);
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      const where = /\n\s+at (?:async )?([^\n]*?src\/[^\n]*?)\)?\n/.exec(
        (entry.err as { stack?: string } | undefined)?.stack ?? '',
      );
      kind = `${entry.msg ?? ''}: ${entry.err?.message ?? ''}${where ? ` at ${where[1]})` : ''}`;
    } catch {
      // Not JSON: counted as it is.
    }
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]);
}

// --- main ----------------------------------------------------------------------------------------

const fmt = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));
const statuses = (f: Figures) =>
  Object.keys(f.non2xx).length === 0
    ? 'none'
    : Object.entries(f.non2xx)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');

function printFigures(title: string, f: Figures) {
  log(
    `${title.padEnd(56)} ${fmt(f.p50).padStart(7)} ${fmt(f.p95).padStart(7)} ${fmt(f.p99).padStart(7)} ${fmt(f.max).padStart(8)} ${String(f.rps).padStart(6)} ${String(f.requests).padStart(8)}  non-2xx ${statuses(f)}; 5xx ${f.count5xx}`,
  );
}

function printPhase(phase: PhaseResult, importRun: ImportRun | null) {
  log('');
  log(`${phase.label}: ${connections} connections x ${phase.seconds.toFixed(1)} s (latency in ms)`);
  log(
    `${''.padEnd(56)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(8)} ${'req/s'.padStart(6)} ${'requests'.padStart(8)}`,
  );
  printFigures('all reads', phase.all);
  if (importRun) {
    const during = phase.samples.filter(
      (s) => s.at >= importRun.startedAt && s.at <= importRun.endedAt,
    );
    const window = Math.min(importRun.endedAt, phase.seconds * 1000) - importRun.startedAt;
    printFigures('  answered while the import ran', figures(during, window / 1000));
  }
  for (const [endpoint, f] of Object.entries(phase.byEndpoint)) printFigures(`  ${endpoint}`, f);
  log(`autocannon: ${phase.errors} connection errors, ${phase.timeouts} timeouts (30 s)`);
}

async function main() {
  const loadBefore = uptime();
  log(`Load before: ${loadBefore}`);
  const db = await throwawayDatabase('ipo_bench_load');
  let server: Server | null = null;
  try {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    try {
      const seeded = await seedDemoData(pool, { seed: config.DEMO_SEED, scale, log });
      log(`Seed: ${seeded.rowsPerSecond.toLocaleString('en-GB')} rows/s`);
      const { rows } = await pool.query<{ w: number; f: number; q: number }>(
        `SELECT (SELECT count(*) FROM work_item)::int AS w, (SELECT count(*) FROM feedback_response)::int AS f,
                (SELECT count(*) FROM quality_check)::int AS q`,
      );
      log(
        `Rows: ${rows[0]?.w.toLocaleString('en-GB')} work items, ${rows[0]?.q.toLocaleString('en-GB')} quality checks, ${rows[0]?.f.toLocaleString('en-GB')} feedback responses`,
      );
    } finally {
      await pool.end();
    }

    const csv = path.join(db.tmp, 'work-items.csv');
    let csvBytes = 0;
    if (withImport) {
      await writeWorkItemsCsv(csv, importRows);
      csvBytes = (await stat(csv)).size;
      log(
        `Import file: ${importRows.toLocaleString('en-GB')} work items, ${(csvBytes / 1024 / 1024).toFixed(1)} MB`,
      );
    }

    server = await startServer(db.url);
    const sessionDb = connect(db.url, 1);
    auth = await benchSessionHeaders(sessionDb.prisma);
    await sessionDb.close();
    log(`Server (NODE_ENV=production, LOG_LEVEL=warn) on ${server.base}`);

    // One request to each URL, one at a time: checks the mix answers 200 and warms the process.
    const today = londonDate(new Date());
    const mix = readMix(today);
    const targets: Target[] = [];
    const first: { path: string; ms: number; status: number }[] = [];
    for (const t of mix) {
      const started = performance.now();
      const res = await fetch(`${server.base}${t.path}`, { headers: auth });
      const text = await res.text();
      first.push({ path: t.path, ms: performance.now() - started, status: res.status });
      if (res.ok) targets.push(t);
      else log(`Left out of the mix: ${t.path} answered ${res.status} ${text.slice(0, 300)}`);
    }
    first.sort((a, b) => b.ms - a.ms);
    log(
      `Read mix: ${targets.length} URLs over ${new Set(targets.map((t) => t.endpoint)).size} endpoints. Slowest first requests (one at a time):`,
    );
    for (const f of first.slice(0, 5)) log(`  ${fmt(f.ms).padStart(8)} ms  ${f.path}`);

    const phases: PhaseResult[] = [];
    log(`\nPhase 1: reads only (${duration} s)...`);
    phases.push(await runLoad(server.base, targets, 'Reads only'));
    printPhase(phases[0]!, null);

    let importRun: ImportRun | null = null;
    if (withImport) {
      log(
        `\nPhase 2: reads while a ${importRows.toLocaleString('en-GB')}-row import runs (${duration} s)...`,
      );
      const phaseStart = performance.now();
      const base = server.base;
      // The import starts once the clients are connected and busy.
      const importing = new Promise((r) => setTimeout(r, 2000))
        .then(() => postImport(base, csv, phaseStart))
        .catch(
          (error: unknown): ImportRun => ({
            startedAt: 2000,
            endedAt: performance.now() - phaseStart,
            seconds: (performance.now() - phaseStart - 2000) / 1000,
            httpStatus: 0,
            status: 'failed',
            message: error instanceof Error ? error.message : String(error),
          }),
        );
      const loaded = await runLoad(base, targets, 'Reads while importing', phaseStart);
      importRun = await importing;
      phases.push(loaded);
      printPhase(loaded, importRun);
      log(
        `Import: HTTP ${importRun.httpStatus}, ${importRun.status}, ${importRun.message.slice(0, 120)}${importRun.message.length > 120 ? '...' : ''} (${importRun.seconds.toFixed(1)} s, ${Math.round(importRows / importRun.seconds).toLocaleString('en-GB')} rows/s${importRun.endedAt / 1000 > loaded.seconds ? '; it ended after the load phase' : ''})`,
      );
    }

    const loadAfter = uptime();
    log(`\nLoad after: ${loadAfter}`);
    const errorLines = server.logLines.filter((l) => /"level":(50|60)/.test(l));
    const errorKinds = summariseErrors(errorLines);
    if (errorLines.length) {
      log(`The server logged ${errorLines.length} errors:`);
      for (const [kind, n] of errorKinds.slice(0, 5)) log(`  ${String(n).padStart(6)}  ${kind}`);
      log(`  first: ${errorLines[0]?.slice(0, 600)}`);
    }

    const out = path.join(repoRoot, 'bench-results');
    await mkdir(out, { recursive: true });
    const file = path.join(
      out,
      `bench-load-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    );
    await writeFile(
      file,
      JSON.stringify(
        {
          scale,
          duration,
          connections,
          encoding: values.encoding,
          importRows: withImport ? importRows : null,
          importBytes: withImport ? csvBytes : null,
          cpus: os.cpus().length,
          loadBefore,
          loadAfter,
          mix: targets.map((t) => t.path),
          firstRequests: first,
          phases: phases.map(({ samples: _samples, ...p }) => p),
          import: importRun,
          serverErrorKinds: errorKinds,
          serverErrors: errorLines.slice(0, 20),
        },
        null,
        2,
      ),
    );
    log(`Written to ${path.relative(repoRoot, file)}`);
  } finally {
    await server?.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
