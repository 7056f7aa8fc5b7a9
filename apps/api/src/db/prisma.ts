import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { setWriterSettings } from './writer-settings.js';

export type { PrismaClient };

export interface Database {
  /** For bulk writes (COPY) and the analytic queries in src/queries. */
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** What the database layer logs with: Fastify's logger (pino) fits, as does `consoleLogger`. */
export interface DbLogger {
  warn(details: { err: Error }, message: string): void;
}

/** Writes one line to stderr per message: for the command line and tests. */
export const consoleLogger: DbLogger = {
  warn: ({ err }, message) => process.stderr.write(`${message}: ${err.message}\n`),
};

export interface ConnectOptions {
  /** Where lost connections and pool errors are logged; stderr when omitted. */
  logger?: DbLogger;
  /** Longest wait for a connection, from the pool or a new one (0 or omitted: no limit). */
  connectionTimeoutMs?: number;
  /** PostgreSQL's statement_timeout for every connection of the pool (0 or omitted: none). */
  statementTimeoutMs?: number;
  /** PostgreSQL's idle_in_transaction_session_timeout (0 or omitted: none). */
  idleInTransactionTimeoutMs?: number;
  /**
   * The statement_timeout imports and recalculation jobs set for their own transaction
   * (`SET LOCAL`): they legitimately run statements far longer than a request's.
   */
  bulkStatementTimeoutMs?: number;
  /**
   * How long an import waits for another import of its kind, or a recalculation job, to finish
   * before it gives up (409).
   */
  lockWaitMs?: number;
}

// DATE columns come back as 'YYYY-MM-DD' strings: a local date is not an instant, and turning it
// into a JavaScript Date at UTC midnight invites off-by-one errors around summer time.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// Counts (bigint) fit comfortably in a double for this product's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function connect(databaseUrl: string, max = 10, options: ConnectOptions = {}): Database {
  const logger = options.logger ?? consoleLogger;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    // Both bound a wait that would otherwise be endless: for a free connection when the pool is
    // busy, and for a server that does not answer.
    ...(options.connectionTimeoutMs
      ? { connectionTimeoutMillis: options.connectionTimeoutMs }
      : {}),
    // Sent at connection start-up, so every statement of every connection has them, Prisma's too.
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs
      ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs }
      : {}),
  });
  setWriterSettings(pool, {
    ...(options.bulkStatementTimeoutMs !== undefined
      ? { bulkStatementTimeoutMs: options.bulkStatementTimeoutMs }
      : {}),
    ...(options.lockWaitMs !== undefined ? { lockWaitMs: options.lockWaitMs } : {}),
  });

  // A connection that dies (PostgreSQL restarted, a network cut, a session ended by
  // idle_in_transaction_session_timeout) emits 'error' on its client. Unheard, that error ends
  // the process. The pool listens while a client is idle (and emits 'error' on itself); while a
  // client is checked out (an import, a recalculation, a Prisma query) nobody does. So every
  // client gets a listener of its own when the pool creates it, before it is handed out, for
  // pool.connect(), pool.query() and Prisma alike. The query that was running fails with the
  // same error, and its caller answers for it; the dead client is discarded on release.
  const logged = new WeakSet<Error>();
  const report = (err: Error, message: string) => {
    if (logged.has(err)) return;
    logged.add(err);
    logger.warn({ err }, message);
  };
  pool.on('connect', (client) => {
    client.on('error', (err) => report(err, 'a database connection was lost'));
  });
  pool.on('error', (err) => report(err, 'an idle database connection was lost'));

  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
