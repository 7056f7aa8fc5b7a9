import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ImportError,
  type ImportKind,
  type ImportMode,
  type ImportResult,
  MAX_REPORTED_ERRORS,
  toCsv,
} from '@ipo/contracts';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from '../db/copy.js';
import { holdRulesSteady } from '../derive/recalculate.js';
import { loadDerivationRules } from '../derive/rules.js';
import { redactPersonalData } from '../feedback/redact.js';
import { loadTaxonomy } from '../feedback/taxonomy.js';
import {
  type BatchOutcome,
  finishBatch,
  IMPORT_BATCH_LOCK,
  IMPORT_MERGE_LOCK,
  startBatch,
} from './batches.js';
import { ImportFileError, type ImportRecord } from './csv-records.js';
import { type FieldError, type ImportReference, KINDS, type StagedRow } from './kinds.js';

/** Rejected rows kept for the rejected-rows CSV (valid-only mode); the rest are only counted. */
export const MAX_REJECTED_ROWS_IN_CSV = 100_000;

export interface ImportRequest {
  kind: ImportKind;
  mode: ImportMode;
  /** The system the rows come from (work_item.source). */
  dataSource: string;
  /** The file name, or the API token's name. */
  file: string;
  createdBy: string;
}

interface Rejected {
  line: number;
  fields: readonly string[];
  errors: FieldError[];
}

const fmt = (n: number) => n.toLocaleString('en-GB');
const plural = (n: number, [one, many]: [string, string]) => `${fmt(n)} ${n === 1 ? one : many}`;

/**
 * Imports rows of one kind: validates each row, streams the valid ones with COPY into a TEMP
 * staging table, and merges them into the real table with one set-based statement, all in one
 * transaction (a crash or a killed process leaves nothing behind). The batch is recorded before
 * the transaction starts and finished with its outcome.
 */
