import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { importCsvFile } from '../src/cli/import-file.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

// `pnpm run import` (src/cli/import.ts) is argument parsing and a database around
// importCsvFile: its exit code is the outcome's.

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ipo-import-cli-'));
});
afterAll(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const HEADER = 'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at';
const good = (ref: string) =>
  `${ref},phone_call,customer-support,,phone,individual,2025-07-01T09:00:00Z,2025-07-01T09:05:00Z`;
const bad = (ref: string) =>
  `${ref},phone_call,customer-support,,fax,individual,2025-07-01T09:00:00Z,`;

async function csvFile(name: string, lines: string[]): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

const run = (file: string, mode: 'all-or-nothing' | 'valid-only' = 'all-or-nothing') =>
  importCsvFile(db.pool, {
    kind: 'work-items',
    mode,
    source: 'cli-test',
    file,
    createdBy: 'cli (test)',
  });

describe('importCsvFile (pnpm run import)', () => {
  test('an imported file exits 0', async () => {
    const outcome = await run(await csvFile('good.csv', [HEADER, good('CLI-1'), good('CLI-2')]));
    expect(outcome.exitCode).toBe(0);
    expect(outcome.result.status).toBe('applied');
    expect(outcome.report).toMatch(/^Imported 2 work items: 2 added/);
    expect(outcome.rejectedFile).toBeNull();
  });

  test('a file with a bad row is rejected: exit 1, with the errors listed', async () => {
    const outcome = await run(await csvFile('bad.csv', [HEADER, good('CLI-3'), bad('CLI-4')]));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.result.status).toBe('rejected');
    expect(outcome.report).toMatch(/^Nothing was imported/);
    expect(outcome.report).toContain('  line 3, channel: unknown channel "fax"');
    const { rows } = await db.pool.query(
      `SELECT 1 FROM work_item WHERE source = 'cli-test' AND source_ref = 'CLI-3'`,
    );
    expect(rows).toEqual([]);
  });

  test('a malformed file is rejected: exit 1', async () => {
    const outcome = await run(await csvFile('no-team.csv', ['source_ref,work_type', 'X,Y']));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.report).toContain('line 1, team: The header is missing the column team.');
  });

  test('valid-only: the valid rows are imported (exit 0) and the rejected ones written out', async () => {
    const file = await csvFile('mixed.csv', [HEADER, good('CLI-5'), bad('CLI-6')]);
    const outcome = await run(file, 'valid-only');
    expect(outcome.exitCode).toBe(0);
    expect(outcome.rejectedFile).toBe(path.join(dir, 'mixed.rejected.csv'));
    expect(outcome.report).toContain(`Rejected rows, with their line and error, are in ${dir}`);
    const rejected = parseCsv(await readFile(outcome.rejectedFile!, 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(rejected.map((r) => [r.source_ref, r.line])).toEqual([['CLI-6', '3']]);
  });

  test('valid-only with every row bad is rejected: exit 1', async () => {
    const outcome = await run(
      await csvFile('all-bad.csv', [HEADER, bad('CLI-7'), bad('CLI-8')]),
      'valid-only',
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.result.rows.rejected).toBe(2);
  });
});
