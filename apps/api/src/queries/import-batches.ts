/**
 * The import batch record (imports/batches.ts) as the import writes it. The outcome of an import
 * that applied is written inside the import's own transaction (its batch, merge, rules and
 * taxonomy locks held), so the rows and 'applied' commit together; the record of a start, and
 * the outcome of an import rolled back, are written on the pool by the import itself
 * (imports/run-import.ts, which holds no Prisma client), with the database's clock for the
 * times and duration. The history the API shows is read through Prisma.
 */
import { IMPORT_BATCH_LOCK } from '../db/locks.js';
import type { Queryable } from '../db/queryable.js';

/** Records a batch as running; answers its id. */
export async function insertRunningBatch(
  db: Queryable,
  batch: { kind: string; file: string; createdBy: string; dataSource: string; mode: string },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO import_batch (kind, status, source, created_by, data_source, mode)
     VALUES ($1, 'running', $2, $3, $4, $5) RETURNING id`,
    [batch.kind, batch.file, batch.createdBy, batch.dataSource, batch.mode],
  );
  return rows[0]!.id;
}

export interface BatchOutcomeValues {
  status: 'applied' | 'rejected' | 'failed';
  message: string;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** JSON text. */
  errors: string;
  errorCount: number;
  /** JSON text. */
  teamsCreated: string;
}

/** Writes a batch's outcome, finished now; answers its duration in milliseconds (0 if gone). */
export async function finishImportBatch(
  db: Queryable,
  id: number,
  outcome: BatchOutcomeValues,
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
      outcome.errors,
      outcome.errorCount,
      outcome.teamsCreated,
    ],
  );
  return rows[0]?.duration_ms ?? 0;
}

/**
 * Marks failed the batches still 'running' that began before `startedBefore` and whose import
 * session is gone (their IMPORT_BATCH_LOCK is free). Answers how many were.
 */
export async function failInterruptedBatches(db: Queryable, startedBefore: Date): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE import_batch
        SET status = 'failed', message = 'interrupted: the import stopped before it finished, and nothing from it was saved',
            errors = '[{"line":0,"column":null,"reason":"interrupted"}]', error_count = 1,
            rows_inserted = 0, rows_updated = 0, rows_unchanged = 0,
            finished_at = now(),
            duration_ms = round(extract(epoch FROM now() - started_at) * 1000)::int
      WHERE status = 'running' AND started_at < $1
        AND pg_try_advisory_xact_lock(${IMPORT_BATCH_LOCK}, id)`,
    [startedBefore],
  );
  return rowCount ?? 0;
}
