import type { RecalculationJob } from '@ipo/contracts';
import type { DerivedWorkItem } from '@ipo/domain';
import type pg from 'pg';
import { recordAudit } from '../admin/audit.js';
import { databaseFailure } from '../db/errors.js';
import { RECALCULATION_JOB_LOCK, RULES_LOCK } from '../db/locks.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';
import { takeLock, withTransaction } from '../db/transaction.js';
import { writerSettingsOf } from '../db/writer-settings.js';
import {
  analyzeRecalculationTargets,
  bumpRulesVersion,
  countRecalculationTargets,
  createRecalculationTargets,
  failInterruptedJobs,
  insertQueuedJob,
  markJobFailed,
  markJobRunning,
  markJobSucceeded,
  nextRecalculationJobId,
  type RecalculationJobRow,
  recalculationJobRow,
  setJobDone,
  setJobTotal,
  targetClosureDayItems,
  targetItemsAfter,
  targetWorkTypeItems,
  writeDerivedValues,
} from '../queries/recalculation.js';
import { type DerivationRules, loadDerivationRules } from './rules.js';

/**
 * Recalculation of stored derived values (received/completed dates, elapsed time, within
 * threshold) after the rules change: a closure day added or removed, a threshold or division
 * changed.
 *
 * One job = one rules change. The change itself (the closure_day row, the standard's threshold)
 * and the recomputed work items are written in ONE transaction with the rules-version bump, so
 * readers see either the old rules with the old values or the new rules with the new values,
 * never a mix. Only the job row and its progress are written on other connections, in short
 * autocommitted statements, so progress is visible while the main transaction runs.
 *
 * One job at a time: each takes an exclusive advisory lock (RULES_LOCK) inside its transaction;
 * a second job is recorded as `queued` and waits on the lock, then runs (PostgreSQL grants the
 * lock in request order). Writers that derive values outside a job (imports) should take the
 * same lock in shared mode, see `holdRulesSteady`.
 */

// RULES_LOCK: exclusive for a job, shared for writers that derive values with the current rules.
// RECALCULATION_JOB_LOCK: (key, job id), held by the job's transaction while it lives. Both are
// defined in db/locks.ts with every other key; re-exported for the tests.
export { RECALCULATION_JOB_LOCK, RULES_LOCK } from '../db/locks.js';

export const DEFAULT_BATCH_SIZE = 20_000;

export type ClosureScope = 'england_and_wales' | 'scotland' | 'northern_ireland' | 'organisation';

/** Which work items a change affects (all of them completed items; open items derive nothing). */
export type AffectedItems =
  /** Items with receivedDate < D <= completedDate for one of the days, of the scope's work types. */
  | { kind: 'closure_days'; days: { date: string; scope: ClosureScope }[] }
  /** Every completed item of these work types (a threshold or division change). */
  | { kind: 'work_types'; workTypes: string[] }
  | { kind: 'none' };

export interface RulesChange {
  /** Plain English, stored on the job: 'Organisation closure day 2025-11-14 added: ...'. */
  reason: string;
  /**
   * Writes the change inside the job's transaction, after the lock and the version bump, and
   * says which items it affects. Throwing aborts the job: nothing is changed.
   */
  apply(
    client: pg.ClientBase,
    context: { jobId: number; rulesVersion: number },
  ): Promise<AffectedItems>;
}

export interface RecalculationOptions {
  actor: string;
  batchSize?: number;
  /** Called after each batch inside the transaction (tests use it to fail a job half-way). */
  onBatch?: (progress: { done: number; total: number }) => Promise<void> | void;
  /** Derives one item; defaults to `rules.derive` (tests pass a bad rule to see a job fail). */
  derive?: (
    rules: DerivationRules,
    workType: string,
    receivedAt: Date,
    completedAt: Date,
  ) => DerivedWorkItem;
}

export interface RecalculationOutcome {
  jobId: number;
  status: 'succeeded' | 'failed';
  rulesVersion: number;
  total: number;
  error: string | null;
}

export interface StartedRecalculation {
  job: RecalculationJob;
  /** Settles when the job has committed or failed; never rejects. */
  finished: Promise<RecalculationOutcome>;
}

const inFlight = new Set<Promise<RecalculationOutcome>>();

/** Resolves when every job started by this process has finished (tests, graceful shutdown). */
export async function waitForRecalculations(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}

/**
 * Records a queued job and runs it asynchronously. Resolves as soon as the job row exists (the
 * HTTP handler answers 202 with it); `finished` settles when the job is done.
 */
