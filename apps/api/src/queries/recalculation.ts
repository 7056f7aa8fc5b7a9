/**
 * The statements of a recalculation job (derive/recalculate.ts). The job's own transaction holds
 * RULES_LOCK and its RECALCULATION_JOB_LOCK; in it the rules version is bumped, the affected work
 * items are collected and rewritten batch by batch (the rollup triggers fold each batch), and the
 * job is marked succeeded, all committing together. The job row is recorded, and its progress
 * written, on other connections in short autocommitted statements, so it can be watched while
 * the job runs; its reads for the admin API go through Prisma.
 */
import { RECALCULATION_JOB_LOCK } from '../db/locks.js';
import type { Queryable } from '../db/queryable.js';

/** Reserves the new job's id (inside the job's transaction, before its lock is taken). */
export async function nextRecalculationJobId(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT nextval(pg_get_serial_sequence('recalculation_job', 'id'))::int AS id`,
  );
  return rows[0]!.id;
}

/** Records a job as queued, under the rules version now in force. */
export async function insertQueuedJob(
  db: Queryable,
  job: { id: number; reason: string; createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO recalculation_job (id, reason, rules_version, status, created_by)
         SELECT $1, $2, rules_version, 'queued', $3 FROM derivation_state WHERE id = 1`,
    [job.id, job.reason, job.createdBy],
  );
}

export interface RecalculationJobRow {
  id: number;
  reason: string;
  rules_version: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  done: number;
  error: string | null;
  created_by: string;
  started_at: Date;
  finished_at: Date | null;
}

const JOB_COLUMNS =
  'id, reason, rules_version, status, total, done, error, created_by, started_at, finished_at';

/** One job as recorded; null when there is none. */
export async function recalculationJobRow(
  db: Queryable,
  id: number,
): Promise<RecalculationJobRow | null> {
  const { rows } = await db.query<RecalculationJobRow>(
    `SELECT ${JOB_COLUMNS} FROM recalculation_job WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** Marks a job failed with its error (its transaction was rolled back). */
export async function markJobFailed(db: Queryable, id: number, error: string): Promise<void> {
  await db.query(
    `UPDATE recalculation_job SET status = 'failed', error = $2, finished_at = now()
          WHERE id = $1`,
    [id, error],
  );
}

/**
 * Bumps the rules version (inside the job's transaction, under RULES_LOCK) and answers the new
 * one; undefined when derivation_state has no row.
 */
export async function bumpRulesVersion(db: Queryable): Promise<number | undefined> {
  const bumped = await db.query<{ rules_version: number }>(
    `UPDATE derivation_state SET rules_version = rules_version + 1, updated_at = now()
      WHERE id = 1 RETURNING rules_version`,
  );
  return bumped.rows[0]?.rules_version;
}

/** Marks a job running under the rules version it brings in. */
export async function markJobRunning(
  db: Queryable,
  id: number,
  rulesVersion: number,
): Promise<void> {
  await db.query(
    `UPDATE recalculation_job SET status = 'running', rules_version = $2, started_at = now()
      WHERE id = $1`,
    [id, rulesVersion],
  );
}

/** Records how many items a job recomputes. */
export async function setJobTotal(db: Queryable, id: number, total: number): Promise<void> {
  await db.query('UPDATE recalculation_job SET total = $2 WHERE id = $1', [id, total]);
}

/** Records how many items a job has recomputed so far. */
export async function setJobDone(db: Queryable, id: number, done: number): Promise<void> {
  await db.query('UPDATE recalculation_job SET done = $2 WHERE id = $1', [id, done]);
}

/** Marks a job succeeded (inside its transaction: it reads so exactly when its values appear). */
export async function markJobSucceeded(db: Queryable, id: number, done: number): Promise<void> {
  await db.query(
    `UPDATE recalculation_job SET status = 'succeeded', total = $2, done = $2, error = NULL,
            finished_at = now() WHERE id = $1`,
    [id, done],
  );
}

/**
 * A job still queued or running whose transaction is gone (its job lock is free) is marked
 * failed. Answers how many were.
 */
export async function failInterruptedJobs(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE recalculation_job
        SET status = 'failed', finished_at = now(),
            error = 'interrupted: the job stopped before it finished, and nothing from it was saved'
      WHERE status IN ('queued', 'running')
        AND pg_try_advisory_xact_lock(${RECALCULATION_JOB_LOCK}, id)`,
  );
  return rowCount ?? 0;
}

