import type pg from 'pg';
import { withTransaction } from './transaction.js';

/**
 * Runs read-only work on one connection in a REPEATABLE READ transaction, so every query sees
 * the same snapshot: a figure and its context (previous period, backlog, data as of) can never
 * mix rows from before and after an import or a recalculation that commits meanwhile.
 */
export function withSnapshot<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, fn, { isolation: 'repeatable read', readOnly: true });
}

/** The versions that decide whether cached figures are still right. */
export async function dataVersion(db: Pick<pg.ClientBase, 'query'>): Promise<string> {
  const { rows } = await db.query<{
    data_version: string;
    rules_version: number;
    running: boolean;
  }>(
    `SELECT (data_version + (SELECT count(*) FROM data_change))::text AS data_version, rules_version,
            EXISTS (SELECT 1 FROM recalculation_job WHERE status = 'running') AS running
       FROM derivation_state WHERE id = 1`,
  );
  const r = rows[0];
  return r ? `${r.data_version}:${r.rules_version}:${r.running}` : 'none';
}

/** Folds counted changes into derivation_state.data_version; the version's value is unchanged. */
export async function compactDataChanges(db: Pick<pg.ClientBase, 'query'>): Promise<void> {
  await db.query('SELECT compact_data_changes()');
}
