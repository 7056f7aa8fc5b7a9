/**
 * pnpm bench:web: builds the web app, starts the production server (API and built dashboard) on
 * the embedded PostgreSQL with the demo data, signs in as the demo manager, and runs Lighthouse
 * 12 in Debian's Chromium on the scorecard, a standard page and the feedback explorer, on the
 * mobile profile (simulated slow 4G, 4x slower CPU) and on the desktop profile. Prints the median
 * of each figure over the runs and writes them to bench-results/. Asserts nothing: the goals are
 * figures to read, not a test gate (scores move between runs on a shared machine).
 *
 * Options: --runs N (default 3), --pages /,/standards/csc-calls,/feedback, --no-build,
 * --chrome PATH (default CHROME_PATH or /usr/bin/chromium), --reports DIR (keep every report),
 * --compare URL (another running dashboard, such as an earlier version, measured alternately).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { repoRoot } from '../config.js';
import { freePort } from './ports.js';

const { values } = parseArgs({
  // `pnpm bench:web -- --runs 1` passes the `--` on.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: '3' },
    pages: { type: 'string', default: '/,/standards/csc-calls,/feedback' },
    'no-build': { type: 'boolean', default: false },
    chrome: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    /** Keep each run's whole Lighthouse report (JSON) in this directory. */
    reports: { type: 'string' },
    /**
     * Another dashboard already running (demo sign-in on), such as an earlier version: measured
     * run by run alternately with this one, so both see the same machine.
     */
    compare: { type: 'string' },
  },
});
const runs = Number(values.runs);
const pages = values.pages.split(',').filter(Boolean);
if (!(runs >= 1) || pages.length === 0 || !existsSync(values.chrome)) {
  process.stderr.write(
    'Usage: pnpm bench:web [--runs 3] [--pages /,/feedback] [--no-build] [--chrome PATH]\n' +
      `(Chromium expected at ${values.chrome}: apt-get install chromium, or set CHROME_PATH)\n`,
  );
  process.exit(1);
}
const log = (m: string) => process.stdout.write(`${m}\n`);

