/**
 * What the derivation rules are loaded from (derive/rules.ts): the rules version, each work
 * type's timeliness standard, and the closure days recorded. Read on the caller's client, often
 * inside an import's or a recalculation job's transaction, so the rules are the ones that
 * transaction sees.
 */
import type { Division, Threshold } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';

/** The version of the calendar-and-threshold rules (absent before the state row exists). */
export async function rulesVersion(db: Queryable): Promise<number | undefined> {
  const { rows } = await db.query<{ rules_version: number }>(
    'SELECT rules_version FROM derivation_state WHERE id = 1',
  );
  return rows[0]?.rules_version;
}

export interface WorkTypeRuleRow {
  code: string;
  service_code: string;
  standard_code: string | null;
  threshold_value: number | null;
  threshold_unit: Threshold['unit'] | null;
  division: Division | null;
}

/**
 * Every work type with the timeliness standard that measures it, if any (a work type measured by
 * two appears twice), by code.
 */
export async function workTypeRules(db: Queryable): Promise<WorkTypeRuleRow[]> {
  const { rows } = await db.query<WorkTypeRuleRow>(
    `SELECT w.code, w.service_code, s.code AS standard_code, s.threshold_value, s.threshold_unit,
              s.division
         FROM work_type w
         LEFT JOIN standard_work_type sw ON sw.work_type_code = w.code
         LEFT JOIN standard s ON s.id = sw.standard_id AND s.kind = 'timeliness'
        WHERE s.id IS NOT NULL OR NOT EXISTS (
          SELECT 1 FROM standard_work_type x JOIN standard y ON y.id = x.standard_id
           WHERE x.work_type_code = w.code AND y.kind = 'timeliness')
        ORDER BY w.code`,
  );
  return rows;
}

/** Every recorded closure day (YYYY-MM-DD) with its scope. */
export async function closureDates(db: Queryable): Promise<{ date: string; scope: string }[]> {
  const { rows } = await db.query<{ date: string; scope: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, scope::text AS scope FROM closure_day`,
  );
  return rows;
}
