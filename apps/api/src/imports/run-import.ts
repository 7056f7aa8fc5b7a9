import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ImportKind,
  type ImportMode,
  type ImportResult,
  MAX_REPORTED_ERRORS,
} from '@ipo/contracts';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { recordAudit } from '../admin/audit.js';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER } from '../db/copy-binary.js';
import { databaseFailure } from '../db/errors.js';
import { IMPORT_BATCH_LOCK, IMPORT_MERGE_LOCK, RULES_LOCK, TAXONOMY_LOCK } from '../db/locks.js';
import { LockTimeoutError, takeLock, withTransaction } from '../db/transaction.js';
import { writerSettingsOf } from '../db/writer-settings.js';
import { loadDerivationRules } from '../derive/rules.js';
import { loadTaxonomy } from '../feedback/taxonomy.js';
import { HttpError } from '../plugins/errors.js';
import { type BatchOutcome, finishBatch, finishFailedBatch, startBatch } from './batches.js';
import { ImportFileError } from './csv-records.js';
import { type ImportReference, KINDS, type StagedRow } from './kinds.js';
import { createTeams, mergeInto, mergeStatements } from './merger.js';
import { type Chunk, copyChunks, type ImportSource, readImport, type Team } from './reader.js';
import { MAX_REJECTED_ROWS_IN_CSV, Rejections } from './rejected-rows.js';

export { MAX_REJECTED_ROWS_IN_CSV } from './rejected-rows.js';

/** Seconds a refused import is asked to wait before it is sent again. */
export const IMPORT_RETRY_AFTER_SECONDS = 30;

/**
 * Another import of the same kind, or a recalculation job, held its lock for longer than the
 * import may wait (IMPORT_LOCK_WAIT_MS): nothing was done and nothing recorded; send it again.
 */
export class ImportBusyError extends HttpError {
  override name = 'ImportBusyError';
  constructor(message: string) {
    super(409, message, undefined, { 'retry-after': String(IMPORT_RETRY_AFTER_SECONDS) });
  }
}

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  /** The system the rows come from (work_item.source). */
  dataSource: string;
  /** The file name, or the API token's name. */
  file: string;
  createdBy: string;
}

const fmt = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, [one, many]: [string, string]) => `${fmt(n)} ${n === 1 ? one : many}`;

/** Valid rows merged per statement: large enough that each statement's fixed costs (triggers,
 * planning, round trips) are small, small enough to overlap reading with merging. */
export const CHUNK_ROWS = 100_000;

/** The first chunk is smaller: PostgreSQL has nothing to do until it arrives. */
export const FIRST_CHUNK_ROWS = 10_000;

/** Reading, validating and merging chunk by chunk; repeats; the final merge when one is needed. */
type Stage = 'read and merge' | 'duplicates' | 'final merge';

/** Thrown inside the import's transaction to roll it back: the file is rejected as a whole. */
class RejectedFile extends Error {
  override name = 'RejectedFile';
  constructor(readonly outcome: BatchOutcome) {
    super(outcome.message);
  }
}

/**
 * Imports rows of one kind, in one transaction (a crash or a killed process leaves nothing
 * behind), as a pipeline:
 *
 * - the reader (reader.ts) reads and validates the rows, CSV records or a JSON batch, and the
 *   valid ones are turned into COPY data, a chunk at a time;
 * - meanwhile PostgreSQL copies the previous chunk into a TEMP table and merges it into the real
 *   table: rows already known and changed are updated, identical ones left alone, new ones
 *   inserted (with their derived values, and the rollups kept by triggers).
 *
 * The staged references are kept (`import_refs`), where source_refs repeated across the file are
 * found at the end. In all-or-nothing mode any rejected row (or repeat) stops the merging and
 * rolls everything back. In valid-only mode nothing is merged until the repeats are known and
 * left out: the rows are read and staged, then merged at once.
 *
 * The import first takes its locks, waiting a bounded time (the pool's `lockWaitMs`) for another
 * import of its kind or a recalculation job, or fails with ImportBusyError (nothing recorded).
 * The batch is then recorded in its own short transaction and finished with its outcome.
 */