export async function startRecalculation(
  pool: pg.Pool,
  change: RulesChange,
  options: RecalculationOptions,
): Promise<StartedRecalculation> {
  await markInterruptedRecalculations(pool);
  let jobId = 0;
  let recorded = (_job: RecalculationJob) => {};
  const jobRecorded = new Promise<RecalculationJob>((resolve) => {
    recorded = resolve;
  });
  const progress: JobProgress = { rulesVersion: 0, total: 0 };
  // The job's one transaction: it opens here and ends with the job, after this function has
  // answered with the job row.
  const transaction = withTransaction(
    pool,
    async (client) => {
      const id = await nextRecalculationJobId(client);
      // Held until this transaction ends: while it is, the job is alive (see
      // markInterruptedRecalculations). Taken before the row exists, so no sweep can see the row
      // without the lock.
      await takeLock(client, { key: RECALCULATION_JOB_LOCK, id });
      await insertQueuedJob(pool, { id, reason: change.reason, createdBy: options.actor });
      // In the job's transaction: recorded when the job's changes are (a failed job's row, kept
      // outside it, says who started it and why it failed).
      await recordAudit(client, {
        actor: options.actor,
        action: 'recalculation.run',
        entity: 'recalculation_job',
        entityId: String(id),
        details: { reason: change.reason },
      });
      const row = await recalculationJobRow(pool, id);
      if (!row) throw new Error(`recalculation job ${id} vanished`);
      const job = toJob(row);
      jobId = id;
      recorded(job);
      return runJob(pool, client, id, change, options, progress);
    },
    // A job rewrites many rows and waits for writers holding the rules lock: far longer than a
    // request's statement_timeout, but still bounded.
    { statementTimeoutMs: writerSettingsOf(pool).bulkStatementTimeoutMs },
  );
  const finished = transaction.catch(async (error: unknown): Promise<RecalculationOutcome> => {
    // Not recorded: the caller hears of it below. (A row left 'queued' without its lock is
    // marked failed by the next sweep.)
    if (jobId === 0) throw error;
    // Rolled back by now: nothing was changed.
    const message = error instanceof Error ? error.message : String(error);
    await markJobFailed(
      pool,
      jobId,
      `nothing was changed: ${storedReason(error, message)}`.slice(0, 2000),
    ).catch(() => {});
    return { jobId, status: 'failed', ...progress, error: message };
  });
  // The job row, once it exists; the error when it could not be recorded.
  const job = await Promise.race([jobRecorded, finished.then(() => jobRecorded)]);
  inFlight.add(finished);
  void finished.finally(() => inFlight.delete(finished));
  return { job, finished };
}

/** Runs a job to the end: the awaitable form (CLI, tests). */
export async function recalculate(
  pool: pg.Pool,
  change: RulesChange,
  options: RecalculationOptions,
): Promise<RecalculationOutcome> {
  const { finished } = await startRecalculation(pool, change, options);
  return finished;
}

/** How far a job got: its outcome when it fails. */
interface JobProgress {
  rulesVersion: number;
  total: number;
}

