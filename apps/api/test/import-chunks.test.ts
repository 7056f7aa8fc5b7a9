import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportRecord } from '../src/imports/csv-records.js';
import { runImport } from '../src/imports/run-import.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { noDifferences, rollupDifferences } from './support/rollups.js';

// runImport merges valid rows a chunk at a time; these tests use chunks of two rows so that a
// few rows exercise every path: a new source (plain inserts under the unique key), a known one
// (updates of changed rows, inserts of new ones), repeats within and across chunks, and the
// rollups folded in once at the end.

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

type Row = [ref: string, received: string, completed: string, team?: string];

async function* batches(rows: Row[]): AsyncGenerator<ImportRecord[]> {
  yield rows.map(([ref, received, completed, team = 'Chunk Team'], i) => ({
    line: i + 2,
    fields: [
      ref,
      'written_enquiry',
      'customer-support',
      team,
      'email',
      'individual',
      received,
      completed,
    ],
  }));
}

const importRows = (source: string, rows: Row[], mode: 'all-or-nothing' | 'valid-only') =>
  runImport(
    db.pool,
    { kind: 'work-items', mode, dataSource: source, file: 'chunks.csv', createdBy: 'test' },
    batches(rows),
    { chunkRows: 2 },
  );

const stored = async (source: string) =>
  (
    await db.pool.query<{ source_ref: string; completed_at: Date | null; team: string | null }>(
      `SELECT w.source_ref, w.completed_at, t.name AS team FROM work_item w
         LEFT JOIN team t ON t.id = w.team_id WHERE w.source = $1 ORDER BY 1`,
      [source],
    )
  ).rows;

const day = (d: number, hour = 9) =>
  `2025-07-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;

describe('chunked merges', () => {
  test('a new source: every chunk inserted, rollups folded in once and equal to the rows', async () => {
    const rows: Row[] = [1, 2, 3, 4, 5].map((d) => [`N-${d}`, day(d), d === 5 ? '' : day(d + 3)]);
    const result = await importRows('chunks-new', rows, 'all-or-nothing');
    expect(result.status).toBe('applied');
    expect(result.rows).toMatchObject({ total: 5, inserted: 5, updated: 0, unchanged: 0 });
    expect(result.teamsCreated).toEqual([{ service: 'customer-support', name: 'Chunk Team' }]);
    expect((await stored('chunks-new')).map((r) => r.source_ref)).toEqual([
      'N-1',
      'N-2',
      'N-3',
      'N-4',
      'N-5',
    ]);
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  });

  test('a known source: changed rows updated, identical ones left, new ones added', async () => {
    const rows: Row[] = [
      ['N-1', day(1), day(4)], // unchanged
      ['N-2', day(2), day(20)], // completed later
      ['N-3', day(3), ''], // reopened: leaves its rollup groups
      ['N-6', day(6), day(7)], // new
      ['N-4', day(4), day(7), 'Other Team'], // moved team (created in this chunk)
      ['N-5', day(5), day(8)], // completed now
    ];
    const before = await db.pool.query<{ updated_at: Date }>(
      `SELECT updated_at FROM work_item WHERE source = 'chunks-new' AND source_ref = 'N-1'`,
    );
    const result = await importRows('chunks-new', rows, 'all-or-nothing');
    expect(result.status).toBe('applied');
    expect(result.rows).toMatchObject({ total: 6, inserted: 1, updated: 4, unchanged: 1 });
    const after = await stored('chunks-new');
    expect(after.find((r) => r.source_ref === 'N-2')?.completed_at).toEqual(new Date(day(20)));
    expect(after.find((r) => r.source_ref === 'N-3')?.completed_at).toBeNull();
    expect(after.find((r) => r.source_ref === 'N-4')?.team).toBe('Other Team');
    expect(after.map((r) => r.source_ref)).toEqual(['N-1', 'N-2', 'N-3', 'N-4', 'N-5', 'N-6']);
    const unchanged = await db.pool.query<{ updated_at: Date }>(
      `SELECT updated_at FROM work_item WHERE source = 'chunks-new' AND source_ref = 'N-1'`,
    );
    expect(unchanged.rows[0]?.updated_at).toEqual(before.rows[0]?.updated_at);
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());

    // And the same file again changes nothing.
    const again = await importRows('chunks-new', rows, 'all-or-nothing');
    expect(again.rows).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
  });

  test.each([
    ['a new source, repeated in a later chunk', 'chunks-repeat-new'],
    ['a known source, repeated in a later chunk', 'chunks-new'],
  ])('%s: rejected with both lines, nothing changed', async (_name, source) => {
    const before = await stored(source);
    const rows: Row[] = [
      ['R-1', day(1), day(2)],
      ['R-2', day(1), day(2)],
      ['R-3', day(1), day(2)],
      ['R-1', day(1), day(3)],
      ['R-4', day(1), day(2)],
    ];
    const result = await importRows(source, rows, 'all-or-nothing');
    expect(result.status).toBe('rejected');
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'source_ref'],
      [5, 'source_ref'],
    ]);
    expect(result.errors[0]?.reason).toMatch(/"R-1" appears more than once .*also on line 5/);
    expect(await stored(source)).toEqual(before);
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  });

  test('a repeat within one chunk is rejected too', async () => {
    const rows: Row[] = [
      ['W-1', day(1), day(2)],
      ['W-1', day(1), day(2)],
    ];
    const result = await importRows('chunks-within', rows, 'all-or-nothing');
    expect(result.status).toBe('rejected');
    expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
    expect(await stored('chunks-within')).toEqual([]);
  });

  test('valid-only leaves out every occurrence of a repeat across chunks and imports the rest', async () => {
    const rows: Row[] = [
      ['V-1', day(1), day(2)],
      ['V-2', day(1), day(2)],
      ['V-3', day(1), 'not a date'],
      ['V-1', day(1), day(3)],
      ['V-4', day(1), day(2)],
    ];
    const result = await importRows('chunks-valid-only', rows, 'valid-only');
    expect(result.status).toBe('applied');
    expect(result.rows).toMatchObject({ total: 5, inserted: 2, rejected: 3 });
    expect((await stored('chunks-valid-only')).map((r) => r.source_ref)).toEqual(['V-2', 'V-4']);
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  });
});
