import {
  type CreateTargetVersionBody,
  type TargetVersion,
  THRESHOLD_MAXIMA,
  type UpdateStandardBody,
} from '@ipo/contracts';
import type { Division, ThresholdUnit } from '@ipo/domain';
import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';
import type { RulesChange } from '../derive/recalculate.js';
import { HttpError } from '../plugins/errors.js';
import {
  lockStandardInPrisma,
  lockStandardSettings,
  lockStandardSettingsInPrisma,
  type StandardBefore,
  updateStandardSettings,
} from '../queries/standard-changes.js';
import { type AuditWriter, recordAudit } from './audit.js';

export interface AdminStandard {
  id: number;
  code: string;
  kind: 'timeliness' | 'accuracy' | 'satisfaction';
  measure: string;
  thresholdValue: number | null;
  thresholdUnit: ThresholdUnit | null;
  division: Division;
  minimumSample: number;
  workTypes: string[];
}

export async function loadAdminStandard(
  prisma: PrismaClient,
  code: string,
): Promise<AdminStandard> {
  const r = await prisma.standard.findUnique({
    where: { code },
    select: {
      id: true,
      code: true,
      kind: true,
      measure: true,
      thresholdValue: true,
      thresholdUnit: true,
      division: true,
      minimumSample: true,
      workTypes: { select: { workTypeCode: true }, orderBy: { workTypeCode: 'asc' } },
    },
  });
  if (!r) throw new HttpError(404, `No standard with code ${JSON.stringify(code)}`);
  return { ...r, workTypes: r.workTypes.map((w) => w.workTypeCode) };
}

type Changes = Record<string, { from: number | string | null; to: number | string | null }>;

export interface StandardUpdatePlan {
  changes: Changes;
  /** The threshold or division changes: every completed item of the standard is recomputed. */
  needsRecalculation: boolean;
  next: {
    thresholdValue: number | null;
    thresholdUnit: ThresholdUnit | null;
    division: Division;
    minimumSample: number;
  };
}

function bad(field: string, message: string): never {
  throw new HttpError(400, `${field}: ${message}`, [{ field, message }]);
}

/** Validates a change against the standard (400 naming the field) and lists what changes. */
export function planStandardUpdate(
  standard: AdminStandard,
  body: UpdateStandardBody,
): StandardUpdatePlan {
  const touchesThreshold = body.thresholdValue !== undefined || body.thresholdUnit !== undefined;
  if (touchesThreshold && standard.thresholdValue === null) {
    bad(
      body.thresholdValue !== undefined ? 'thresholdValue' : 'thresholdUnit',
      `${standard.code} is a ${standard.kind} standard and has no threshold`,
    );
  }
  if (body.division !== undefined && standard.kind !== 'timeliness') {
    bad('division', `${standard.code} is a ${standard.kind} standard: it counts no working days`);
  }
  const next = {
    thresholdValue: body.thresholdValue ?? standard.thresholdValue,
    thresholdUnit: body.thresholdUnit ?? standard.thresholdUnit,
    division: body.division ?? standard.division,
    minimumSample: body.minimumSample ?? standard.minimumSample,
  };
  if (touchesThreshold && next.thresholdUnit !== null && next.thresholdValue !== null) {
    if (standard.measure === 'percentile_turnaround' && next.thresholdUnit !== 'working_days') {
      bad(
        'thresholdUnit',
        `${standard.code} measures a percentile of elapsed working days: its unit must be working_days`,
      );
    }
    const max = THRESHOLD_MAXIMA[next.thresholdUnit];
    if (next.thresholdValue > max) {
      bad(
        'thresholdValue',
        `must be at most ${max} for ${next.thresholdUnit.replace('_', ' ')} (got ${next.thresholdValue})`,
      );
    }
  }
  const changes: Changes = {};
  const fields = ['thresholdValue', 'thresholdUnit', 'division', 'minimumSample'] as const;
  for (const field of fields) {
    if (next[field] !== standard[field])
      changes[field] = { from: standard[field], to: next[field] };
  }
  const needsRecalculation =
    changes.thresholdValue !== undefined ||
    changes.thresholdUnit !== undefined ||
    changes.division !== undefined;
  return { changes, needsRecalculation, next };
}

