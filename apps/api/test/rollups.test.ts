import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compactDataChanges, dataVersion } from '../src/db/snapshot.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { noDifferences, rollupDifferences } from './support/rollups.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, {
    seed: 7,
    scale: 0.03,
    from: '2025-09-01',
    now: new Date('2025-11-20T12:00:00Z'),
  });
}, 120_000);
afterAll(() => db?.drop());

const differences = () => rollupDifferences(db.pool);
const none = noDifferences();

describe('rollups kept by triggers', () => {
  test('equal the raw rows after a bulk COPY', async () => {
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT sum(n)::int AS n FROM work_item_day_turnaround',
    );
    expect(rows[0]?.n).toBeGreaterThan(1000);
    expect(await differences()).toEqual(none);
  });

  test('stay exact through updates, deletes and inserts in one transaction', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // Reopen some items, complete others later, move teams and channels, change scores.
      await client.query(`UPDATE work_item SET completed_at = NULL, completed_date = NULL,
        elapsed_seconds = NULL, elapsed_working_days = NULL, elapsed_calendar_days = NULL,
        within_threshold = NULL WHERE id % 17 = 0`);
      await client.query(`UPDATE work_item SET team_id = NULL, channel = 'post' WHERE id % 13 = 0`);
      await client.query(`UPDATE work_item SET elapsed_working_days = elapsed_working_days + 3,
        within_threshold = NOT within_threshold WHERE id % 11 = 0 AND completed_date IS NOT NULL`);
      await client.query('DELETE FROM work_item WHERE id % 7 = 0');
      await client.query(`INSERT INTO work_item (source, source_ref, work_type_code, service_code, channel,
        customer_group, received_at, completed_at, received_date, completed_date, elapsed_seconds,
        elapsed_working_days, elapsed_calendar_days, within_threshold)
        VALUES ('test', 'T-1', 'complaint', 'customer-experience', 'email', 'individual',
          '2025-10-01T09:00:00Z', '2025-10-03T09:00:00Z', '2025-10-01', '2025-10-03', 172800, 2, 2, true)`);
      await client.query('UPDATE quality_check SET passed = NOT passed WHERE id % 3 = 0');
      await client.query('DELETE FROM quality_check WHERE id % 5 = 0');
      await client.query('UPDATE feedback_response SET score = NULL WHERE id % 9 = 0');
      await client.query('DELETE FROM feedback_response WHERE id % 4 = 0');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await differences()).toEqual(none);
    const { rows } = await db.pool.query<{ zeros: number }>(
      `SELECT (SELECT count(*) FROM work_item_day_turnaround WHERE n <= 0)
            + (SELECT count(*) FROM work_item_day_group WHERE n <= 0)
            + (SELECT count(*) FROM work_item_month_turnaround WHERE n <= 0) AS zeros`,
    );
    expect(rows[0]?.zeros).toBe(0);
  });

  test('a rolled-back write leaves the rollups untouched', async () => {
    const before = await db.pool.query('SELECT sum(n)::int AS n FROM work_item_day_group');
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM work_item WHERE id % 2 = 0');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const after = await db.pool.query('SELECT sum(n)::int AS n FROM work_item_day_group');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  test('data freshness records when each source last changed', async () => {
    const { rows } = await db.pool.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM data_freshness GROUP BY kind ORDER BY kind',
    );
    const expected = await db.pool.query<{ kind: string; n: number }>(`
      SELECT 'feedback' AS kind, 1 AS n
      UNION ALL SELECT 'quality_checks', count(DISTINCT work_type_code)::int FROM quality_check
      UNION ALL SELECT 'work_items', count(DISTINCT work_type_code)::int FROM work_item ORDER BY 1`);
    expect(rows).toEqual(expected.rows);
    expect(rows.find((r) => r.kind === 'work_items')?.n).toBe(10);
  });

  test('every write to measured rows or targets moves the data version', async () => {
    const before = await dataVersion(db.pool);
    await db.pool.query(
      `UPDATE feedback_response SET score = 5 WHERE id = (SELECT min(id) FROM feedback_response)`,
    );
    const afterFeedback = await dataVersion(db.pool);
    expect(afterFeedback).not.toBe(before);
    await db.pool.query(
      `UPDATE target_version SET reason = reason || '.' WHERE id = (SELECT min(id) FROM target_version)`,
    );
    const afterTarget = await dataVersion(db.pool);
    expect(afterTarget).not.toBe(afterFeedback);
    // Compaction folds the counted changes into the base without changing the version.
    await compactDataChanges(db.pool);
    expect(await dataVersion(db.pool)).toBe(afterTarget);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM data_change');
    expect(rows[0].n).toBe(0);
  });

  test('concurrent writers do not wait for each other on the data version', async () => {
    const a = await db.pool.connect();
    const b = await db.pool.connect();
    try {
      await a.query('BEGIN');
      await a.query(
        `UPDATE work_item SET channel = 'post' WHERE id = (SELECT min(id) FROM work_item)`,
      );
      await b.query('BEGIN');
      // Would fail with a lock timeout if writers still queued on one counter row.
      await b.query(`SET LOCAL lock_timeout = '2s'`);
      await b.query(
        `UPDATE quality_check SET passed = NOT passed WHERE id = (SELECT min(id) FROM quality_check)`,
      );
      await b.query('COMMIT');
      await a.query('COMMIT');
    } finally {
      a.release();
      b.release();
    }
    expect(await differences()).toEqual(none);
  });

  test('truncating a raw table empties its rollups', async () => {
    await db.pool.query('TRUNCATE feedback_response');
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM feedback_day',
    );
    expect(rows[0]?.n).toBe(0);
  });
});
