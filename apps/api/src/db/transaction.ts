import pg from 'pg';
import { databaseFailure } from './errors.js';
import type { LockKey } from './locks.js';

/**
 * The one way the API opens a transaction by hand (decision 1): every BEGIN, COMMIT and
 * ROLLBACK of the application is here.
 */

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

/** An advisory lock (db/locks.ts), held until the transaction ends. */
export type TransactionLock =
  | LockKey
  | {
      key: LockKey;
      /** The second part of a two-part key: one lock per id within the key. */
      id?: number;
      /** Shared mode: held by any number of transactions at once, never beside an exclusive one. */
      shared?: boolean;
    };

export interface TransactionOptions {
  /** PostgreSQL's default (read committed) when omitted. */
  isolation?: IsolationLevel;
  readOnly?: boolean;
  /** Advisory locks taken, in this order, before `fn` runs. */
  lock?: TransactionLock | readonly TransactionLock[];
  /**
   * Longest wait for each lock of `lock`; past it the transaction is rolled back and
   * LockTimeoutError thrown, before `fn` runs. Omitted: wait for as long as statement_timeout
   * allows. Work inside `fn` keeps the connection's own lock_timeout.
   */
  lockTimeoutMs?: number;
  /**
   * This transaction's statement_timeout (`SET LOCAL`), for writers whose statements are
   * legitimately far longer than a request's (imports, recalculation jobs). 0: none.
   */
  statementTimeoutMs?: number;
}

/** A lock of `lock` was not granted within `lockTimeoutMs`; nothing was done. */
export class LockTimeoutError extends Error {
  override name = 'LockTimeoutError';
  readonly lock: { key: LockKey; id?: number; shared: boolean };
  constructor(lock: { key: LockKey; id?: number; shared: boolean }, cause: unknown) {
    super(
      `advisory lock ${lock.key}${lock.id === undefined ? '' : `/${lock.id}`} not granted in time`,
      {
        cause,
      },
    );
    this.lock = lock;
  }
}

function normalise(lock: TransactionLock): { key: LockKey; id?: number; shared: boolean } {
  if (typeof lock === 'number') return { key: lock, shared: false };
  return {
    key: lock.key,
    ...(lock.id === undefined ? {} : { id: lock.id }),
    shared: lock.shared ?? false,
  };
}

/**
 * Takes an advisory lock inside the transaction open on `client`, waiting for it: for locks whose
 * id is only known inside the transaction (a batch, a job), or that must come after other work.
 */
export async function takeLock(client: pg.ClientBase, lock: TransactionLock): Promise<void> {
  const { key, id, shared } = normalise(lock);
  const fn = shared ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  if (id === undefined) await client.query(`SELECT ${fn}($1::bigint)`, [key]);
  else await client.query(`SELECT ${fn}($1::int, $2::int)`, [key, id]);
}

async function takeLocks(client: pg.ClientBase, options: TransactionOptions): Promise<void> {
  if (options.lock === undefined) return;
  const locks: readonly TransactionLock[] = Array.isArray(options.lock)
    ? options.lock
    : [options.lock as TransactionLock];
  if (options.lockTimeoutMs === undefined) {
    for (const lock of locks) await takeLock(client, lock);
    return;
  }
  const { rows } = await client.query<{ previous: string }>(
    `SELECT current_setting('lock_timeout') AS previous`,
  );
  // 0 would mean no limit at all.
  const waitMs = Math.max(1, Math.round(options.lockTimeoutMs));
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${waitMs}ms`]);
  for (const lock of locks) {
    try {
      await takeLock(client, lock);
    } catch (error) {
      // lock_not_available: the wait ran out (the transaction is aborted, and rolled back).
      if ((error as { code?: unknown }).code === '55P03') {
        throw new LockTimeoutError(normalise(lock), error);
      }
      throw error;
    }
  }
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [rows[0]?.previous ?? '0']);
}

function beginStatement(options: TransactionOptions): string {
  let sql = 'BEGIN';
  if (options.isolation) sql += ` ISOLATION LEVEL ${options.isolation.toUpperCase()}`;
  if (options.readOnly) sql += ' READ ONLY';
  return sql;
}

/**
 * Runs `fn` in one transaction: BEGIN (with the isolation level and access mode asked for), the
 * statement_timeout and advisory locks asked for, `fn(client)`, COMMIT. When anything throws, the
 * transaction is rolled back and the original error thrown again (a failing ROLLBACK is not
 * what the caller needs to hear about).
 *
 * Given a pool, it takes a connection for the transaction and always gives it back; a connection
 * that failed (the server went away, or the ROLLBACK could not be sent) is destroyed rather than
 * returned, so the pool never hands out a broken one or one still inside a transaction. Given a
 * client, it uses that client and leaves connecting and closing it to the caller.
 */
export function withTransaction<T>(
  db: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  options?: TransactionOptions,
): Promise<T>;
export function withTransaction<T, C extends pg.ClientBase>(
  db: C,
  fn: (client: C) => Promise<T>,
  options?: TransactionOptions,
): Promise<T>;
export async function withTransaction<T>(
  db: pg.Pool | pg.ClientBase,
  // Each overload says which client `fn` is given.
  fn: (client: never) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const pooled = db instanceof pg.Pool;
  const client: pg.ClientBase = pooled ? await db.connect() : db;
  let broken = false;
  try {
    await client.query(beginStatement(options));
    if (options.statementTimeoutMs !== undefined) {
      await client.query(`SELECT set_config('statement_timeout', $1, true)`, [
        `${Math.max(0, Math.round(options.statementTimeoutMs))}ms`,
      ]);
    }
    await takeLocks(client, options);
    const result = await (fn as (client: pg.ClientBase) => Promise<T>)(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (databaseFailure(error) === 'unavailable') {
      // The session is gone: PostgreSQL has rolled its transaction back already.
      broken = true;
    } else {
      try {
        await client.query('ROLLBACK');
      } catch {
        // Unknown state, perhaps still inside the transaction: never reuse the connection.
        broken = true;
      }
    }
    throw error;
  } finally {
    // `release(true)` destroys the connection instead of returning it to the pool.
    if (pooled) (client as pg.PoolClient).release(broken);
  }
}
