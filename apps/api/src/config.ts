import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, for defaults that point inside the project. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const onOff = z
  .enum(['on', 'off', 'true', 'false', '1', '0'])
  .transform((v) => v === 'on' || v === 'true' || v === '1');

const port = z.coerce.number().int().min(1).max(65535);

/** A duration in milliseconds, at most `max`. */
const millis = (max: number) => z.coerce.number().int().min(0).max(max);

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
    /**
     * The role that owns the schema, for migrations and start-up seeding; DATABASE_URL is then
     * the API's own role, which cannot change the schema (decision 10). Unset with DATABASE_URL
     * set: that one role does everything.
     */
    MIGRATION_DATABASE_URL: z
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
    // ----- sign-in (decision 11)
    /** A session ends after this many minutes without a request... */
    SESSION_IDLE_TIMEOUT_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** ...and this many hours after sign-in, however busy. */
    SESSION_ABSOLUTE_TIMEOUT_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /** Failed sign-ins allowed per account, and per client address, in 15 minutes. */
    SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
    /**
     * Behind a reverse proxy that terminates HTTPS: take the client's address and protocol from
     * X-Forwarded-For and X-Forwarded-Proto (the session cookie is then marked Secure).
     */
    TRUST_PROXY: onOff.default(false),
    /** The address people use to reach the dashboard, such as https://standards.ipo.gov.uk. */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional(),
    /** The OpenID Connect identity provider's issuer URL; unset: local accounts only. */
    OIDC_ISSUER: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The claim whose values are role codes and `team-lead:<team>` grants (docs/sign-in.md). */
    OIDC_ROLES_CLAIM: z.string().min(1).default('ipo_roles'),
    /** The words on the sign-in button: "Sign in with <OIDC_LABEL>". */
    OIDC_LABEL: z.string().min(1).max(60).default('your IPO account'),
    // ----- robustness: nothing can hold the server hostage (timeouts in milliseconds)
    /** Longest wait for a database connection, from the pool or a new one. */
    DB_CONNECT_TIMEOUT_MS: millis(60_000).default(5_000),
    /** Longest statement of a request; PostgreSQL cancels it after this. */
    DB_STATEMENT_TIMEOUT_MS: millis(3_600_000).default(30_000),
    /** A transaction left idle this long is ended by PostgreSQL (its locks are released). */
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis(3_600_000).default(60_000),
    /** Longest statement of an import or a recalculation job (bulk writes). */
    DB_BULK_STATEMENT_TIMEOUT_MS: millis(24 * 3_600_000).default(900_000),
    /** How long an import waits for another import of its kind (or a recalculation); then 409. */
    IMPORT_LOCK_WAIT_MS: millis(600_000).default(5_000),
    /** The whole request, an upload included, must arrive within this. */
    HTTP_REQUEST_TIMEOUT_MS: millis(24 * 3_600_000).default(600_000),
    /** A connection with no traffic this long is closed (longer than the longest import). */
    HTTP_CONNECTION_TIMEOUT_MS: millis(24 * 3_600_000).default(1_200_000),
    /** On SIGINT/SIGTERM: if closing takes longer, the process logs it and exits with code 1. */
    SHUTDOWN_TIMEOUT_MS: millis(3_600_000).min(1_000).default(30_000),
    /** Rate limits per client address and window on the costly endpoints (0: no limit). */
    RATE_LIMIT_WINDOW_MS: millis(3_600_000).min(1_000).default(60_000),
    /** Comment search and phrase discovery (GET /api/feedback/comments, /phrases). */
    RATE_LIMIT_SEARCH: z.coerce.number().int().min(0).default(120),
    /** CSV imports (POST /api/imports/...). */
    RATE_LIMIT_IMPORTS: z.coerce.number().int().min(0).default(10),
    /** Ingestion batches (POST /api/ingest/...). */
    RATE_LIMIT_INGEST: z.coerce.number().int().min(0).default(60),
    /** Sign-in attempts (POST /api/session, /api/session/demo, GET /api/auth/oidc/login). */
    RATE_LIMIT_SIGN_IN: z.coerce.number().int().min(0).default(30),
    // ----- alerts and scheduled reports (decision 14)
    /** `off`: no job queue, no alert evaluation and no e-mail from this process. */
    ALERTS: onOff.default(true),
    /** The mail server, such as smtp://user:password@mail.example:587 (smtps:// for TLS). */
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
      .optional(),
    /** The sender of alert e-mails. */
    MAIL_FROM: z
      .string()
      .min(3)
      .max(200)
      .default('IPO service standards <service-standards@localhost>'),
    /** A GOV.UK Notify API key: e-mails of the kinds with a template below go through Notify. */
    NOTIFY_API_KEY: z
      .string()
      .regex(/^[\w-]{1,200}-[0-9a-f-]{36}-[0-9a-f-]{36}$/, {
        message: 'must be a GOV.UK Notify API key (name-service id-secret)',
      })
      .optional(),
    /** Another Notify API address (Notify's own by default). */
    NOTIFY_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
      .optional(),
    /** Notify template ids, each with ((subject)) and ((body)); the report's with ((link_to_file)). */
    NOTIFY_TEMPLATE_ALERT: z.uuid().optional(),
    NOTIFY_TEMPLATE_DIGEST: z.uuid().optional(),
    NOTIFY_TEMPLATE_REPORT: z.uuid().optional(),
    /** The monthly report pack goes out on this working day after the month ends. */
    REPORT_PACK_WORKING_DAY: z.coerce.number().int().min(1).max(15).default(3),
    /** Host names the server answers to, comma separated (421 for others); unset: any. */
    ALLOWED_HOSTS: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(
            z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/, {
              message: 'must be host names (optionally with :port), comma separated',
            }),
          )
          .min(1, 'needs at least one host name'),
      )
      .optional(),
  })
  .refine((c) => !c.MIGRATION_DATABASE_URL || c.DATABASE_URL, {
    path: ['MIGRATION_DATABASE_URL'],
    message: 'needs DATABASE_URL as well (the role the API connects as)',
  })
  .refine((c) => !c.OIDC_ISSUER || (c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET && c.PUBLIC_URL), {
    path: ['OIDC_ISSUER'],
    message: 'needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL as well',
  });
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
