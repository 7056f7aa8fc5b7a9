import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DataSourceSchema,
  IMPORT_COLUMNS,
  ImportKindSchema,
  ImportModeSchema,
  MAX_IMPORT_BYTES,
} from '@ipo/contracts';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { csvRecords, ImportFileError } from '../imports/csv-records.js';
import { runImport } from '../imports/run-import.js';
import { openDatabase } from './database.js';

const usage = `Usage: pnpm run import <kind> <file> [--mode valid-only] [--source NAME] [--by NAME]

Imports a CSV file (columns as in shared/design/architecture.md) in one transaction.

  kind            work-items, quality-checks or feedback
  --mode M        all-or-nothing (default: one bad row rejects the file) or valid-only (imports
                  the valid rows; the rejected ones are written to <file>.rejected.csv)
  --source NAME   the system the rows come from (default: import)
  --by NAME       who ran the import, for the history (default: your user name)

Stop the dashboard first when it uses the embedded database.`;

const ArgsSchema = z.object({
  kind: ImportKindSchema,
  file: z.string().min(1),
  mode: ImportModeSchema.default('all-or-nothing'),
  source: DataSourceSchema,
  by: z.string().min(1).optional(),
});

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      mode: { type: 'string' },
      source: { type: 'string' },
      by: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const parsed = ArgsSchema.safeParse({ ...values, kind: positionals[0], file: positionals[1] });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`${problems.join('\n')}\n\n${usage}`);
  }
  const args = parsed.data;
  const config = loadConfig();
  // The script runs in apps/api; pnpm passes the directory it was started from (the workspace
  // root for a root script) as INIT_CWD, so a relative path is not taken from apps/api.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args.file);
  const size = (await stat(file)).size;

  const db = await openDatabase(config);
  const bar = new SingleBar({
    format: 'Importing {bar} {percentage}% | {value}/{total} MB | {eta_formatted} left',
    hideCursor: true,
    noTTYOutput: false,
  });
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  try {
    bar.start(mb(size), 0);
    const result = await runImport(
      db.pool,
      {
        kind: args.kind,
        mode: args.mode,
        dataSource: args.source,
        file: path.basename(file),
        createdBy: args.by ?? `cli (${os.userInfo().username})`,
      },
      csvRecords(createReadStream(file, { highWaterMark: 1 << 20 }), IMPORT_COLUMNS[args.kind], {
        maxBytes: MAX_IMPORT_BYTES,
        onBytes: (bytes) => bar.update(mb(bytes)),
      }),
    );
    bar.stop();
    const out = [`${result.message} (${(result.durationMs / 1000).toFixed(1)} s)`];
    for (const e of result.errors.slice(0, 20)) {
      out.push(`  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
    }
    if (result.errorCount > 20) {
      out.push(`  ... ${(result.errorCount - 20).toLocaleString('en-GB')} more errors`);
    }
    if (result.rejectedCsv) {
      const rejectedFile = `${file.replace(/\.csv$/i, '')}.rejected.csv`;
      await writeFile(rejectedFile, result.rejectedCsv);
      out.push(`Rejected rows, with their line and error, are in ${rejectedFile}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
    if (result.status !== 'applied') process.exitCode = 1;
  } catch (error) {
    bar.stop();
    if (error instanceof ImportFileError) throw new Error(error.message);
    throw error;
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
