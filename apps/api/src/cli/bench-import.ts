import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_COLUMNS } from '@ipo/contracts';
import pg from 'pg';
import { csvRecords } from '../imports/csv-records.js';
import { runImport } from '../imports/run-import.js';
import { writeWorkItemsCsv } from './bench-work-items-csv.js';
import { throwawayDatabase } from './throwaway-database.js';

const usage = `Usage: pnpm --filter @ipo/api bench:import [--rows N]

Generates a CSV of N work items (default 1,000,000) in a temporary folder, imports it into a
throwaway database (DATABASE_URL's server, or an embedded PostgreSQL in the temporary folder),
imports it again (every row unchanged), and prints rows per second and peak memory.`;

async function main() {
  const { values } = parseArgs({
    options: { rows: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const rows = Number(values.rows ?? 1_000_000);
  const db = await throwawayDatabase('ipo_bench_import');
  const file = path.join(db.tmp, 'work-items.csv');
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  // pool.end() resolves once its connections are asked to close, not once they have: one still
  // closing when the database is dropped reports its termination, which is expected here.
  pool.on('error', () => {});
  try {
    process.stdout.write(`Writing ${rows.toLocaleString('en-GB')} work items to ${file}...\n`);
    await writeWorkItemsCsv(file, rows);
    const size = (await stat(file)).size;

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const rssBefore = process.memoryUsage().rss;

    const run = async (label: string) => {
      const t = performance.now();
      const stages: string[] = [];
      const result = await runImport(
        pool,
        {
          kind: 'work-items',
          mode: 'all-or-nothing',
          dataSource: 'bench',
          file: 'work-items.csv',
          createdBy: 'bench-import',
        },
        csvRecords(
          createReadStream(file, { highWaterMark: 1 << 20 }),
          IMPORT_COLUMNS['work-items'],
        ),
        { onStage: (stage, ms) => stages.push(`${stage} ${(ms / 1000).toFixed(1)} s`) },
      );
      const seconds = (performance.now() - t) / 1000;
      process.stdout.write(
        `${label}: ${result.status}, ${result.message}\n  ${seconds.toFixed(1)} s, ${Math.round(
          rows / seconds,
        ).toLocaleString('en-GB')} rows/s (${stages.join(', ')})\n`,
      );
      if (result.status !== 'applied') throw new Error(JSON.stringify(result.errors.slice(0, 5)));
      return seconds;
    };

    const first = await run(
      'First import (1,000,000 new rows)'.replace('1,000,000', rows.toLocaleString('en-GB')),
    );
    const second = await run('Same file again (every row unchanged)');
    clearInterval(sampler);
    const { rows: check } = await pool.query<{ n: string; rollup: string }>(
      `SELECT (SELECT count(*) FROM work_item WHERE source = 'bench') AS n,
              (SELECT sum(n) FROM work_item_day_turnaround) AS rollup`,
    );
    process.stdout.write(
      [
        '',
        `File: ${rows.toLocaleString('en-GB')} rows, ${(size / 1024 / 1024).toFixed(1)} MB`,
        `Rows in work_item: ${Number(check[0]?.n).toLocaleString('en-GB')}; completed items in the rollup: ${Number(check[0]?.rollup).toLocaleString('en-GB')}`,
        `First import:  ${Math.round(rows / first).toLocaleString('en-GB')} rows/s (${first.toFixed(1)} s)`,
        `Second import: ${Math.round(rows / second).toLocaleString('en-GB')} rows/s (${second.toFixed(1)} s)`,
        `Peak RSS during the imports: ${(peakRss / 1024 / 1024).toFixed(0)} MB (before: ${(rssBefore / 1024 / 1024).toFixed(0)} MB; process max ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`,
        '',
      ].join('\n'),
    );
  } finally {
    await pool.end();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