function auditStandardUpdate(
  db: AuditWriter,
  standard: AdminStandard,
  plan: StandardUpdatePlan,
  before: StandardBefore,
  actor: string,
  reason: string | undefined,
  job: { jobId: number; rulesVersion: number } | null,
): Promise<void> {
  return recordAudit(db, {
    actor,
    action: 'standard.update',
    entity: 'standard',
    entityId: standard.code,
    details: {
      before: {
        thresholdValue: before.thresholdValue,
        thresholdUnit: before.thresholdUnit,
        division: before.division,
        minimumSample: before.minimumSample,
      },
      after: plan.next,
      reason: reason ?? null,
      ...(job ? { recalculationJob: job.jobId, rulesVersion: job.rulesVersion } : {}),
    },
  });
}

/**
 * The change inside a recalculation job's transaction, which is pg's (derive/recalculate.ts):
 * the standard, its audit row and the recomputed items commit together.
 */
async function writeStandardInJob(
  client: Queryable,
  standard: AdminStandard,
  plan: StandardUpdatePlan,
  actor: string,
  reason: string | undefined,
  job: { jobId: number; rulesVersion: number },
): Promise<void> {
  // The audit's 'from' values are read under the row lock, so they are what was replaced.
  const old = await lockStandardSettings(client, standard.id);
  if (!old) throw new Error(`standard ${standard.code} was deleted meanwhile`);
  await updateStandardSettings(client, standard.id, plan.next);
  await auditStandardUpdate(client, standard, plan, old, actor, reason, job);
}

/** A threshold or division change, applied together with the recalculation of its items. */
export function standardUpdateChange(
  standard: AdminStandard,
  plan: StandardUpdatePlan,
  actor: string,
  reason: string | undefined,
): RulesChange {
  const described = Object.entries(plan.changes)
    .map(([field, c]) => `${field} ${c.from} -> ${c.to}`)
    .join(', ');
  return {
    reason: `Standard ${standard.code} changed: ${described}${reason ? ` (${reason})` : ''}`,
    async apply(client, job) {
      await writeStandardInJob(client, standard, plan, actor, reason, job);
      return { kind: 'work_types', workTypes: standard.workTypes };
    },
  };
}

/**
 * Prisma ends an interactive transaction after 5 seconds by default. These wait for the
 * standard's row lock, which a recalculation job changing the standard holds while it runs; the
 * connection's statement_timeout (DB_STATEMENT_TIMEOUT_MS) bounds that wait, as it did on pg.
 */
const ROW_LOCK_TRANSACTION = { timeout: 10 * 60 * 1000 } as const;

/** A change no stored value depends on (the minimum sample): written at once, through Prisma. */
export async function updateStandardDirectly(
  prisma: PrismaClient,
  standard: AdminStandard,
  plan: StandardUpdatePlan,
  actor: string,
  reason: string | undefined,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // The audit's 'from' values are read under the row lock (Prisma has no FOR UPDATE).
    const old = await lockStandardSettingsInPrisma(tx, standard.id);
    if (!old) throw new Error(`standard ${standard.code} was deleted meanwhile`);
    await tx.standard.update({
      where: { id: standard.id },
      data: {
        thresholdValue: plan.next.thresholdValue,
        thresholdUnit: plan.next.thresholdUnit,
        division: plan.next.division,
        minimumSample: plan.next.minimumSample,
      },
    });
    await auditStandardUpdate(tx, standard, plan, old, actor, reason, null);
  }, ROW_LOCK_TRANSACTION);
}

/** A DATE column comes back from Prisma as UTC midnight of the day. */
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const dateOf = (s: string): Date => new Date(`${s}T00:00:00Z`);
const DAY_MS = 24 * 60 * 60 * 1000;

export async function listTargetVersions(
  prisma: PrismaClient,
  standardId: number,
): Promise<TargetVersion[]> {
  const rows = await prisma.targetVersion.findMany({
    where: { standardId },
    orderBy: { effectiveFrom: 'asc' },
  });
  return rows.map((r) => ({
    effectiveFrom: isoDate(r.effectiveFrom),
    effectiveTo: r.effectiveTo ? isoDate(r.effectiveTo) : null,
    target: r.target.toNumber(),
    tolerance: r.tolerance.toNumber(),
    changedBy: r.changedBy,
    reason: r.reason,
  }));
}

