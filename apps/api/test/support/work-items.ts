import {
  buildCalendar,
  type DerivedWorkItem,
  deriveWorkItem,
  type Threshold,
  type WorkingCalendar,
} from '@ipo/domain';
import type pg from 'pg';
import { STANDARDS } from '../../src/catalogue/catalogue.js';
import { rollupDifferences as checkRollups } from './rollups.js';

export interface StoredItem {
  id: number;
  work_type_code: string;
  received_at: Date;
  completed_at: Date | null;
  received_date: string;
  completed_date: string | null;
  elapsed_seconds: number | null;
  elapsed_working_days: number | null;
  elapsed_calendar_days: number | null;
  within_threshold: boolean | null;
  rules_version: number;
}

/** Every work item with its stored derived values, by id. */
export async function snapshotItems(pool: pg.Pool): Promise<Map<number, StoredItem>> {
  const { rows } = await pool.query<StoredItem>(
    `SELECT id, work_type_code, received_at, completed_at, received_date, completed_date,
            elapsed_seconds, elapsed_working_days, elapsed_calendar_days, within_threshold,
            rules_version
       FROM work_item ORDER BY id`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The derived values alone (what a round trip must restore exactly). */
export function derivedOf(r: StoredItem) {
  return {
    received_date: r.received_date,
    completed_date: r.completed_date,
    elapsed_seconds: r.elapsed_seconds,
    elapsed_working_days: r.elapsed_working_days,
    elapsed_calendar_days: r.elapsed_calendar_days,
    within_threshold: r.within_threshold,
  };
}

/** The two work-item rollups a recalculation rewrites, compared with the raw rows. */
export const rollupDifferences = (pool: pg.Pool) => checkRollups(pool, ['turnaround', 'groups']);

/** The rollup tables' contents, to compare before and after. */
export async function rollupSnapshot(pool: pg.Pool) {
  const q = async (sql: string) => (await pool.query(sql)).rows;
  return {
    turnaround: await q(
      'SELECT * FROM work_item_day_turnaround ORDER BY work_type_code, day, elapsed_working_days, within_threshold',
    ),
    groups: await q(
      'SELECT * FROM work_item_day_group ORDER BY work_type_code, day, team_id, channel, customer_group, within_threshold',
    ),
  };
}

export async function rulesVersion(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ v: number }>(
    'SELECT rules_version AS v FROM derivation_state WHERE id = 1',
  );
  return rows[0]!.v;
}

/**
 * The measurement contract applied independently of the API's rules loader: the England and
 * Wales calendar (date-holidays) plus the given extra closure days, and the catalogue's
 * thresholds unless overridden.
 */
export function expectedDerivation(
  extraClosures: string[],
  thresholds: Record<string, Threshold | null> = {},
): (item: StoredItem) => DerivedWorkItem {
  const calendar: WorkingCalendar = buildCalendar({
    division: 'england_and_wales',
    organisationClosures: extraClosures,
    from: '2020-01-01',
    to: '2030-12-31',
  });
  const byWorkType = new Map<string, Threshold | null>();
  for (const s of STANDARDS) {
    if (s.kind !== 'timeliness') continue;
    for (const w of s.workTypes) byWorkType.set(w, s.threshold);
  }
  for (const [w, t] of Object.entries(thresholds)) byWorkType.set(w, t);
  return (item) =>
    deriveWorkItem(
      { receivedAt: item.received_at, completedAt: item.completed_at },
      byWorkType.get(item.work_type_code) ?? null,
      calendar,
    );
}