/** The temporary table of the ids a job recomputes, dropped when its transaction ends. */
export async function createRecalculationTargets(db: Queryable): Promise<void> {
  await db.query(
    'CREATE TEMPORARY TABLE recalculation_target (id bigint PRIMARY KEY) ON COMMIT DROP',
  );
}

/** Autovacuum never analyses temporary tables; the batch query's plan needs the row count. */
export async function analyzeRecalculationTargets(db: Queryable): Promise<void> {
  await db.query('ANALYZE recalculation_target');
}

/** Targets every completed item of these work types; answers how many. */
export async function targetWorkTypeItems(db: Queryable, workTypes: string[]): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO recalculation_target (id)
       SELECT id FROM work_item
        WHERE work_type_code = ANY($1::text[]) AND completed_date IS NOT NULL`,
    [workTypes],
  );
  return rowCount ?? 0;
}

/**
 * Targets the items of these work types with receivedDate < D <= completedDate for one of the
 * days D (sorted), found through the (work_type_code, completed_date) index.
 */
export async function targetClosureDayItems(
  db: Queryable,
  workTypes: string[],
  sortedDays: string[],
): Promise<void> {
  await db.query(
    `INSERT INTO recalculation_target (id)
       SELECT w.id FROM work_item w
        WHERE w.work_type_code = ANY($1::text[])
          AND w.completed_date >= $2::date AND w.received_date < $3::date
          AND EXISTS (SELECT 1 FROM unnest($4::date[]) AS d(day)
                       WHERE w.received_date < d.day AND d.day <= w.completed_date)
       ON CONFLICT (id) DO NOTHING`,
    [workTypes, sortedDays[0], sortedDays[sortedDays.length - 1], sortedDays],
  );
}

/** How many items are targeted. */
export async function countRecalculationTargets(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM recalculation_target',
  );
  return rows[0]?.n ?? 0;
}

export interface TargetItemRow {
  id: string;
  work_type_code: string;
  received_at: Date;
  completed_at: Date;
}

/** The next targeted completed items after `lastId`, by id. */
export async function targetItemsAfter(
  db: Queryable,
  lastId: string,
  limit: number,
): Promise<TargetItemRow[]> {
  // Both sides bounded by the last id, so each batch reads only its own stretch of the primary
  // key (a merge join from the start of work_item would make the job quadratic).
  const batch = await db.query<TargetItemRow>(
    `SELECT w.id::text AS id, w.work_type_code, w.received_at, w.completed_at
         FROM recalculation_target t JOIN work_item w ON w.id = t.id
        WHERE t.id > $1::bigint AND w.id > $1::bigint AND w.completed_at IS NOT NULL
        ORDER BY t.id LIMIT $2`,
    [lastId, limit],
  );
  return batch.rows;
}

/** A batch of recomputed values, one entry per item in each array. */
export interface DerivedValues {
  ids: string[];
  receivedDates: string[];
  completedDates: (string | null)[];
  seconds: (number | null)[];
  workingDays: (number | null)[];
  calendarDays: (number | null)[];
  within: (boolean | null)[];
  /** The timestamps the values were derived from. */
  receivedAts: Date[];
  completedAts: Date[];
}

/**
 * Writes a batch of recomputed values in one statement: the rollup triggers aggregate its
 * transition tables once. The timestamps the values were derived from are part of the match: a
 * row an import rewrote meanwhile (the UPDATE waits for its lock, then re-checks) keeps the
 * import's values instead of getting ones derived from replaced timestamps.
 */
export async function writeDerivedValues(
  db: Queryable,
  values: DerivedValues,
  rulesVersion: number,
): Promise<void> {
  await db.query(
    `UPDATE work_item w
          SET received_date = v.received_date, completed_date = v.completed_date,
              elapsed_seconds = v.elapsed_seconds, elapsed_working_days = v.elapsed_working_days,
              elapsed_calendar_days = v.elapsed_calendar_days,
              within_threshold = v.within_threshold, rules_version = $8
         FROM unnest($1::bigint[], $2::date[], $3::date[], $4::int[], $5::int[], $6::int[],
                     $7::boolean[], $9::timestamptz[], $10::timestamptz[])
              AS v(id, received_date, completed_date, elapsed_seconds, elapsed_working_days,
                   elapsed_calendar_days, within_threshold, received_at, completed_at)
        WHERE w.id = v.id AND w.received_at = v.received_at AND w.completed_at = v.completed_at`,
    [
      values.ids,
      values.receivedDates,
      values.completedDates,
      values.seconds,
      values.workingDays,
      values.calendarDays,
      values.within,
      rulesVersion,
      values.receivedAts,
      values.completedAts,
    ],
  );
}
