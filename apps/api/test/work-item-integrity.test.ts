import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { noDifferences, type Rollup, rollupDifferences } from './support/rollups.js';

// Work items reference work_type and team through the triggers of migration 0008, not foreign
// keys: these tests hold the triggers to what the foreign keys guaranteed.

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const FOREIGN_KEY_VIOLATION = '23503';
const LOCK_NOT_AVAILABLE = '55P03';
const WORK_ITEM_ROLLUPS: Rollup[] = ['turnaround', 'months', 'groups'];
const workItemRollups = () => rollupDifferences(db.pool, WORK_ITEM_ROLLUPS);

const COLUMNS = `(source, source_ref, work_type_code, service_code, team_id, channel, customer_group,
  received_at, completed_at, received_date, completed_date, elapsed_seconds, elapsed_working_days,
  elapsed_calendar_days, within_threshold)`;

/** A work item received on `day` and completed two days later (so it is in every rollup). */
function insertItem(
  q: Pick<pg.ClientBase, 'query'>,
  item: { ref: string; workType?: string; team?: number | null; day?: string },
) {
  return q.query(
    `INSERT INTO work_item ${COLUMNS}
     VALUES ('integrity', $1, $2, 'customer-support', $3, 'phone', 'individual',
             $4::date + time '09:00', $4::date + 2 + time '09:00', $4::date, $4::date + 2,
             172800, 2, 2, true)`,
    [item.ref, item.workType ?? 'phone_call', item.team ?? null, item.day ?? '2025-10-01'],
  );
}