export async function runImport(
  pool: pg.Pool,
  request: ImportRequest,
  source: ImportSource,
  options: Parameters<typeof importOnce>[3] = {},
): Promise<ImportResult> {
  let result: ImportResult;
  try {
    result = await importOnce(pool, request, source, options);
  } catch (error) {
    // Refused before anything was recorded (another import running): nothing changed.
    if (!(error instanceof ImportBusyError)) {
      await recordAudit(pool, {
        actor: request.createdBy,
        action: 'import.failed',
        entity: 'import_batch',
        entityId: null,
        details: {
          kind: request.kind,
          mode: request.mode,
          source: request.dataSource,
          file: request.file,
        },
      }).catch(() => {}); // the database may be the reason it failed
    }
    throw error;
  }
  // Every import and ingestion batch is in the audit trail, with who sent it (decision 11).
  await recordAudit(pool, {
    actor: request.createdBy,
    action: `import.${result.status}`,
    entity: 'import_batch',
    entityId: String(result.batchId),
    details: {
      kind: result.kind,
      mode: result.mode,
      source: result.source,
      file: request.file,
      rows: result.rows,
      errorCount: result.errorCount,
    },
  });
  return result;
}

async function importOnce(
  pool: pg.Pool,
  request: ImportRequest,
  source: ImportSource,
  options: {
    /** Timings of the stages (the benchmark prints them). */
    onStage?: (stage: Stage, ms: number) => void;
    /** Valid rows per merged chunk (tests use small ones). */
    chunkRows?: number;
  } = {},
): Promise<ImportResult> {
  const { onStage, chunkRows = CHUNK_ROWS } = options;
  const firstChunkRows = Math.min(chunkRows, FIRST_CHUNK_ROWS);
  let mark = performance.now();
  const stageDone = (stage: Stage) => {
    const now = performance.now();
    onStage?.(stage, now - mark);
    mark = now;
  };
  const def = KINDS[request.kind];
  const started = performance.now();
  const settings = writerSettingsOf(pool);
  /** Set once the batch is recorded (after the locks). */
  let batchId = 0;

  const rejections = new Rejections(def, request.mode);
  let total = 0;

  const result = (
    outcome: BatchOutcome,
    durationMs: number,
    rejectedCsv: string | null = null,
  ): ImportResult => ({
    batchId,
    kind: request.kind,
    mode: request.mode,
    source: request.dataSource,
    status: outcome.status,
    message: outcome.message,
    rows: {
      total,
      inserted: outcome.inserted,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected,
    },
    teamsCreated: outcome.teamsCreated,
    errors: outcome.errors,
    errorCount: outcome.errorCount,
    rejectedCsv,
    rejectedCsvTruncated: rejectedCsv !== null && rejections.truncated,
    durationMs: Math.max(durationMs, Math.round(performance.now() - started)),
  });

  /** Everything the import does inside its transaction, once it holds its locks. */
  const importRows = async (
    client: pg.PoolClient,
  ): Promise<{ outcome: BatchOutcome; durationMs: number }> => {
    batchId = await startBatch(pool, {
      kind: def.batchKind,
      mode: request.mode,
      dataSource: request.dataSource,
      file: request.file,
      createdBy: request.createdBy,
    });
    await takeLock(client, { key: IMPORT_BATCH_LOCK, id: batchId });
    const reference = await loadReference(client);
    // The rollup triggers group each merged chunk; keep that in memory.
    await client.query(`SET LOCAL work_mem = '64MB'`);
    await client.query(def.stageDdl);
    const validOnly = request.mode === 'valid-only';
    // All-or-nothing: each chunk is copied into import_chunk and merged from there, and only the
    // references are kept (import_refs) to find repeats. Valid-only: every row is kept.
    const refsTable = validOnly ? 'import_stage' : 'import_refs';
    if (!validOnly) {
      await client.query('CREATE TEMP TABLE import_chunk (LIKE import_stage) ON COMMIT DROP');
      await client.query(
        'CREATE TEMP TABLE import_refs (line int NOT NULL, source_ref text NOT NULL) ON COMMIT DROP',
      );
    }
    const { rows: existing } = await client.query(
      `SELECT 1 FROM ${def.table} WHERE source = $1 LIMIT 1`,
      [request.dataSource],
    );
    const sourceIsNew = existing.length === 0;
    for (const sql of def.beforeMerges ?? []) await client.query(sql);

    const chunkMerge = mergeStatements(def, 'import_chunk');
    const copyColumns = def.stageColumns.map((c) => `"${c}"`).join(', ');
    // Binary COPY where the kind says how (work items), text otherwise.
    const [head, tail, format] = def.stageTypes
      ? [[COPY_BINARY_HEADER], [COPY_BINARY_TRAILER], ' (FORMAT binary)']
      : [[], [], ''];
    /** Every team the valid rows name, once (valid-only mode creates them at the end). */
    const teamsNamed: Team[] = [];
    const teamsCreated: Team[] = [];
    let staged = 0;
    let inserted = 0;
    let updated = 0;
    // Chunks are merged as they come in all-or-nothing mode, until merging is pointless (the
    // import will be rolled back) or impossible (a source_ref repeated within a chunk, or in an
    // earlier one of a new source). In valid-only mode the rows repeated across the file must be
    // known before anything is merged, so everything is merged at the end.
    let merging = !validOnly;

    /** Copies a chunk into the TEMP tables and merges it. */
    const applyChunk = async (chunk: Chunk) => {
      await pipeline(
        Readable.from([...head, ...chunk.blocks, ...tail]),
        client.query(
          copyFrom(
            `COPY ${validOnly ? 'import_stage' : 'import_chunk'} (${copyColumns}) FROM STDIN${format}`,
          ),
        ),
      );
      if (validOnly) return;
      await client.query('INSERT INTO import_refs SELECT line, source_ref FROM import_chunk');
      if (chunk.refs.size < chunk.rows || rejections.rows > 0) merging = false;
      if (merging) {
        teamsCreated.push(...(await createTeams(client, chunk.teams)));
        const counts = await mergeInto(
          client,
          chunkMerge,
          request.dataSource,
          chunk.rows,
          sourceIsNew,
        );
        if (counts === 'repeat') {
          merging = false;
        } else {
          inserted += counts.inserted;
          updated += counts.updated;
        }
      }
      await client.query('TRUNCATE import_chunk');
    };

    // Reading and validating runs ahead of the database by at most one chunk.
    let applying: Promise<void> = Promise.resolve();
    const chunks = copyChunks(
      def,
      readImport(def, source, reference),
      { first: firstChunkRows, rest: chunkRows },
      (batch) => {
        total += batch.read;
        for (const r of batch.rejected) rejections.add(r.line, r.fields, r.errors);
      },
    );
    try {
      for await (const chunk of chunks) {
        staged += chunk.rows;
        teamsNamed.push(...chunk.teams);
        await applying;
        applying = applyChunk(chunk);
        // Handled here so a failure waits, without an unhandled rejection, for the next await.
        applying.catch(() => {});
      }
    } finally {
      // Never leave a chunk's statements running on the client when the reading failed.
      await applying.catch(() => {});
    }
    await applying;
    stageDone('read and merge');

    // A source_ref twice in one file: every occurrence is rejected (which one is right is
    // anybody's guess). Found in SQL so the file's references are never all held in memory.
    // When every chunk of a new source went in under the (source, source_ref) unique key, the
    // key has already shown there are none.
    const repeated = `SELECT source_ref FROM ${refsTable} GROUP BY 1 HAVING count(*) > 1`;
    const duplicates =
      sourceIsNew && merging
        ? { rows: [] as StagedRow[] }
        : await client.query<StagedRow>(
            `SELECT s.* FROM ${refsTable} s WHERE s.source_ref IN (${repeated}) ORDER BY s.line LIMIT $1`,
            [Math.max(MAX_REPORTED_ERRORS, validOnly ? MAX_REJECTED_ROWS_IN_CSV : 0)],
          );
    let duplicateRows = duplicates.rows.length;
    if (duplicateRows > 0) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${refsTable} WHERE source_ref IN (${repeated})`,
      );
      duplicateRows = rows[0]?.n ?? duplicateRows;
      const linesOf = new Map<string, number[]>();
      for (const r of duplicates.rows) {
        const ref = String(r.source_ref);
        linesOf.set(ref, [...(linesOf.get(ref) ?? []), r.line]);
      }
      rejections.addRepeats(
        duplicates.rows.map((r) => {
          const ref = String(r.source_ref);
          const others = (linesOf.get(ref) ?? []).filter((l) => l !== r.line);
          return {
            line: r.line,
            problem: {
              column: 'source_ref',
              reason: `source_ref ${JSON.stringify(ref)} appears more than once in this file${
                others.length ? ` (also on line ${others.join(', ')})` : ''
              }`,
            },
            fields: () => def.stagedToFields(r),
          };
        }),
        duplicateRows,
      );
    }

    stageDone('duplicates');
    const { rows: rejectedCount, errors, errorCount } = rejections;
    const validCount = staged - duplicateRows;
    if (rejectedCount > 0 && (!validOnly || validCount === 0)) {
      throw new RejectedFile({
        status: 'rejected',
        message: !validOnly
          ? `Nothing was imported: ${plural(rejectedCount, ['row has', 'rows have'])} errors (${plural(errorCount, ['error', 'errors'])} in all). Fix them and send the file again, or import the valid rows only.`
          : `Nothing was imported: every row has errors (${plural(errorCount, ['error', 'errors'])} in all).`,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: rejectedCount,
        errors,
        errorCount,
        teamsCreated: [],
      });
    }
    if (validOnly) {
      // Every staged row but the repeats, at once.
      await client.query(`DELETE FROM import_stage WHERE source_ref IN (${repeated})`);
      teamsCreated.push(...(await createTeams(client, teamsNamed)));
      const counts = await mergeInto(
        client,
        mergeStatements(def, 'import_stage'),
        request.dataSource,
        validCount,
        false,
      );
      if (counts === 'repeat') throw new Error('a repeated source_ref was left in the staged rows');
      inserted = counts.inserted;
      updated = counts.updated;
    } else if (!merging) {
      // All-or-nothing with every row valid and no repeats, yet a chunk was not merged.
      throw new Error('a chunk of valid rows could not be merged');
    }
    for (const sql of def.afterMerges ?? []) await client.query(sql);
    stageDone('final merge');
    const unchanged = validCount - inserted - updated;
    const [one, many] = def.noun;
    const parts = [
      `${fmt(inserted)} added`,
      `${fmt(updated)} updated`,
      `${fmt(unchanged)} unchanged`,
    ];
    if (rejectedCount) parts.push(`${fmt(rejectedCount)} rejected`);
    teamsCreated.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
    const outcome: BatchOutcome = {
      status: 'applied',
      message: `Imported ${plural(validCount, [one, many])}: ${parts.join(', ')}.${
        teamsCreated.length
          ? ` New ${teamsCreated.length === 1 ? 'team' : 'teams'}: ${teamsCreated.map((t) => `${t.name} (${t.service})`).join(', ')}.`
          : ''
      }`,
      inserted,
      updated,
      unchanged,
      rejected: rejectedCount,
      errors,
      errorCount,
      teamsCreated,
    };
    // Finished inside the import's transaction: the rows and 'applied' commit together.
    return { outcome, durationMs: await finishBatch(client, batchId, outcome) };
  };

  try {
    let applied: { outcome: BatchOutcome; durationMs: number };
    try {
      applied = await withTransaction(pool, importRows, {
        // An import legitimately runs statements far longer than a request's statement_timeout.
        statementTimeoutMs: settings.bulkStatementTimeoutMs,
        // One import of this kind merges at a time (concurrent imports of overlapping rows would
        // otherwise deadlock), and none while a recalculation job changes the rules (shared
        // rules lock: the job's is exclusive, so derived values never mix old and new rules).
        // Each wait is bounded: past it the import is refused (409) instead of holding a
        // connection for as long as the other writer runs. No other writer adds rows to these
        // tables, so a source without rows now gets only new rows from this file.
        // Feedback imports also hold the taxonomy steady (shared): a theme change waits for
        // them, so no imported comment is tagged with a taxonomy that has just been replaced.
        lock: [
          { key: IMPORT_MERGE_LOCK, id: Object.keys(KINDS).indexOf(request.kind) },
          { key: RULES_LOCK, shared: true },
          ...(request.kind === 'feedback' ? [{ key: TAXONOMY_LOCK, shared: true } as const] : []),
        ],
        lockTimeoutMs: settings.lockWaitMs,
      });
    } catch (error) {
      if (!(error instanceof RejectedFile)) throw error;
      // Rolled back; the batch is finished in a short transaction of its own.
      const durationMs = await finishBatch(pool, batchId, error.outcome);
      return result(error.outcome, durationMs, rejections.csv());
    }
    return result(applied.outcome, applied.durationMs, rejections.csv());
  } catch (error) {
    // The transaction is rolled back (and its connection given back or destroyed) by now.
    // Refused before anything was recorded.
    if (batchId === 0) {
      if (error instanceof LockTimeoutError) {
        throw new ImportBusyError(
          error.lock.key === RULES_LOCK
            ? 'A recalculation of derived values is running. Send the file again when it has finished.'
            : error.lock.key === TAXONOMY_LOCK
              ? 'The feedback themes are being changed. Send the file again when that has finished.'
              : `Another ${request.kind.replace('-', ' ')} import is running. Send the file again in a minute or two.`,
        );
      }
      throw error;
    }
    const fileProblem = error instanceof ImportFileError;
    const outcome: BatchOutcome = {
      status: fileProblem ? 'rejected' : 'failed',
      message: fileProblem
        ? `Nothing was imported: ${error.errors[0]?.reason ?? 'the file could not be read.'}`
        : `Nothing was imported: ${failureReason(error)}`,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: fileProblem ? error.errors.slice(0, MAX_REPORTED_ERRORS) : [],
      errorCount: fileProblem ? error.errors.length : 0,
      teamsCreated: [],
    };
    // When the database went away this is retried until it is back.
    await finishFailedBatch(pool, batchId, outcome);
    if (fileProblem && error.statusCode === 422) return result(outcome, 0);
    throw error;
  }
}

/** Why an import failed, in our words: the database's own text is logged, never stored. */
function failureReason(error: unknown): string {
  switch (databaseFailure(error)) {
    case 'unavailable':
      return 'the connection to the database was lost. Send the file again when the service is back.';
    case 'timeout':
      return 'a step of the import took longer than its time limit. Split the file into smaller ones and send them one by one.';
    default:
      return 'the import failed on the server, and the error has been logged. Send the file again, or ask the service team.';
  }
}

async function loadReference(client: pg.ClientBase): Promise<ImportReference> {
  // One query at a time: a client runs one statement at once.
  const services = await client.query<{ code: string }>(
    'SELECT code FROM service ORDER BY sort_order, code',
  );
  const workTypes = await client.query<{ code: string; service_code: string }>(
    'SELECT code, service_code FROM work_type',
  );
  // The shared rules lock is held (taken in runImport, as holdRulesSteady does): a recalculation
  // job cannot change closure days or thresholds before this import commits.
  const rules = await loadDerivationRules(client);
  const taxonomy = await loadTaxonomy(client);
  return {
    services: new Set(services.rows.map((r) => r.code)),
    workTypes: new Map(workTypes.rows.map((r) => [r.code, r.service_code])),
    rules,
    taxonomy,
  };
}
