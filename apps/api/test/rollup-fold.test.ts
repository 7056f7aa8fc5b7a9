import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ImportRecord } from '../src/imports/csv-records.js';
import { runImport } from '../src/imports/run-import.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { noDifferences, rollupDifferences } from './support/rollups.js';

// An import folds its rollup deltas in once, at the end (migration 0010). When a rollup had been
// analysed while empty, the planner used to pick a nested loop that re-read the rollup for every
// new group while the same statement was inserting into it: minutes instead of seconds for a
// large import. The fold must read each rollup once whatever its statistics say. The plans of
// the statements it runs are taken from auto_explain, sent to this client as notices.

let db: TestDatabase;
let explained: pg.Pool | null = null;
const notices: string[] = [];
let cannotExplain: string | null = null;

beforeAll(async () => {
  db = await createTestDatabase();
  explained = new pg.Pool({
    connectionString: db.url,
    max: 2,
    options: [
      'session_preload_libraries=auto_explain',
      'auto_explain.log_min_duration=0',
      'auto_explain.log_nested_statements=on',
      'auto_explain.log_level=notice',
    ]
      .map((o) => `-c ${o}`)
      .join(' '),
  });
  explained.on('connect', (client) => client.on('notice', (n) => notices.push(n.message ?? '')));
  try {
    await explained.query('SELECT 1');
  } catch (error) {
    // Loading a library at session start needs a superuser: true of the embedded database and
    // of a local server, perhaps not of a DATABASE_URL given to the tests.
    cannotExplain = error instanceof Error ? error.message : String(error);
  }
});
afterAll(async () => {
  await explained?.end();
  await db?.drop();
});

const CHANNELS = ['email', 'phone', 'post', 'online'];
const GROUPS = ['individual', 'small_business', 'attorney'];

/** Completed items, each in its own day-and-group rollup group (up to 12,000). */
async function* rows(source: string, count: number): AsyncGenerator<ImportRecord[]> {
  const start = Date.UTC(2022, 0, 3, 9);
  yield Array.from({ length: count }, (_, i) => {
    const received = new Date(start + (i % 1000) * 86_400_000);
    const completed = new Date(received.getTime() + 2 * 86_400_000);
    return {
      line: i + 2,
      fields: [
        `${source}-${i}`,
        'written_enquiry',
        'customer-support',
        'Fold Team',
        CHANNELS[Math.floor(i / 1000) % 4] ?? 'email',
        GROUPS[Math.floor(i / 4000) % 3] ?? 'individual',
        received.toISOString(),
        completed.toISOString(),
      ],
    };
  });
}

const ROLLUPS = [
  'work_item_day_turnaround',
  'work_item_month_turnaround',
  'work_item_day_group',
  // Migration 0014: a team's monthly histogram, folded the same way.
  'work_item_month_team_turnaround',
];

/** Imports `count` rows into empty rollups that were analysed while empty; the fold's plans. */
async function foldPlansOfImport(source: string, count: number): Promise<string[]> {
  await db.pool.query(`DELETE FROM work_item`);
  // What autovacuum leaves after the rollups' rows were deleted: statistics of an empty table.
  await db.pool.query(`ANALYZE ${ROLLUPS.join(', ')}`);
  notices.length = 0;
  const result = await runImport(
    explained as pg.Pool,
    {
      kind: 'work-items',
      mode: 'all-or-nothing',
      dataSource: source,
      file: 'f.csv',
      createdBy: 't',
    },
    rows(source, count),
    { chunkRows: 5000 },
  );
  expect(result.status).toBe('applied');
  expect(result.rows.inserted).toBe(count);
  expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  const { rows: groups } = await db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM work_item_day_group',
  );
  expect(groups[0]?.n).toBe(count);
  // The statements that write the rollups: MERGE since migration 0010, INSERT before it.
  return notices.filter(
    (n) =>
      /Query Text:\s+(MERGE|INSERT) INTO work_item_/.test(n) && ROLLUPS.some((r) => n.includes(r)),
  );
}

describe('folding rollup deltas into rollups analysed while empty', () => {
  test('a small import probes each rollup by its key, never scanning it in a loop', async (context) => {
    if (cannotExplain) {
      context.skip(`auto_explain cannot be loaded for this database user (${cannotExplain})`);
    }
    const plans = await foldPlansOfImport('fold-small', 1500);
    expect(plans).toHaveLength(ROLLUPS.length);
    for (const plan of plans) {
      expect(plan).toMatch(/Index Scan using work_item_\w+_pkey on work_item_\w+ r/);
      expect(plan).not.toMatch(/Seq Scan on work_item_(day|month)_\w+ r/);
    }
  });

  test('a large import hashes: each rollup read once, no nested loop', async (context) => {
    if (cannotExplain) {
      context.skip(`auto_explain cannot be loaded for this database user (${cannotExplain})`);
    }
    const plans = await foldPlansOfImport('fold-large', 12_000);
    expect(plans).toHaveLength(ROLLUPS.length);
    for (const plan of plans) expect(plan).not.toMatch(/Nested Loop/);
  });
});