export async function runImport(
  pool: pg.Pool,
  request: ImportRequest,
  records: AsyncIterable<ImportRecord[]>,
  /** Timings of the stages (the benchmark prints them). */
  onStage?: (stage: 'stage' | 'duplicates' | 'merge', ms: number) => void,
): Promise<ImportResult> {
  let mark = performance.now();
  const stageDone = (stage: 'stage' | 'duplicates' | 'merge') => {
    const now = performance.now();
    onStage?.(stage, now - mark);
    mark = now;
  };
  const def = KINDS[request.kind];
  const started = performance.now();
  const batchId = await startBatch(pool, {
    kind: def.batchKind,
    mode: request.mode,
    dataSource: request.dataSource,
    file: request.file,
    createdBy: request.createdBy,
  });

  const errors: ImportError[] = [];
  let errorCount = 0;
  const rejected: Rejected[] = [];
  let rejectedRows = 0;
  let total = 0;
  const teams = new Map<string, { service: string; name: string }>();

  const reject = (line: number, fields: readonly string[], problems: FieldError[]) => {
    rejectedRows++;
    errorCount += problems.length;
    for (const p of problems) {
      if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, ...p });
    }
    if (request.mode === 'valid-only' && rejected.length < MAX_REJECTED_ROWS_IN_CSV) {
      rejected.push({ line, fields, errors: problems });
    }
  };

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
    rejectedCsvTruncated: rejectedCsv !== null && rejectedRows > rejected.length,
    durationMs: Math.max(durationMs, Math.round(performance.now() - started)),
  });

  const client = await pool.connect();
  let inTransaction = false;
  try {
    await client.query('BEGIN');
    inTransaction = true;
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [IMPORT_BATCH_LOCK, batchId]);
    const reference = await loadReference(client);
    await client.query(def.stageDdl);

    // Valid rows go to the staging table as COPY text, a batch of rows per chunk.
    let staged = 0;
    async function* copyChunks() {
      for await (const batch of records) {
        const lines: string[] = [];
        for (const record of batch) {
          total++;
          if (record.problem) {
            reject(record.line, record.fields, [{ column: null, reason: record.problem }]);
            continue;
          }
          const outcome = def.validate(record.fields, record.line, reference);
          if (!outcome.ok) {
            reject(record.line, record.fields, outcome.errors);
            continue;
          }
          if (outcome.team) {
            teams.set(`${outcome.team.service}\u0000${outcome.team.name}`, outcome.team);
          }
          lines.push(outcome.values.map(copyText).join('\t'));
        }
        staged += lines.length;
        if (lines.length) yield `${lines.join('\n')}\n`;
      }
    }
    await pipeline(
      Readable.from(copyChunks()),
      client.query(
        copyFrom(
          `COPY import_stage (${def.stageColumns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`,
        ),
      ),
    );

    stageDone('stage');

    // A source_ref twice in one file: every occurrence is rejected (which one is right is
    // anybody's guess). Found in SQL so the file's references are never all held in memory.
    const duplicates = await client.query<StagedRow>(
      `SELECT s.* FROM import_stage s
        WHERE s.source_ref IN (SELECT source_ref FROM import_stage GROUP BY 1 HAVING count(*) > 1)
        ORDER BY s.line LIMIT $1`,
      [Math.max(MAX_REPORTED_ERRORS, request.mode === 'valid-only' ? MAX_REJECTED_ROWS_IN_CSV : 0)],
    );
    let duplicateRows = duplicates.rows.length;
    if (duplicateRows > 0) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM import_stage
          WHERE source_ref IN (SELECT source_ref FROM import_stage GROUP BY 1 HAVING count(*) > 1)`,
      );
      duplicateRows = rows[0]?.n ?? duplicateRows;
      const linesOf = new Map<string, number[]>();
      for (const r of duplicates.rows) {
        const ref = String(r.source_ref);
        linesOf.set(ref, [...(linesOf.get(ref) ?? []), r.line]);
      }
      const duplicateErrors: ImportError[] = [];
      for (const r of duplicates.rows) {
        const ref = String(r.source_ref);
        const others = (linesOf.get(ref) ?? []).filter((l) => l !== r.line);
        const problem = {
          column: 'source_ref',
          reason: `source_ref ${JSON.stringify(ref)} appears more than once in this file${
            others.length ? ` (also on line ${others.join(', ')})` : ''
          }`,
        };
        duplicateErrors.push({ line: r.line, ...problem });
        if (request.mode === 'valid-only' && rejected.length < MAX_REJECTED_ROWS_IN_CSV) {
          rejected.push({ line: r.line, fields: def.stagedToFields(r), errors: [problem] });
        }
      }
      errors.push(...duplicateErrors);
      errors.sort((a, b) => a.line - b.line);
      errors.splice(MAX_REPORTED_ERRORS);
      errorCount += duplicateRows;
      rejectedRows += duplicateRows;
    }

    stageDone('duplicates');
    const rejectedCount = rejectedRows;
    const validCount = staged - duplicateRows;
    if (rejectedCount > 0 && (request.mode === 'all-or-nothing' || validCount === 0)) {
      await client.query('ROLLBACK');
      inTransaction = false;
      const outcome: BatchOutcome = {
        status: 'rejected',
        message:
          request.mode === 'all-or-nothing'
            ? `Nothing was imported: ${plural(rejectedCount, ['row has', 'rows have'])} errors (${plural(errorCount, ['error', 'errors'])} in all). Fix them and send the file again, or import the valid rows only.`
            : `Nothing was imported: every row has errors (${plural(errorCount, ['error', 'errors'])} in all).`,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: rejectedCount,
        errors,
        errorCount,
        teamsCreated: [],
      };
      const durationMs = await finishBatch(pool, batchId, outcome);
      return result(outcome, durationMs, rejectedCsvOf(request, rejected));
    }
    if (duplicateRows > 0) {
      await client.query(
        `DELETE FROM import_stage
          WHERE source_ref IN (SELECT source_ref FROM import_stage GROUP BY 1 HAVING count(*) > 1)`,
      );
    }

    // One merge of this kind at a time; the staging above ran concurrently.
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [
      IMPORT_MERGE_LOCK,
      Object.keys(KINDS).indexOf(request.kind),
    ]);
    const teamsCreated = await createTeams(client, [...teams.values()]);
    const merged = await client.query<{ inserted: number; updated: number }>(def.mergeSql, [
      request.dataSource,
    ]);
    stageDone('merge');
    const inserted = merged.rows[0]?.inserted ?? 0;
    const updated = merged.rows[0]?.updated ?? 0;
    const unchanged = validCount - inserted - updated;
    const [one, many] = def.noun;
    const parts = [
      `${fmt(inserted)} added`,
      `${fmt(updated)} updated`,
      `${fmt(unchanged)} unchanged`,
    ];
    if (rejectedCount) parts.push(`${fmt(rejectedCount)} rejected`);
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
    const durationMs = await finishBatch(client, batchId, outcome);
    await client.query('COMMIT');
    inTransaction = false;
    return result(outcome, durationMs, rejectedCsvOf(request, rejected));
  } catch (error) {
    if (inTransaction) {
      try {
        await client.query('ROLLBACK');
        inTransaction = false;
      } catch {
        // The connection is unusable: `release(true)` below discards it.
      }
    }
    const fileProblem = error instanceof ImportFileError;
    const outcome: BatchOutcome = {
      status: fileProblem ? 'rejected' : 'failed',
      message: fileProblem
        ? `Nothing was imported: ${error.errors[0]?.reason ?? 'the file could not be read.'}`
        : `Nothing was imported: the import failed (${error instanceof Error ? error.message : String(error)}).`,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: fileProblem ? error.errors.slice(0, MAX_REPORTED_ERRORS) : [],
      errorCount: fileProblem ? error.errors.length : 0,
      teamsCreated: [],
    };
    await finishBatch(pool, batchId, outcome).catch(() => {});
    if (fileProblem && error.statusCode === 422) return result(outcome, 0);
    throw error;
  } finally {
    // A client that could not roll back is in an unknown state: discard it.
    client.release(inTransaction);
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
  // Shared rules lock: a recalculation job (exclusive) cannot change closure days or thresholds
  // between now and this import's commit, so its derived values never mix old and new rules.
  await holdRulesSteady(client);
  const rules = await loadDerivationRules(client);
  const taxonomy = await loadTaxonomy(client);
  return {
    services: new Set(services.rows.map((r) => r.code)),
    workTypes: new Map(workTypes.rows.map((r) => [r.code, r.service_code])),
    rules,
    taxonomy,
  };
}

/** Teams seen for the first time within a known service are created (architecture.md). */
async function createTeams(
  client: pg.ClientBase,
  teams: { service: string; name: string }[],
): Promise<{ service: string; name: string }[]> {
  if (teams.length === 0) return [];
  const { rows } = await client.query<{ service: string; name: string }>(
    `INSERT INTO team (service_code, name)
     SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2
     ON CONFLICT (service_code, name) DO NOTHING
     RETURNING service_code AS service, name`,
    [teams.map((t) => t.service), teams.map((t) => t.name)],
  );
  return rows.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}

/** The rejected rows with their line and errors, formula-safe (csvCell), comments redacted. */
function rejectedCsvOf(request: ImportRequest, rejected: Rejected[]): string | null {
  if (request.mode !== 'valid-only' || rejected.length === 0) return null;
  const def = KINDS[request.kind];
  rejected.sort((a, b) => a.line - b.line);
  return toCsv(
    [
      ...def.columns.map((header, i) => ({
        header,
        value: (r: Rejected) => {
          const v = r.fields[i] ?? '';
          return i === def.redactColumn ? redactPersonalData(v) : v;
        },
      })),
      { header: 'line', value: (r: Rejected) => r.line },
      {
        header: 'error',
        value: (r: Rejected) =>
          r.errors.map((e) => (e.column ? `${e.column}: ${e.reason}` : e.reason)).join('; '),
      },
    ],
    rejected,
  );
}
