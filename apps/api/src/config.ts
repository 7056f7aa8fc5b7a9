import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, for defaults that point inside the project. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const port = z.coerce.number().int().min(1).max(65535);

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('localhost'),
    PORT: port.default(3000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Any PostgreSQL 15+ server. Unset: the API runs an embedded PostgreSQL in DATA_DIR. */
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    /** Where the embedded PostgreSQL keeps its data between runs (git-ignored). */
    DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
    /** The embedded PostgreSQL's port (loopback only). */
    PG_PORT: port.default(54329),
    /** `off` starts with the standards catalogue only and no demo rows. */
    DEMO_DATA: onOff.default(true),
    DEMO_SEED: z.coerce.number().int().default(20260401),
    DEMO_SCALE: z.coerce.number().positive().max(100).default(1),
    /** A data source whose latest event is more working days old than this is flagged stale. */
    STALE_AFTER_WORKING_DAYS: z.coerce.number().int().min(0).max(60).default(2),
    /** The built single-page app the API serves in production mode. */
    WEB_DIST: z.string().min(1).default(path.join(repoRoot, 'apps/web/dist')),
    /**
     * The administration routes (/api/admin: closure days, thresholds, targets, recalculations).
     * There is no sign-in yet, so they are off in production unless switched on explicitly.
     */
    ADMIN_API: onOff.optional(),
  })
  .transform((c) => ({ ...c, ADMIN_API: c.ADMIN_API ?? c.NODE_ENV !== 'production' }));
export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once, at start-up. Nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as most shells and .env files intend.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}