async function waitFor(url: string, timeoutMs: number, init?: RequestInit): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, init);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Signs in as the demo manager; the session cookie to send. */
async function demoSignIn(base: string): Promise<string> {
  const signIn = await fetch(`${base}/api/session/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email: 'manager@demo.example' }),
  });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
  if (!signIn.ok || !cookie) throw new Error(`demo sign-in at ${base} failed: ${signIn.status}`);
  return cookie;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] ?? 0)
    : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

interface Figures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  scriptKb: number;
  stylesheetKb: number;
}

function figuresOf(lhr: Result): Figures {
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const summary =
    (
      lhr.audits['resource-summary']?.details as
        | { items: { resourceType: string; transferSize: number }[] }
        | undefined
    )?.items ?? [];
  const kb = (type: string) =>
    (summary.find((i) => i.resourceType === type)?.transferSize ?? 0) / 1024;
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
    fcpMs: audit('first-contentful-paint'),
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    scriptKb: kb('script'),
    stylesheetKb: kb('stylesheet'),
  };
}

if (!values['no-build']) {
  log('Building the web app…');
  const built = spawnSync('pnpm', ['--filter', '@ipo/web', 'build'], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const budgetRun = spawnSync('node', ['apps/web/scripts/budget.mjs', '--json'], {
  cwd: repoRoot,
  encoding: 'utf8',
});
if (budgetRun.status !== 0) throw new Error(`budget.mjs failed: ${budgetRun.stderr}`);
const budget = JSON.parse(budgetRun.stdout) as {
  jsBytes: number;
  cssBytes: number;
  jsBudgetBytes: number;
  cssBudgetBytes: number;
};

const port = await freePort();
const pgPort = await freePort();
const base = `http://127.0.0.1:${port}`;
log(`Starting the production server on ${base} (demo data in .data/bench-web)…`);
const server = spawn('node', ['--import', 'tsx', 'src/server.ts'], {
  cwd: path.join(repoRoot, 'apps/api'),
  env: {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PG_PORT: String(pgPort),
    DATA_DIR: path.join(repoRoot, '.data/bench-web'),
    DEMO_DATA: 'on',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let chrome: ChildProcess | null = null;
const results: Record<string, Record<string, Figures>> = {};
try {
  await waitFor(`${base}/api/health`, 180_000);
  const targets = [{ label: 'this build', base, cookie: await demoSignIn(base) }];
  if (values.compare) {
    const other = values.compare.replace(/\/+$/, '');
    targets.push({ label: 'compared', base: other, cookie: await demoSignIn(other) });
  }

  const debugPort = await freePort();
  chrome = spawn(
    values.chrome,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--remote-debugging-port=${debugPort}`,
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  await waitFor(`http://127.0.0.1:${debugPort}/json/version`, 30_000);

  const flags: Flags = {
    port: debugPort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
  };
  for (const profile of ['mobile', 'desktop'] as const) {
    for (const page of pages) {
      const each = targets.map(() => [] as Figures[]);
      for (let run = 0; run < runs; run++) {
        for (const [t, target] of targets.entries()) {
          const outcome = await lighthouse(
            `${target.base}${page}`,
            { ...flags, extraHeaders: { Cookie: target.cookie } },
            profile === 'desktop' ? desktopConfig : undefined,
          );
          if (!outcome) throw new Error(`Lighthouse gave no result for ${page}`);
          if (outcome.lhr.runtimeError) {
            throw new Error(`Lighthouse: ${outcome.lhr.runtimeError.message} (${page})`);
          }
          each[t]?.push(figuresOf(outcome.lhr));
          if (values.reports) {
            await mkdir(values.reports, { recursive: true });
            const name = `${profile}${page.replaceAll('/', '_')}-${t}-${run + 1}.json`;
            await writeFile(path.join(values.reports, name), JSON.stringify(outcome.lhr));
          }
        }
      }
      for (const [t, target] of targets.entries()) {
        const figures = each[t] ?? [];
        const keys = Object.keys(figures[0] as Figures) as (keyof Figures)[];
        const m = Object.fromEntries(
          keys.map((k) => [k, median(figures.map((f) => f[k]))]),
        ) as unknown as Figures;
        results[target.label] = {
          ...results[target.label],
          [`${profile} ${page}`]: m,
        };
        log(
          `${targets.length > 1 ? `${target.label.padEnd(11)}` : ''}${profile.padEnd(7)} ${page.padEnd(24)}` +
            ` performance ${String(m.performance).padStart(3)}` +
            `  accessibility ${String(m.accessibility).padStart(3)}  FCP ${(m.fcpMs / 1000).toFixed(2)} s` +
            `  LCP ${(m.lcpMs / 1000).toFixed(2)} s  TBT ${Math.round(m.tbtMs)} ms  CLS ${m.cls.toFixed(3)}` +
            `  script ${m.scriptKb.toFixed(1)} KB  CSS ${m.stylesheetKb.toFixed(1)} KB` +
            `  (median of ${runs}: performance ${figures.map((f) => f.performance).join(', ')})`,
        );
      }
    }
  }
} finally {
  if (chrome) await stop(chrome);
  await stop(server);
}

log('');
log(
  `Initial assets of / (gzipped, from the build): JavaScript ${(budget.jsBytes / 1024).toFixed(1)} KB ` +
    `(budget ${budget.jsBudgetBytes / 1024} KB), CSS ${(budget.cssBytes / 1024).toFixed(1)} KB ` +
    `(budget ${budget.cssBudgetBytes / 1024} KB)`,
);
const outDir = path.join(repoRoot, 'bench-results');
await mkdir(outDir, { recursive: true });
const file = path.join(outDir, `web-${new Date().toISOString().replaceAll(':', '-')}.json`);
await writeFile(file, `${JSON.stringify({ runs, budget, results }, null, 2)}\n`);
log(`Written to ${path.relative(repoRoot, file)}`);