/**
 * Checks a target and tolerance against the standard's measure (400 naming the field): a share
 * for proportion measures, working days for percentile turnarounds.
 */
export function checkTargetValues(
  standard: Pick<AdminStandard, 'code' | 'measure'>,
  body: Pick<CreateTargetVersionBody, 'target' | 'tolerance'>,
): void {
  if (standard.measure === 'percentile_turnaround') {
    if (body.target > THRESHOLD_MAXIMA.working_days) {
      bad(
        'target',
        `is in working days for ${standard.code}: at most ${THRESHOLD_MAXIMA.working_days}`,
      );
    }
    if (body.tolerance > THRESHOLD_MAXIMA.working_days) {
      bad(
        'tolerance',
        `is in working days for ${standard.code}: at most ${THRESHOLD_MAXIMA.working_days}`,
      );
    }
  } else {
    if (body.target > 1) {
      bad('target', `is a share for ${standard.code}: between 0 and 1 (0.9 = 90%)`);
    }
    if (body.tolerance >= 1) {
      bad('tolerance', `is in share points for ${standard.code}: below 1 (0.02 = 2 points)`);
    }
  }
}

/** The 409 of a version that does not come after the latest one (it would rewrite history). */
function checkAfterLatest(code: string, effectiveFrom: string, latestFrom: string | null): void {
  if (latestFrom !== null && effectiveFrom <= latestFrom) {
    throw new HttpError(
      409,
      `effectiveFrom: must be after ${latestFrom}, when the latest target version of ${code} took effect`,
      [{ field: 'effectiveFrom', message: `must be after ${latestFrom}` }],
    );
  }
}

async function latestEffectiveFrom(
  db: Pick<PrismaClient, 'targetVersion'>,
  standardId: number,
): Promise<string | null> {
  const latest = await db.targetVersion.aggregate({
    where: { standardId },
    _max: { effectiveFrom: true },
  });
  return latest._max.effectiveFrom ? isoDate(latest._max.effectiveFrom) : null;
}

/**
 * Everything addTargetVersion would refuse, checked without a lock and without writing: the
 * preview answers the same 400 or 409 the confirmation would.
 */
export async function checkTargetVersion(
  prisma: PrismaClient,
  standard: AdminStandard,
  body: Pick<CreateTargetVersionBody, 'effectiveFrom' | 'target' | 'tolerance'>,
): Promise<void> {
  checkTargetValues(standard, body);
  checkAfterLatest(
    standard.code,
    body.effectiveFrom,
    await latestEffectiveFrom(prisma, standard.id),
  );
}

/**
 * Adds a target version from `effectiveFrom`; the version in force before it ends the day
 * before. Targets only judge figures, so no stored value changes and nothing is recalculated:
 * one Prisma transaction holds the change and its audit row.
 */
export async function addTargetVersion(
  prisma: PrismaClient,
  standard: AdminStandard,
  body: CreateTargetVersionBody,
  actor: string,
): Promise<TargetVersion[]> {
  checkTargetValues(standard, body);
  const from = dateOf(body.effectiveFrom);
  await prisma.$transaction(async (tx) => {
    // One target change per standard at a time: the standard's row lock (Prisma has no FOR UPDATE).
    await lockStandardInPrisma(tx, standard.id);
    checkAfterLatest(standard.code, body.effectiveFrom, await latestEffectiveFrom(tx, standard.id));
    const closed = await tx.targetVersion.updateManyAndReturn({
      where: {
        standardId: standard.id,
        OR: [{ effectiveTo: null }, { effectiveTo: { gte: from } }],
      },
      data: { effectiveTo: new Date(from.getTime() - DAY_MS) },
      select: { effectiveFrom: true },
    });
    await tx.targetVersion.create({
      data: {
        standardId: standard.id,
        effectiveFrom: from,
        target: body.target,
        tolerance: body.tolerance,
        changedBy: body.changedBy,
        reason: body.reason,
      },
    });
    await recordAudit(tx, {
      actor,
      action: 'target_version.create',
      entity: 'standard',
      entityId: standard.code,
      details: { ...body, closedVersions: closed.map((r) => isoDate(r.effectiveFrom)) },
    });
  }, ROW_LOCK_TRANSACTION);
  return listTargetVersions(prisma, standard.id);
}
