/**
 * Every PostgreSQL advisory lock key the application uses, in one place (decision 1).
 *
 * Each key is a number of its own: test/locks.test.ts checks that no two are equal. The numbers
 * are fixed, not generated, because every replica (and every version during a rolling
 * deployment) must queue on the same ones; never renumber a key that is in use. All locks are
 * transaction-level (`pg_advisory_xact_lock`): PostgreSQL releases them when the transaction
 * ends, or when the session dies, so a crashed process never leaves one held.
 *
 * Single keys are taken as `pg_advisory_xact_lock(key)`; two-part keys as
 * `pg_advisory_xact_lock(key, id)`, one lock per id within the key. PostgreSQL keeps the two
 * forms apart (a single key never conflicts with a two-part one), but the numbers are still kept
 * distinct here so that each names one thing.
 *
 * This module imports nothing, so the migration runner can use it without the rest of the API.
 */

/** One migration run at a time: replicas starting together queue, then find nothing to do. */
export const MIGRATION_LOCK = 4_710_601;

/** One demo-data seeder at a time (two replicas starting on an empty database). */
export const DEMO_SEED_LOCK = 4_710_602;

/**
 * Two-part (key, batch id): held by a running import's transaction. A batch marked 'running'
 * whose lock is free has no live session behind it, so start-up marks it interrupted.
 */
export const IMPORT_BATCH_LOCK = 4_710_603;

/**
 * Two-part (key, index of the import kind): one import of a kind merges at a time, so imports
 * of overlapping rows queue instead of deadlocking. Imports of different kinds run together.
 */
export const IMPORT_MERGE_LOCK = 4_710_604;

/**
 * Two-part (key, job id): held by a recalculation job's transaction while it lives (queued or
 * running). A job row still queued or running whose lock is free was interrupted.
 */
export const RECALCULATION_JOB_LOCK = 4_710_605;

/**
 * One change of the feedback theme taxonomy (and its re-tagging of every comment) at a time;
 * feedback imports hold it shared, so a change waits for them and they for it.
 */
export const TAXONOMY_LOCK = 4_710_606;

/**
 * Granting the application role its rights: one start at a time, or PostgreSQL answers one of
 * two concurrent GRANTs 'tuple concurrently updated'.
 */
export const ROLE_SETUP_LOCK = 4_710_607;

/**
 * The derivation rules (closure days, thresholds, divisions): exclusive for a recalculation job,
 * which changes them, so jobs run one at a time; shared for writers that derive values with the
 * current rules (imports), so no job changes them until the writer commits.
 *
 * (Until issue 12 this shared its number with IMPORT_MERGE_LOCK. As a single key it never
 * conflicted with the two-part merge locks, so the two never excluded each other through it:
 * imports take this lock explicitly, in shared mode.)
 */
export const RULES_LOCK = 4_710_608;

/**
 * One evaluation of the alert rules writes at a time (decision 14): the queue runs one per
 * database, but the command line (`pnpm run alerts run`) may run beside it.
 */
export const ALERTS_EVALUATION_LOCK = 4_710_617;

/** Every advisory lock key, by name. */
export const LOCK_KEYS = {
  MIGRATION_LOCK,
  DEMO_SEED_LOCK,
  IMPORT_BATCH_LOCK,
  IMPORT_MERGE_LOCK,
  RECALCULATION_JOB_LOCK,
  TAXONOMY_LOCK,
  ROLE_SETUP_LOCK,
  RULES_LOCK,
  ALERTS_EVALUATION_LOCK,
} as const;

/** One of the keys above: a lock is never taken on a number written inline. */
export type LockKey = (typeof LOCK_KEYS)[keyof typeof LOCK_KEYS];
