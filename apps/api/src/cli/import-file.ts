import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  IMPORT_COLUMNS,
  type ImportKind,
  type ImportMode,
  type ImportResult,
  MAX_IMPORT_BYTES,
} from '@ipo/contracts';
import type pg from 'pg';
import { csvRecords } from '../imports/csv-records.js';
import { runImport } from '../imports/run-import.js';

export interface ImportFileRequest {
  kind: ImportKind;
  mode: ImportMode;
  /** The system the rows come from (work_item.source). */
  source: string;
  /** The CSV file's absolute path. */
  file: string;
  /** Who ran the import, for the history. */
  createdBy: string;
  /** Called with the bytes read so far (the progress bar). */
  onBytes?: (bytes: number) => void;
}

export interface ImportFileOutcome {
  result: ImportResult;
  /** What the command prints: the outcome, the first 20 errors, where the rejected rows are. */
  report: string;
  /** `<file>.rejected.csv` when valid-only mode rejected rows; null otherwise. */
  rejectedFile: string | null;
  /** The command's exit code: 1 when the file was rejected (nothing imported), else 0. */
  exitCode: 0 | 1;
}

/**
 * `pnpm run import`, less the argument parsing and the database: imports a CSV file and says how
 * it went. A file over MAX_IMPORT_BYTES throws ImportFileError (413); any other problem with the
 * file is a rejected result, and exit code 1, so that a script running the import sees it failed.
 */
export async function importCsvFile(
  pool: pg.Pool,
  request: ImportFileRequest,
): Promise<ImportFileOutcome> {
  const result = await runImport(
    pool,
    {
      kind: request.kind,
      mode: request.mode,
      dataSource: request.source,
      file: path.basename(request.file),
      createdBy: request.createdBy,
    },
    csvRecords(
      createReadStream(request.file, { highWaterMark: 1 << 20 }),
      IMPORT_COLUMNS[request.kind],
      { maxBytes: MAX_IMPORT_BYTES, ...(request.onBytes ? { onBytes: request.onBytes } : {}) },
    ),
  );
  const out = [`${result.message} (${(result.durationMs / 1000).toFixed(1)} s)`];
  for (const e of result.errors.slice(0, 20)) {
    out.push(`  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.reason}`);
  }
  if (result.errorCount > 20) {
    out.push(`  ... ${(result.errorCount - 20).toLocaleString('en-GB')} more errors`);
  }
  let rejectedFile: string | null = null;
  if (result.rejectedCsv) {
    rejectedFile = `${request.file.replace(/\.csv$/i, '')}.rejected.csv`;
    await writeFile(rejectedFile, result.rejectedCsv);
    out.push(`Rejected rows, with their line and error, are in ${rejectedFile}`);
  }
  return {
    result,
    report: `${out.join('\n')}\n`,
    rejectedFile,
    exitCode: result.status === 'applied' ? 0 : 1,
  };
}
