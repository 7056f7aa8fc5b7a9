import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { qualityChecks } from '../src/imports/kinds.js';
import { createTeams, mergeInto, mergeStatements } from '../src/imports/merger.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// The merger alone: staged quality checks merged into quality_check inside one transaction,
// without a file, a reader or a batch (runImport's own tests cover the whole pipeline).

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

const merge = mergeStatements(qualityChecks, 'import_stage');

/** Stages quality checks: [source_ref, team name or null, passed, error category or null]. */
async function stage(
  client: pg.ClientBase,
  rows: [string, string | null, boolean, string | null][],
) {
  await client.query('TRUNCATE import_stage');
  await client.query(
    `INSERT INTO import_stage
     SELECT i::int, ref, 'written_enquiry', 'customer-support', team, '2025-07-01T09:30:00Z',
            '2025-07-01', passed, category
       FROM unnest($1::text[], $2::text[], $3::boolean[], $4::text[]) WITH ORDINALITY
            AS r(ref, team, passed, category, i)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
  );
}

/** Runs `fn` in a transaction with the staging table, then rolls everything back. */
async function inTransaction(fn: (client: pg.PoolClient) => Promise<void>) {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(qualityChecks.stageDdl);
    await fn(client);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}

const stored = async (client: pg.ClientBase, source: string) =>
  (
    await client.query<{ source_ref: string; passed: boolean; team: string | null }>(
      `SELECT q.source_ref, q.passed, t.name AS team
         FROM quality_check q LEFT JOIN team t ON t.id = q.team_id
        WHERE q.source = $1 ORDER BY 1`,
      [source],
    )
  ).rows;

describe('mergeInto', () => {
  test('a new source: every staged row is inserted', async () => {
    await inTransaction(async (client) => {
      await stage(client, [
        ['QC-1', null, true, null],
        ['QC-2', null, false, 'wrong fee'],
      ]);
      expect(await mergeInto(client, merge, 'merger-new', 2, true)).toEqual({
        inserted: 2,
        updated: 0,
      });
      expect(await stored(client, 'merger-new')).toEqual([
        { source_ref: 'QC-1', passed: true, team: null },
        { source_ref: 'QC-2', passed: false, team: null },
      ]);
    });
  });

  test('a known source: changed rows are updated, identical ones left alone, new ones inserted', async () => {
    await inTransaction(async (client) => {
      await stage(client, [
        ['QC-1', null, true, null],
        ['QC-2', null, true, null],
      ]);
      await mergeInto(client, merge, 'merger-known', 2, true);
      await stage(client, [
        ['QC-1', null, true, null],
        ['QC-2', null, false, 'wrong fee'],
        ['QC-3', null, true, null],
      ]);
      expect(await mergeInto(client, merge, 'merger-known', 3, false)).toEqual({
        inserted: 1,
        updated: 1,
      });
      expect(await stored(client, 'merger-known')).toEqual([
        { source_ref: 'QC-1', passed: true, team: null },
        { source_ref: 'QC-2', passed: false, team: null },
        { source_ref: 'QC-3', passed: true, team: null },
      ]);
      // The same rows again change nothing.
      expect(await mergeInto(client, merge, 'merger-known', 3, false)).toEqual({
        inserted: 0,
        updated: 0,
      });
    });
  });

  test('a new source with a repeated source_ref answers "repeat" and leaves the transaction usable', async () => {
    await inTransaction(async (client) => {
      await stage(client, [
        ['QC-1', null, true, null],
        ['QC-1', null, false, 'wrong fee'],
      ]);
      expect(await mergeInto(client, merge, 'merger-repeat', 2, true)).toBe('repeat');
      expect(await stored(client, 'merger-repeat')).toEqual([]);
    });
  });
});

describe('createTeams', () => {
  test('creates only the teams not known yet, and the merge finds them by name', async () => {
    await inTransaction(async (client) => {
      const teams = [
        { service: 'customer-support', name: 'Merger Team B' },
        { service: 'customer-support', name: 'Merger Team A' },
      ];
      expect(await createTeams(client, teams)).toEqual([
        { service: 'customer-support', name: 'Merger Team A' },
        { service: 'customer-support', name: 'Merger Team B' },
      ]);
      expect(await createTeams(client, teams)).toEqual([]);
      expect(await createTeams(client, [])).toEqual([]);
      await stage(client, [['QC-1', 'Merger Team A', true, null]]);
      await mergeInto(client, merge, 'merger-teams', 1, true);
      expect(await stored(client, 'merger-teams')).toEqual([
        { source_ref: 'QC-1', passed: true, team: 'Merger Team A' },
      ]);
    });
  });
});