async function createTeam(name: string): Promise<number> {
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO team (service_code, name) VALUES ('customer-support', $1) RETURNING id`,
    [name],
  );
  return rows[0]!.id;
}

async function createWorkType(code: string) {
  await db.pool.query(
    `INSERT INTO work_type (code, name, service_code) VALUES ($1, $1, 'customer-support')`,
    [code],
  );
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql, params);
  return rows[0]!.n;
}

const itemsWithRefLike = (pattern: string) =>
  count(`SELECT count(*)::int AS n FROM work_item WHERE source_ref LIKE $1`, [pattern]);

/** Resolves once `pid` is waiting for a lock (so the test knows its statement is blocked). */
async function waitUntilBlocked(pid: number) {
  for (let i = 0; i < 200; i++) {
    const waiting = await count(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
      [pid],
    );
    if (waiting > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

describe('work item references kept by statement triggers', () => {
  test('an insert naming an unknown work type fails with 23503 and writes nothing', async () => {
    await expect(
      insertItem(db.pool, { ref: 'wt-1', workType: 'no_such_type' }),
    ).rejects.toMatchObject({
      code: FOREIGN_KEY_VIOLATION,
      table: 'work_item',
      column: 'work_type_code',
      detail: expect.stringContaining('(work_type_code)=(no_such_type)'),
    });
    expect(await itemsWithRefLike('wt-%')).toBe(0);

    // One bad row among a hundred in one INSERT ... SELECT rejects the whole statement.
    await expect(
      db.pool.query(
        `INSERT INTO work_item ${COLUMNS}
         SELECT 'integrity', 'wt-multi-' || g, CASE WHEN g = 37 THEN 'no_such_type' ELSE 'phone_call' END,
                'customer-support', NULL, 'phone', 'individual', timestamptz '2025-10-01 09:00Z',
                timestamptz '2025-10-03 09:00Z', date '2025-10-01', date '2025-10-03', 172800, 2, 2, true
           FROM generate_series(1, 100) AS g`,
      ),
    ).rejects.toMatchObject({
      code: FOREIGN_KEY_VIOLATION,
      detail: expect.stringContaining('no_such_type'),
    });
    expect(await itemsWithRefLike('wt-%')).toBe(0);

    // COPY, the bulk import path, is checked the same way.
    const client = await db.pool.connect();
    try {
      const lines = ['phone_call', 'another_unknown_type', 'no_such_type']
        .map(
          (type, i) =>
            `integrity\twt-copy-${i}\t${type}\tcustomer-support\t\\N\tphone\tindividual\t2025-10-01T09:00:00Z\t2025-10-01`,
        )
        .join('\n');
      const copy = client.query(
        copyFrom(`COPY work_item (source, source_ref, work_type_code, service_code, team_id, channel,
          customer_group, received_at, received_date) FROM STDIN`),
      );
      await expect(pipeline(Readable.from([`${lines}\n`]), copy)).rejects.toMatchObject({
        code: FOREIGN_KEY_VIOLATION,
        // The first missing code in sort order.
        detail: expect.stringContaining('(work_type_code)=(another_unknown_type)'),
      });
    } finally {
      client.release();
    }
    expect(await itemsWithRefLike('wt-%')).toBe(0);
    expect(await workItemRollups()).toEqual(noDifferences(WORK_ITEM_ROLLUPS));
  });

  test('an unknown team fails, on insert, update and upsert; no team is fine', async () => {
    await expect(insertItem(db.pool, { ref: 'team-1', team: 987_654 })).rejects.toMatchObject({
      code: FOREIGN_KEY_VIOLATION,
      column: 'team_id',
      detail: expect.stringContaining('(team_id)=(987654)'),
    });
    expect(await itemsWithRefLike('team-%')).toBe(0);

    await insertItem(db.pool, { ref: 'team-2', team: null });
    expect(await itemsWithRefLike('team-2')).toBe(1);

    await expect(
      db.pool.query(`UPDATE work_item SET team_id = 987654 WHERE source_ref = 'team-2'`),
    ).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION, column: 'team_id' });
    await expect(
      db.pool.query(
        `INSERT INTO work_item ${COLUMNS}
         SELECT source, source_ref, work_type_code, service_code, 987654, channel, customer_group,
                received_at, completed_at, received_date, completed_date, elapsed_seconds,
                elapsed_working_days, elapsed_calendar_days, within_threshold
           FROM work_item WHERE source_ref = 'team-2'
         ON CONFLICT (source, source_ref) DO UPDATE SET team_id = EXCLUDED.team_id`,
      ),
    ).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION, column: 'team_id' });
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref = 'team-2' AND team_id IS NULL`,
      ),
    ).toBe(1);

    const team = await createTeam('Integrity known team');
    await db.pool.query(`UPDATE work_item SET team_id = $1 WHERE source_ref = 'team-2'`, [team]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref = 'team-2' AND team_id = $1`,
        [team],
      ),
    ).toBe(1);
    expect(await workItemRollups()).toEqual(noDifferences(WORK_ITEM_ROLLUPS));
  });

  test('a work type in use cannot be deleted (RESTRICT); an unused one can', async () => {
    await createWorkType('integrity_used');
    await createWorkType('integrity_unused');
    await insertItem(db.pool, { ref: 'restrict-1', workType: 'integrity_used' });

    await expect(
      db.pool.query(`DELETE FROM work_type WHERE code = 'integrity_used'`),
    ).rejects.toMatchObject({
      code: FOREIGN_KEY_VIOLATION,
      table: 'work_type',
      detail: expect.stringContaining('(code)=(integrity_used)'),
    });
    expect(
      await count(`SELECT count(*)::int AS n FROM work_type WHERE code = 'integrity_used'`),
    ).toBe(1);

    const unused = await db.pool.query(`DELETE FROM work_type WHERE code = 'integrity_unused'`);
    expect(unused.rowCount).toBe(1);

    // Once its items are gone, the work type can go too.
    await db.pool.query(`DELETE FROM work_item WHERE source_ref = 'restrict-1'`);
    const used = await db.pool.query(`DELETE FROM work_type WHERE code = 'integrity_used'`);
    expect(used.rowCount).toBe(1);
  });

  test('deleting a team leaves its items without a team, and the rollups exact', async () => {
    const doomed = await createTeam('Integrity doomed team');
    const kept = await createTeam('Integrity kept team');
    for (let i = 0; i < 6; i++) {
      await insertItem(db.pool, {
        ref: `setnull-d${i}`,
        team: doomed,
        day: `2025-10-0${1 + (i % 3)}`,
      });
      await insertItem(db.pool, {
        ref: `setnull-k${i}`,
        team: kept,
        day: `2025-10-0${1 + (i % 3)}`,
      });
    }
    expect(
      await count(
        `SELECT coalesce(sum(n), 0)::int AS n FROM work_item_day_group WHERE team_id = $1`,
        [doomed],
      ),
    ).toBe(6);

    const deleted = await db.pool.query('DELETE FROM team WHERE id = $1', [doomed]);
    expect(deleted.rowCount).toBe(1);

    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref LIKE 'setnull-d%' AND team_id IS NULL`,
      ),
    ).toBe(6);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref LIKE 'setnull-k%' AND team_id = $1`,
        [kept],
      ),
    ).toBe(6);
    expect(
      await count(`SELECT count(*)::int AS n FROM work_item_day_group WHERE team_id = $1`, [
        doomed,
      ]),
    ).toBe(0);
    expect(await workItemRollups()).toEqual(noDifferences(WORK_ITEM_ROLLUPS));
  });

  test('changing a work type code or a team id carries the items along (CASCADE)', async () => {
    await createWorkType('integrity_old_code');
    const team = await createTeam('Integrity renumbered team');
    for (let i = 0; i < 4; i++) {
      await insertItem(db.pool, { ref: `cascade-${i}`, workType: 'integrity_old_code', team });
    }

    await db.pool.query(
      `UPDATE work_type SET code = 'integrity_new_code' WHERE code = 'integrity_old_code'`,
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref LIKE 'cascade-%' AND work_type_code = 'integrity_new_code'`,
      ),
    ).toBe(4);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE work_type_code = 'integrity_old_code'`,
      ),
    ).toBe(0);

    const newId = team + 10_000;
    await db.pool.query('UPDATE team SET id = $2 WHERE id = $1', [team, newId]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref LIKE 'cascade-%' AND team_id = $1`,
        [newId],
      ),
    ).toBe(4);
    expect(await count(`SELECT count(*)::int AS n FROM work_item WHERE team_id = $1`, [team])).toBe(
      0,
    );
    expect(await workItemRollups()).toEqual(noDifferences(WORK_ITEM_ROLLUPS));
  });

  test('a team delete waits for a transaction that inserted items for the team', async () => {
    const team = await createTeam('Integrity contended team');
    const writer = await db.pool.connect();
    const deleter = await db.pool.connect();
    try {
      await writer.query('BEGIN');
      await insertItem(writer, { ref: 'lock-1', team });

      // The uncommitted insert holds a FOR KEY SHARE lock on the team: the delete must wait.
      await deleter.query(`SET lock_timeout = '300ms'`);
      await expect(deleter.query('DELETE FROM team WHERE id = $1', [team])).rejects.toMatchObject({
        code: LOCK_NOT_AVAILABLE,
      });

      await writer.query('COMMIT');
      const deleted = await deleter.query('DELETE FROM team WHERE id = $1', [team]);
      expect(deleted.rowCount).toBe(1);
    } finally {
      await writer.query('ROLLBACK').catch(() => {});
      await deleter.query('RESET lock_timeout').catch(() => {});
      writer.release();
      deleter.release();
    }
    // The delete saw the committed item and left it without a team.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source_ref = 'lock-1' AND team_id IS NULL`,
      ),
    ).toBe(1);
    expect(await workItemRollups()).toEqual(noDifferences(WORK_ITEM_ROLLUPS));
  });

  test('an insert for a team being deleted waits for the delete, then fails', async () => {
    const team = await createTeam('Integrity vanishing team');
    const deleter = await db.pool.connect();
    const writer = await db.pool.connect();
    try {
      await deleter.query('BEGIN');
      await deleter.query('DELETE FROM team WHERE id = $1', [team]);

      const { rows } = await writer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const insert = insertItem(writer, { ref: 'vanish-1', team });
      const outcome = insert.then(
        () => 'inserted',
        (error: { code?: string }) => error.code,
      );
      await waitUntilBlocked(rows[0]!.pid);
      await deleter.query('COMMIT');
      expect(await outcome).toBe(FOREIGN_KEY_VIOLATION);
    } finally {
      await deleter.query('ROLLBACK').catch(() => {});
      deleter.release();
      writer.release();
    }
    expect(await itemsWithRefLike('vanish-%')).toBe(0);
  });

  test('deletes and key changes of teams are refused above READ COMMITTED', async () => {
    // There the triggers could not see items committed by a concurrent transaction.
    const team = await createTeam('Integrity isolated team');
    const client = await db.pool.connect();
    try {
      for (const statement of [
        'DELETE FROM team WHERE id = $1',
        'UPDATE team SET id = id + 20000 WHERE id = $1',
      ]) {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
        await expect(client.query(statement, [team])).rejects.toMatchObject({ code: '0A000' });
        await client.query('ROLLBACK');
      }
      // Renaming the team (not its key) is fine at any level.
      await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
      await client.query(`UPDATE team SET name = name || ' (renamed)' WHERE id = $1`, [team]);
      await client.query('COMMIT');
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
    expect(
      await count(`SELECT count(*)::int AS n FROM team WHERE id = $1 AND name LIKE '%(renamed)'`, [
        team,
      ]),
    ).toBe(1);
  });

  test('truncating teams or work types fails while work items reference them', async () => {
    const team = await createTeam('Integrity truncated team');
    await insertItem(db.pool, { ref: 'truncate-1', team });
    for (const statement of ['TRUNCATE team CASCADE', 'TRUNCATE work_type CASCADE']) {
      await expect(db.pool.query(statement)).rejects.toMatchObject({ code: FOREIGN_KEY_VIOLATION });
    }
    expect(await count('SELECT count(*)::int AS n FROM team WHERE id = $1', [team])).toBe(1);
  });
});
