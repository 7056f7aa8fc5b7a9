import type { ImportError, ImportMode } from '@ipo/contracts';
import type pg from 'pg';
import { IMPORT_BATCH_LOCK } from '../db/locks.js';

// The import locks are defined in db/locks.ts with every other key; re-exported for the tests.
export { IMPORT_BATCH_LOCK, IMPORT_MERGE_LOCK } from '../db/locks.js';

export interface NewBatch {
  kind: 'work_items' | 'quality_checks' | 'feedback';
  mode: ImportMode;
  dataSource: string;
  /** The file name, or the API token's name. */
  file: string;
  createdBy: string;
}

/** Recorded in its own short transaction, so the history shows an import while it runs. */
export async function startBatch(pool: pg.Pool, batch: NewBatch): Promise<number> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO import_batch (kind, status, source, created_by, data_source, mode)
     VALUES ($1, 'running', $2, $3, $4, $5) RETURNING id`,
    [batch.kind, batch.file, batch.createdBy, batch.dataSource, batch.mode],
  );
  return rows[0]!.id;
}

export interface BatchOutcome {
  status: 'applied' | 'rejected' | 'failed';
  message: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportError[];
  errorCount: number;
  teamsCreated: { service: string; name: string }[];
}

/** Writes the outcome; on the import's own client inside its transaction when it applied. */
export async function finishBatch(
  db: Pick<pg.ClientBase, 'query'>,
  id: number,
  outcome: BatchOutcome,
): Promise<number> {
  const { rows } = await db.query<{ duration_ms: number }>(
    `UPDATE import_batch
        SET status = $2, message = $3, rows_inserted = $4, rows_updated = $5, rows_unchanged = $6,
            rows_rejected = $7, errors = $8, error_count = $9, teams_created = $10,
            finished_at = clock_timestamp(),
            duration_ms = round(extract(epoch FROM clock_timestamp() - started_at) * 1000)::int
      WHERE id = $1
      RETURNING duration_ms`,
    [
      id,
      outcome.status,
      outcome.message,
      outcome.inserted,
      outcome.updated,
      outcome.unchanged,
      outcome.rejected,
      JSON.stringify(outcome.errors),
      outcome.errorCount,
      JSON.stringify(outcome.teamsCreated),
    ],
  );
  return rows[0]?.duration_ms ?? 0;
}

/** Outcomes that could not be written because the database was away, retried until they are. */
const unwritten = new Map<number, { pool: pg.Pool; outcome: BatchOutcome; since: number }>();
let retryTimer: NodeJS.Timeout | null = null;
/** Between two attempts to write the outcomes left over. */
const RETRY_EVERY_MS = 2_000;
/** After this, the next start-up (markInterruptedImports) is left to mark the batch. */
const GIVE_UP_AFTER_MS = 30 * 60_000;

/**
 * Writes a failed import's outcome on the pool; when that fails too (the connection died because
 * the database went away) the outcome is kept and written again every few seconds until the
 * database is back, so the batch does not stay 'running' until the next start-up.
 */
export async function finishFailedBatch(
  pool: pg.Pool,
  id: number,
  outcome: BatchOutcome,
): Promise<void> {
  try {
    await finishBatch(pool, id, outcome);
  } catch {
    unwritten.set(id, { pool, outcome, since: Date.now() });
    scheduleRetry();
  }
}

function scheduleRetry() {
  if (retryTimer || unwritten.size === 0) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    void writeUnfinishedBatches().finally(scheduleRetry);
  }, RETRY_EVERY_MS);
  // Never what keeps the process alive.
  retryTimer.unref();
}

/**
 * Writes the failed outcomes still waiting for the database (of `pool` only, when given). Called
 * on a timer, and before the import history is read so it shows them at once.
 */
export async function writeUnfinishedBatches(pool?: pg.Pool): Promise<void> {
  for (const [id, pending] of [...unwritten]) {
    if (pool && pending.pool !== pool) continue;
    if (pending.pool.ending || Date.now() - pending.since > GIVE_UP_AFTER_MS) {
      unwritten.delete(id);
      continue;
    }
    try {
      await finishBatch(pending.pool, id, pending.outcome);
      unwritten.delete(id);
    } catch {
      // Still away: the next attempt will tell.
    }
  }
}

/**
 * At start-up: a batch still 'running' that began before this process and whose import session
 * is gone (its advisory lock is free) was interrupted: its transaction rolled back, so it is
 * marked failed. Batches of another live replica keep their lock and are left alone.
 */
export async function markInterruptedImports(
  db: Pick<pg.ClientBase, 'query'>,
  processStartedAt: Date,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE import_batch
        SET status = 'failed', message = 'interrupted: the import stopped before it finished, and nothing from it was saved',
            errors = '[{"line":0,"column":null,"reason":"interrupted"}]', error_count = 1,
            rows_inserted = 0, rows_updated = 0, rows_unchanged = 0,
            finished_at = now(),
            duration_ms = round(extract(epoch FROM now() - started_at) * 1000)::int
      WHERE status = 'running' AND started_at < $1
        AND pg_try_advisory_xact_lock(${IMPORT_BATCH_LOCK}, id)`,
    [processStartedAt],
  );
  return rowCount ?? 0;
}
