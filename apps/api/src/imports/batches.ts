import type { ImportBatch, ImportError, ImportHistoryResponse, ImportMode } from '@ipo/contracts';
import type pg from 'pg';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';
import {
  failInterruptedBatches,
  finishImportBatch,
  insertRunningBatch,
} from '../queries/import-batches.js';

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
  return insertRunningBatch(pool, batch);
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
  db: Queryable,
  id: number,
  outcome: BatchOutcome,
): Promise<number> {
  return finishImportBatch(db, id, {
    status: outcome.status,
    message: outcome.message,
    inserted: outcome.inserted,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    rejected: outcome.rejected,
    errors: JSON.stringify(outcome.errors),
    errorCount: outcome.errorCount,
    teamsCreated: JSON.stringify(outcome.teamsCreated),
  });
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
  db: Queryable,
  processStartedAt: Date,
): Promise<number> {
  return failInterruptedBatches(db, processStartedAt);
}

const KIND = { work_items: 'work-items', quality_checks: 'quality-checks', feedback: 'feedback' };

/**
 * Uploads recorded before addresses stopped being stored read 'web upload (203.0.113.7)': the
 * sender's address is personal data and is never shown.
 */
function withoutAddress(createdBy: string): string {
  return createdBy.startsWith('web upload (') ? 'web upload' : createdBy;
}

/** The import history: batches, newest first, a page at a time (plain row reads, Prisma). */
export async function listImportBatches(
  prisma: PrismaClient,
  page: number,
  pageSize: number,
): Promise<ImportHistoryResponse> {
  const [rows, total] = await Promise.all([
    prisma.importBatch.findMany({
      // Everything but the errors themselves (up to a thousand a batch).
      select: {
        id: true,
        kind: true,
        status: true,
        mode: true,
        source: true,
        dataSource: true,
        createdBy: true,
        rowsInserted: true,
        rowsUpdated: true,
        rowsUnchanged: true,
        rowsRejected: true,
        errorCount: true,
        message: true,
        teamsCreated: true,
        startedAt: true,
        finishedAt: true,
        durationMs: true,
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: pageSize,
      skip: (page - 1) * pageSize,
    }),
    prisma.importBatch.count(),
  ]);
  return {
    page,
    pageSize,
    total,
    batches: rows.map((r) => ({
      id: r.id,
      kind: KIND[r.kind] as ImportBatch['kind'],
      status: r.status,
      // 'all-or-nothing' or 'valid-only', as the import wrote it.
      mode: r.mode as ImportBatch['mode'],
      file: r.source,
      dataSource: r.dataSource,
      createdBy: withoutAddress(r.createdBy),
      rowsInserted: r.rowsInserted,
      rowsUpdated: r.rowsUpdated,
      rowsUnchanged: r.rowsUnchanged,
      rowsRejected: r.rowsRejected,
      errorCount: r.errorCount,
      message: r.message,
      teamsCreated: (r.teamsCreated as { service: string; name: string }[] | null) ?? [],
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.durationMs,
    })),
  };
}
