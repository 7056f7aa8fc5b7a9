import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSourceSchema, ImportKindSchema, ImportModeSchema } from '@ipo/contracts';
import { SingleBar } from 'cli-progress';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../config.js';
import { ImportFileError } from '../imports/csv-records.js';
import { openDatabase } from './database.js';
import { importCsvFile } from './import-file.js';

const usage = `Usage: pnpm run import <kind> <file> [--mode valid-only] [--source NAME] [--by NAME]

Imports a CSV file (columns as in docs/import-contract.md) in one transaction.

  kind            work-items, quality-checks or feedback
  --mode M        all-or-nothing (default: one bad row rejects the file) or valid-only (imports
                  the valid rows; the rejected ones are written to <file>.rejected.csv)
  --source NAME   the system the rows come from (default: import)
  --by NAME       who ran the import, for the history (default: your user name)

Exits with status 1 when the file is rejected (nothing imported) or cannot be read, 0 when it
was imported (in valid-only mode, perhaps without some rows). Stop the dashboard first when it
uses the embedded database.`;

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
    const outcome = await importCsvFile(db.pool, {
      kind: args.kind,
      mode: args.mode,
      source: args.source,
      file,
      createdBy: args.by ?? `cli (${os.userInfo().username})`,
      onBytes: (bytes) => bar.update(mb(bytes)),
    });
    bar.stop();
    process.stdout.write(outcome.report);
    // A rejected file (nothing imported) fails the command, so that a script running it knows.
    process.exitCode = outcome.exitCode;
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
