/**
 * The statements of a change to a standard's settings (admin/standards.ts). A threshold or
 * division change is written inside its recalculation job's pg transaction, so the standard, its
 * audit row and every recomputed item commit together; a minimum sample or a target version is
 * written through Prisma, whose interactive transaction takes the standard's row lock with the
 * one statement Prisma cannot express (`SELECT ... FOR UPDATE`).
 */
import type { Division, ThresholdUnit } from '@ipo/domain';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';

/** A Prisma client or interactive transaction (`prisma.$transaction(async (tx) => ...)`). */
type RawQueryable = Pick<PrismaClient, '$queryRaw'>;

/** The standard's settings before a change, read under its row lock for the audit's 'before'. */
export interface StandardBefore {
  thresholdValue: number | null;
  thresholdUnit: string | null;
  division: string;
  minimumSample: number;
}

const SELECT_BEFORE = `SELECT threshold_value AS "thresholdValue", threshold_unit::text AS "thresholdUnit",
  division::text AS division, minimum_sample AS "minimumSample" FROM standard WHERE id = $1 FOR UPDATE`;

/** Locks the standard's row (pg) and reads its settings; null when it is gone. */
export async function lockStandardSettings(
  db: Queryable,
  standardId: number,
): Promise<StandardBefore | null> {
  const before = await db.query<StandardBefore>(SELECT_BEFORE, [standardId]);
  return before.rows[0] ?? null;
}

/** Writes a standard's threshold, division and minimum sample (pg). */
export async function updateStandardSettings(
  db: Queryable,
  standardId: number,
  next: {
    thresholdValue: number | null;
    thresholdUnit: ThresholdUnit | null;
    division: Division;
    minimumSample: number;
  },
): Promise<void> {
  await db.query(
    `UPDATE standard SET threshold_value = $2, threshold_unit = $3::threshold_unit,
            division = $4::division, minimum_sample = $5 WHERE id = $1`,
    [standardId, next.thresholdValue, next.thresholdUnit, next.division, next.minimumSample],
  );
}

/** Locks the standard's row inside a Prisma transaction and reads its settings; null when gone. */
export async function lockStandardSettingsInPrisma(
  tx: RawQueryable,
  standardId: number,
): Promise<StandardBefore | null> {
  const [old] = await tx.$queryRaw<StandardBefore[]>`SELECT threshold_value AS "thresholdValue",
        threshold_unit::text AS "thresholdUnit", division::text AS division,
        minimum_sample AS "minimumSample" FROM standard WHERE id = ${standardId} FOR UPDATE`;
  return old ?? null;
}

/**
 * Locks the standard's row inside a Prisma transaction, until it ends: one target change per
 * standard at a time.
 */
export async function lockStandardInPrisma(tx: RawQueryable, standardId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM standard WHERE id = ${standardId} FOR UPDATE`;
}