/** The job's work, inside its transaction; throws when the job fails (then it is rolled back). */
async function runJob(
  pool: pg.Pool,
  client: pg.PoolClient,
  jobId: number,
  change: RulesChange,
  options: RecalculationOptions,
  progress: JobProgress,
): Promise<RecalculationOutcome> {
  // Waits here while another job runs (or while writers hold the lock in shared mode).
  await takeLock(client, RULES_LOCK);
  const rulesVersion = (await bumpRulesVersion(client)) ?? 0;
  if (!rulesVersion) throw new Error('derivation_state has no row');
  progress.rulesVersion = rulesVersion;
  await markJobRunning(pool, jobId, rulesVersion);

  const affected = await change.apply(client, { jobId, rulesVersion });
  // Loaded inside the transaction: it sees the change just written and the new version.
  const rules = await loadDerivationRules(client);
  if (rules.version !== rulesVersion) {
    throw new Error(`rules loaded at version ${rules.version}, expected ${rulesVersion}`);
  }

  const total = await selectAffected(client, rules, affected);
  progress.total = total;
  await setJobTotal(pool, jobId, total);

  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const derive = options.derive ?? ((r, w, a, c) => r.derive(w, a, c));
  let done = 0;
  let lastId = '0';
  for (;;) {
    const batch = await targetItemsAfter(client, lastId, batchSize);
    if (batch.length === 0) break;
    const n = batch.length;
    const ids: string[] = new Array(n);
    const receivedDates: string[] = new Array(n);
    const completedDates: (string | null)[] = new Array(n);
    const seconds: (number | null)[] = new Array(n);
    const workingDays: (number | null)[] = new Array(n);
    const calendarDays: (number | null)[] = new Array(n);
    const within: (boolean | null)[] = new Array(n);
    const receivedAts: Date[] = new Array(n);
    const completedAts: Date[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = batch[i]!;
      let d: DerivedWorkItem;
      try {
        d = derive(rules, row.work_type_code, row.received_at, row.completed_at);
      } catch (error) {
        throw new Error(
          `work item ${row.id} (${row.work_type_code}): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      ids[i] = row.id;
      receivedDates[i] = d.receivedDate;
      completedDates[i] = d.completedDate;
      seconds[i] = d.elapsedSeconds;
      workingDays[i] = d.elapsedWorkingDays;
      calendarDays[i] = d.elapsedCalendarDays;
      within[i] = d.withinThreshold;
      receivedAts[i] = row.received_at;
      completedAts[i] = row.completed_at;
    }
    // One statement per batch: the rollup triggers aggregate its transition tables once.
    await writeDerivedValues(
      client,
      {
        ids,
        receivedDates,
        completedDates,
        seconds,
        workingDays,
        calendarDays,
        within,
        receivedAts,
        completedAts,
      },
      rulesVersion,
    );
    done += n;
    lastId = ids[n - 1]!;
    await setJobDone(pool, jobId, done);
    await options.onBatch?.({ done, total });
  }

  // In the same transaction: the job reads 'succeeded' exactly when the new values appear.
  await markJobSucceeded(client, jobId, done);
  return { jobId, status: 'succeeded', rulesVersion, total: done, error: null };
}

/** The job's error as stored and shown: the database's own text is never passed on. */
function storedReason(error: unknown, message: string): string {
  switch (databaseFailure(error)) {
    case 'unavailable':
      return 'the connection to the database was lost';
    case 'timeout':
      return 'a step took longer than its time limit';
    case 'database':
      return 'the database refused a change';
    default:
      return message;
  }
}

/** Fills the temporary table `recalculation_target` with the affected ids; returns how many. */
async function selectAffected(
  client: pg.ClientBase,
  rules: DerivationRules,
  affected: AffectedItems,
): Promise<number> {
  await createRecalculationTargets(client);
  const total = await fillAffected(client, rules, affected);
  // Autovacuum never analyses temporary tables; the batch query's plan needs the row count.
  await analyzeRecalculationTargets(client);
  return total;
}

async function fillAffected(
  client: pg.ClientBase,
  rules: DerivationRules,
  affected: AffectedItems,
): Promise<number> {
  if (affected.kind === 'none') return 0;
  if (affected.kind === 'work_types') {
    if (affected.workTypes.length === 0) return 0;
    return targetWorkTypeItems(client, affected.workTypes);
  }
  // A closure day D changes the elapsed working days of items with receivedDate < D <=
  // completedDate, of the work types measured on D's calendar; found per work type through the
  // (work_type_code, completed_date) index.
  const byScope = new Map<ClosureScope, string[]>();
  for (const d of affected.days) {
    const list = byScope.get(d.scope) ?? [];
    list.push(d.date);
    byScope.set(d.scope, list);
  }
  for (const [scope, days] of byScope) {
    const workTypes = rules.workTypes.filter(
      (w) => scope === 'organisation' || rules.rule(w)?.division === scope,
    );
    if (workTypes.length === 0) continue;
    await targetClosureDayItems(client, workTypes, [...days].sort());
  }
  return countRecalculationTargets(client);
}

/**
 * For writers that derive values with `currentRules` (imports): take this inside the write
 * transaction before loading the rules, so no job can change them until the write commits.
 */
export async function holdRulesSteady(client: pg.ClientBase): Promise<void> {
  await takeLock(client, { key: RULES_LOCK, shared: true });
}

/**
 * A job still queued or running whose transaction is gone (the process stopped) was rolled
 * back: it is marked failed. Jobs of live processes hold their lock and are left alone.
 */
export async function markInterruptedRecalculations(db: Queryable): Promise<number> {
  return failInterruptedJobs(db);
}

/** The job row as the job records it (on pg), for the answer that starts it. */
function toJob(r: RecalculationJobRow): RecalculationJob {
  return {
    id: r.id,
    reason: r.reason,
    rulesVersion: r.rules_version,
    status: r.status,
    total: r.total,
    done: r.done,
    error: r.error,
    createdBy: r.created_by,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/** A job row read through Prisma (the admin API): the same answer as `toJob`. */
function jobOf(r: {
  id: number;
  reason: string;
  rulesVersion: number;
  status: string;
  total: number;
  done: number;
  error: string | null;
  createdBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}): RecalculationJob {
  return {
    id: r.id,
    reason: r.reason,
    rulesVersion: r.rulesVersion,
    // A text column the job alone writes, with these values only (queries/recalculation.ts).
    status: r.status as RecalculationJob['status'],
    total: r.total,
    done: r.done,
    error: r.error,
    createdBy: r.createdBy,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** One job, for the admin API: a plain row read, through Prisma. */
export async function getRecalculation(
  prisma: PrismaClient,
  id: number,
): Promise<RecalculationJob | null> {
  const row = await prisma.recalculationJob.findUnique({ where: { id } });
  return row ? jobOf(row) : null;
}

/** The latest jobs, latest first, for the admin API: through Prisma. */
export async function listRecalculations(
  prisma: PrismaClient,
  limit: number,
): Promise<RecalculationJob[]> {
  const rows = await prisma.recalculationJob.findMany({ orderBy: { id: 'desc' }, take: limit });
  return rows.map(jobOf);
}
