import type pg from 'pg';

/** Settings of the bulk writers (imports, recalculation jobs) on one pool's connections. */
export interface WriterSettings {
  /**
   * The statement_timeout they set with `SET LOCAL` inside their transaction: they legitimately
   * run statements far longer than a request's.
   */
  bulkStatementTimeoutMs: number;
  /**
   * How long an import waits for another import of its kind, or a recalculation job, to finish
   * before it gives up (409).
   */
  lockWaitMs: number;
}

/** For pools not given other values (the command line, benchmarks). */
export const DEFAULT_WRITER_SETTINGS: WriterSettings = {
  bulkStatementTimeoutMs: 900_000,
  lockWaitMs: 5_000,
};

const settings = new WeakMap<pg.Pool, WriterSettings>();

/** Records the settings of a pool (db/prisma.ts `connect` does). */
export function setWriterSettings(pool: pg.Pool, values: Partial<WriterSettings>): void {
  settings.set(pool, { ...DEFAULT_WRITER_SETTINGS, ...values });
}

/** The settings bulk writers use on this pool's connections. */
export function writerSettingsOf(pool: pg.Pool): WriterSettings {
  return settings.get(pool) ?? DEFAULT_WRITER_SETTINGS;
}
