import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const prefix = 'ipo-e2e-';

/**
 * A fresh embedded-PostgreSQL data folder per run, so every run starts from the migrations and the
 * seeded catalogue alone. Playwright loads this config in the runner and again in each worker:
 * the runner picks the folder and passes it on through the environment, and only the runner
 * clears the folders earlier runs left behind (their servers are gone: the ports are fixed, so
 * two runs cannot overlap).
 */
export function e2eDataDir(): string {
  const existing = process.env.IPO_E2E_DATA_DIR;
  if (existing) return existing;

  for (const entry of readdirSync(os.tmpdir())) {
    if (entry.startsWith(prefix)) {
      rmSync(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    }
  }
  const dataDir = path.join(os.tmpdir(), `${prefix}${Date.now()}`);
  process.env.IPO_E2E_DATA_DIR = dataDir;
  return dataDir;
}
