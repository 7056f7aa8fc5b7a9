import { parseArgs } from 'node:util';
import pg from 'pg';
import { WORK_ITEM_COLUMNS } from '../db/columns.js';
import { withTransaction } from '../db/transaction.js';
import { KINDS } from '../imports/kinds.js';
import { CHUNK_ROWS } from '../imports/run-import.js';
import { throwawayDatabase } from './throwaway-database.js';

const usage = `Usage: pnpm --filter @ipo/api bench:import-sql [--rows N] [--runs R]

PostgreSQL's share of a first import, without Node: N work items (default 1,000,000) generated
in SQL are written into work_item a chunk at a time in one transaction, as an import writes them
(its triggers, indexes and deferred rollups), then the rollup deltas are folded in. Each run
starts from empty tables. The total is the most rows per second an import could reach on this
machine with this schema, however fast the reading and validating.`;

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      runs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const rows = Number(values.rows ?? 1_000_000);
  const runs = Number(values.runs ?? 3);
  const db = await throwawayDatabase('ipo_bench_import_sql');
  const client = new pg.Client({ connectionString: db.url });
  try {
    await client.connect();
    await client.query(`INSERT INTO team (service_code, name)
      SELECT s.code, t FROM service s, unnest(ARRAY['Team A', 'Team B', 'Team C']) t ORDER BY 1, 2`);
    process.stdout.write(`Generating ${rows.toLocaleString('en-GB')} work items in SQL...\n`);
    // The same shape as bench:import's file: work types in turn, three teams, receipts spread
    // over 600 days, a tenth still open, completions up to 20 days later.
    await client.query(
      `CREATE TABLE bench_source AS
       WITH w AS (SELECT row_number() OVER (ORDER BY code) - 1 AS k, code, service_code FROM work_type),
            t AS (SELECT service_code, array_agg(id ORDER BY id) AS ids FROM team GROUP BY 1),
            g AS (SELECT i, (random() * 600 * 86400)::int AS r, random() < 0.1 AS open,
                         (random() * 20 * 86400)::int AS e
                    FROM generate_series(0, $1::int - 1) i)
       SELECT i AS line, 'WI-' || lpad(i::text, 8, '0') AS source_ref, w.code AS work_type_code,
              w.service_code, t.ids[i % 3 + 1] AS team_id,
              (ARRAY['phone', 'email', 'post', 'online'])[i % 4 + 1]::channel AS channel,
              (ARRAY['individual', 'small_business', 'large_business', 'attorney'])[(i / 4) % 4 + 1]::customer_group AS customer_group,
              timestamptz '2024-04-01' + make_interval(secs => r) AS received_at,
              CASE WHEN NOT open THEN timestamptz '2024-04-01' + make_interval(secs => r + e) END AS completed_at,
              (timestamptz '2024-04-01' + make_interval(secs => r))::date AS received_date,
              CASE WHEN NOT open THEN (timestamptz '2024-04-01' + make_interval(secs => r + e))::date END AS completed_date,
              CASE WHEN NOT open THEN e END AS elapsed_seconds,
              CASE WHEN NOT open THEN e / 86400 * 5 / 7 END AS elapsed_working_days,
              CASE WHEN NOT open THEN e / 86400 END AS elapsed_calendar_days,
              CASE WHEN NOT open THEN e < 10 * 86400 END AS within_threshold,
              1 AS rules_version
         FROM g JOIN w ON w.k = g.i % (SELECT count(*) FROM work_type)
         JOIN t ON t.service_code = w.service_code`,
      [rows],
    );
    await client.query('VACUUM ANALYZE bench_source');

    const def = KINDS['work-items'];
    const cols = WORK_ITEM_COLUMNS.join(', ');
    const results: { write: number; fold: number }[] = [];
    for (let run = 1; run <= runs; run++) {
      await client.query('TRUNCATE work_item');
      await client.query('CHECKPOINT');
      let t0 = 0;
      let t1 = 0;
      await withTransaction(client, async () => {
        await client.query(`SET LOCAL work_mem = '64MB'`);
        for (const sql of def.beforeMerges ?? []) await client.query(sql);
        t0 = performance.now();
        for (let from = 0; from < rows; from += CHUNK_ROWS) {
          await client.query(
            `INSERT INTO work_item (source, source_ref, ${cols})
             SELECT 'bench', source_ref, ${cols} FROM bench_source WHERE line >= $1 AND line < $2`,
            [from, from + CHUNK_ROWS],
          );
        }
        t1 = performance.now();
        for (const sql of def.afterMerges ?? []) await client.query(sql);
      });
      // The fold's time includes the COMMIT, as before.
      const t2 = performance.now();
      const result = { write: (t1 - t0) / 1000, fold: (t2 - t1) / 1000 };
      results.push(result);
      const total = result.write + result.fold;
      process.stdout.write(
        `Run ${run}: writing ${result.write.toFixed(1)} s, folding the rollups ${result.fold.toFixed(1)} s, ${total.toFixed(1)} s in all: at most ${Math.round(rows / total).toLocaleString('en-GB')} rows/s\n`,
      );
    }
    const best = Math.min(...results.map((r) => r.write + r.fold));
    process.stdout.write(
      `\nBest of ${runs}: ${best.toFixed(1)} s for ${rows.toLocaleString('en-GB')} rows in PostgreSQL alone, ${Math.round(rows / best).toLocaleString('en-GB')} rows/s at most\n`,
    );
  } finally {
    await client.end().catch(() => {});
    await db.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
