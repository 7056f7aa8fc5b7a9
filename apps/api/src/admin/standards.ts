import {
  type CreateTargetVersionBody,
  type TargetVersion,
  THRESHOLD_MAXIMA,
  type UpdateStandardBody,
} from '@ipo/contracts';
import type { Division, ThresholdUnit } from '@ipo/domain';
import type pg from 'pg';
import { withTransaction } from '../db/transaction.js';
import type { RulesChange } from '../derive/recalculate.js';
import type { Queryable } from '../derive/rules.js';
import { HttpError } from '../plugins/errors.js';
import { recordAudit } from './audit.js';

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

export async function loadAdminStandard(db: Queryable, code: string): Promise<AdminStandard> {
  const { rows } = await db.query<{
    id: number;
    code: string;
    kind: AdminStandard['kind'];
    measure: string;
    threshold_value: number | null;
    threshold_unit: ThresholdUnit | null;
    division: Division;
    minimum_sample: number;
    work_types: string[];
  }>(
    `SELECT s.id, s.code, s.kind::text AS kind, s.measure::text AS measure, s.threshold_value,
            s.threshold_unit::text AS threshold_unit, s.division::text AS division, s.minimum_sample,
            coalesce(array_agg(sw.work_type_code ORDER BY sw.work_type_code)
                     FILTER (WHERE sw.work_type_code IS NOT NULL), '{}') AS work_types
       FROM standard s LEFT JOIN standard_work_type sw ON sw.standard_id = s.id
      WHERE s.code = $1 GROUP BY s.id`,
    [code],
  );
  const r = rows[0];
  if (!r) throw new HttpError(404, `No standard with code ${JSON.stringify(code)}`);
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    measure: r.measure,
    thresholdValue: r.threshold_value,
    thresholdUnit: r.threshold_unit,
    division: r.division,
    minimumSample: r.minimum_sample,
    workTypes: r.work_types,
  };
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

async function writeStandard(
  client: Queryable,
  standard: AdminStandard,
  plan: StandardUpdatePlan,
  actor: string,
  reason: string | undefined,
  job: { jobId: number; rulesVersion: number } | null,
): Promise<void> {
  // The audit's 'from' values are read under the row lock, so they are what was replaced.
  const before = await client.query<{
    threshold_value: number | null;
    threshold_unit: string | null;
    division: string;
    minimum_sample: number;
  }>(
    `SELECT threshold_value, threshold_unit::text AS threshold_unit, division::text AS division,
            minimum_sample FROM standard WHERE id = $1 FOR UPDATE`,
    [standard.id],
  );
  const old = before.rows[0];
  if (!old) throw new Error(`standard ${standard.code} was deleted meanwhile`);
  await client.query(
    `UPDATE standard SET threshold_value = $2, threshold_unit = $3::threshold_unit,
            division = $4::division, minimum_sample = $5 WHERE id = $1`,
    [
      standard.id,
      plan.next.thresholdValue,
      plan.next.thresholdUnit,
      plan.next.division,
      plan.next.minimumSample,
    ],
  );
  await recordAudit(client, {
    actor,
    action: 'standard.update',
    entity: 'standard',
    entityId: standard.code,
    details: {
      before: {
        thresholdValue: old.threshold_value,
        thresholdUnit: old.threshold_unit,
        division: old.division,
        minimumSample: old.minimum_sample,
      },
      after: plan.next,
      reason: reason ?? null,
      ...(job ? { recalculationJob: job.jobId, rulesVersion: job.rulesVersion } : {}),
    },
  });
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
      await writeStandard(client, standard, plan, actor, reason, job);
      return { kind: 'work_types', workTypes: standard.workTypes };
    },
  };
}

/** A change no stored value depends on (the minimum sample): written at once. */
export async function updateStandardDirectly(
  pool: pg.Pool,
  standard: AdminStandard,
  plan: StandardUpdatePlan,
  actor: string,
  reason: string | undefined,
): Promise<void> {
  await withTransaction(pool, (client) =>
    writeStandard(client, standard, plan, actor, reason, null),
  );
}

export async function listTargetVersions(
  db: Queryable,
  standardId: number,
): Promise<TargetVersion[]> {
  const { rows } = await db.query<{
    effective_from: string;
    effective_to: string | null;
    target: number;
    tolerance: number;
    changed_by: string;
    reason: string;
  }>(
    `SELECT to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
            to_char(effective_to, 'YYYY-MM-DD') AS effective_to, target, tolerance, changed_by, reason
       FROM target_version WHERE standard_id = $1 ORDER BY effective_from`,
    [standardId],
  );
  return rows.map((r) => ({
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    target: Number(r.target),
    tolerance: Number(r.tolerance),
    changedBy: r.changed_by,
    reason: r.reason,
  }));
}

/**
 * Adds a target version from `effectiveFrom`; the version in force before it ends the day
 * before. Targets only judge figures, so no stored value changes and nothing is recalculated.
 */
export async function addTargetVersion(
  pool: pg.Pool,
  standard: AdminStandard,
  body: CreateTargetVersionBody,
  actor: string,
): Promise<TargetVersion[]> {
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
  await withTransaction(pool, async (client) => {
    // One target change per standard at a time.
    await client.query('SELECT id FROM standard WHERE id = $1 FOR UPDATE', [standard.id]);
    const latest = await client.query<{ effective_from: string }>(
      `SELECT to_char(max(effective_from), 'YYYY-MM-DD') AS effective_from
         FROM target_version WHERE standard_id = $1`,
      [standard.id],
    );
    const latestFrom = latest.rows[0]?.effective_from ?? null;
    if (latestFrom !== null && body.effectiveFrom <= latestFrom) {
      throw new HttpError(
        409,
        `effectiveFrom: must be after ${latestFrom}, when the latest target version of ${standard.code} took effect`,
        [{ field: 'effectiveFrom', message: `must be after ${latestFrom}` }],
      );
    }
    const closed = await client.query<{ effective_from: string }>(
      `UPDATE target_version SET effective_to = $2::date - 1
        WHERE standard_id = $1 AND (effective_to IS NULL OR effective_to >= $2::date)
        RETURNING to_char(effective_from, 'YYYY-MM-DD') AS effective_from`,
      [standard.id, body.effectiveFrom],
    );
    await client.query(
      `INSERT INTO target_version (standard_id, effective_from, target, tolerance, changed_by, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [standard.id, body.effectiveFrom, body.target, body.tolerance, body.changedBy, body.reason],
    );
    await recordAudit(client, {
      actor,
      action: 'target_version.create',
      entity: 'standard',
      entityId: standard.code,
      details: { ...body, closedVersions: closed.rows.map((r) => r.effective_from) },
    });
  });
  return listTargetVersions(pool, standard.id);
}
