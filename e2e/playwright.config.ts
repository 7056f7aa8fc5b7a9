import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { e2eDataDir } from './support/data-dir.js';

const port = 3100;
const baseURL = `http://localhost:${port}`;
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The Chromium that drives the tests (undefined: Playwright's own, installed with
 * `pnpm --filter @ipo/e2e exec playwright install --with-deps chromium`):
 * - `PLAYWRIGHT_BROWSER=bundled`: Playwright's own, as on GitHub's Ubuntu runners, where Ubuntu's
 *   `chromium` package is only a snap stub;
 * - otherwise `CHROMIUM_PATH`, or else Debian's `/usr/bin/chromium` (what `.ci/run` installs,
 *   where Playwright cannot download a browser);
 * - with neither, Playwright's own.
 */
function chromiumPath(): string | undefined {
  const choice = process.env.PLAYWRIGHT_BROWSER ?? '';
  if (choice === 'bundled') return undefined;
  if (choice !== '') {
    throw new Error(`PLAYWRIGHT_BROWSER may only be "bundled" (or unset), not "${choice}"`);
  }
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
const executablePath = chromiumPath();

export default defineConfig({
  testDir: './tests',
  reporter: 'list',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The production server: the API serving the built SPA (the root `test:e2e` script builds
    // apps/web first).
    // Started with node directly (not through pnpm) so SIGTERM reaches the server itself.
    command: 'node --import tsx src/server.ts',
    cwd: `${repoRoot}apps/api`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // Let the server drain and stop its embedded PostgreSQL instead of being SIGKILLed.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: e2eDataDir(),
      PG_PORT: '54339',
      // The dashboard journeys need figures: a tenth of the demo volumes (about 130,000 rows,
      // seeded in a few seconds on first start).
      DEMO_DATA: 'on',
      DEMO_SCALE: '0.1',
      LOG_LEVEL: 'warn',
      // With DATABASE_URL set, the server uses that database instead of the embedded one.
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
