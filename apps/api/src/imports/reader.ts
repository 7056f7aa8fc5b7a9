// The reading part of an import: rows in (CSV records, or the typed rows of a JSON ingestion
// batch), each validated with its kind's validators (the fast ones, the zod schema for the rest;
// CSV cells as text, JSON properties as the typed values they are, then the same row rules) and
// turned into the values to stage, out a batch at a time with the rejected rows beside them.
// It needs no database: the reference data is loaded by runImport and handed in.
import { type CopyRowWriter, type CopyValue, TextRowWriter } from '../db/copy.js';
import { BinaryRowWriter } from '../db/copy-binary.js';
import type { ImportRecord } from './csv-records.js';
import {
  type FieldError,
  type ImportReference,
  type JsonRow,
  jsonCell,
  type KindDefinition,
  type RowOutcome,
} from './kinds.js';

export type { JsonRow };

/** The rows of a JSON ingestion batch, already parsed; their `line` is their position from 1. */
export interface JsonRows {
  json: readonly JsonRow[];
}

/** Where an import's rows come from: CSV records (csvRecords) or a JSON batch. */
export type ImportSource = AsyncIterable<ImportRecord[]> | JsonRows;

export interface Team {
  service: string;
  name: string;
}

/** A valid row, ready to stage. */
export interface ValidRow {
  line: number;
  /** The staged values, in the kind's `stageColumns` order (`line`, `source_ref` first). */
  values: CopyValue[];
  sourceRef: string;
  /** The row's team when no earlier row of the import named it (it may have to be created). */
  newTeam: Team | null;
}

export interface RejectedRow {
  line: number;
  /** The row's values in the kind's column order (for the rejected-rows CSV). */
  fields: readonly string[];
  errors: FieldError[];
}

/** What one batch of incoming rows gave: every row is either valid or rejected. */
export interface ReadBatch {
  /** Rows read (valid + rejected). */
  read: number;
  valid: ValidRow[];
  rejected: RejectedRow[];
}

/**
 * Rows validated and handed on at a time. Small, so that the valid rows' values are written out
 * soon: validating a whole 1 MB read (about 9,000 rows) first made the import a tenth slower and
 * its peak memory higher (most likely the values lived long enough to be promoted by the garbage
 * collector).
 */
export const READ_SLICE = 512;

/**
 * Reads and validates an import's rows, in order, at most READ_SLICE rows per ReadBatch. Problems
 * with the file as a whole (ImportFileError from csvRecords) are thrown through.
 */
export async function* readImport(
  def: KindDefinition,
  source: ImportSource,
  reference: ImportReference,
): AsyncGenerator<ReadBatch> {
  const teamsSeen = new Set<string>();
  /** A valid row into the batch, with its team if no earlier row named it. */
  const accept = (batch: ReadBatch, line: number, outcome: RowOutcome & { ok: true }) => {
    let newTeam: Team | null = null;
    if (outcome.team) {
      const key = `${outcome.team.service}\u0000${outcome.team.name}`;
      if (!teamsSeen.has(key)) {
        teamsSeen.add(key);
        newTeam = outcome.team;
      }
    }
    batch.valid.push({
      line,
      values: outcome.values,
      sourceRef: outcome.values[1] as string,
      newTeam,
    });
  };
  const check = (records: readonly ImportRecord[], start: number, end: number): ReadBatch => {
    const batch: ReadBatch = { read: end - start, valid: [], rejected: [] };
    for (let i = start; i < end; i++) {
      const { line, fields, problem } = records[i]!;
      if (problem) {
        batch.rejected.push({ line, fields, errors: [{ column: null, reason: problem }] });
        continue;
      }
      const outcome = def.validate(fields, line, reference);
      if (outcome.ok) accept(batch, line, outcome);
      else batch.rejected.push({ line, fields, errors: outcome.errors });
    }
    return batch;
  };
  if ('json' in source) {
    // Each row as the typed values it holds; its cells (the CSV it stands for) are made only
    // for a rejected row, for the rejected-rows CSV.
    const rows = source.json;
    for (let start = 0; start < rows.length; start += READ_SLICE) {
      const end = Math.min(start + READ_SLICE, rows.length);
      const batch: ReadBatch = { read: end - start, valid: [], rejected: [] };
      for (let i = start; i < end; i++) {
        const row = rows[i]!;
        const outcome = def.validateJson(row, i + 1, reference);
        if (outcome.ok) accept(batch, i + 1, outcome);
        else {
          const fields = def.columns.map((c) => jsonCell(row[c]));
          batch.rejected.push({ line: i + 1, fields, errors: outcome.errors });
        }
      }
      yield batch;
    }
    return;
  }
  for await (const records of source) {
    for (let start = 0; start < records.length; start += READ_SLICE) {
      yield check(records, start, Math.min(start + READ_SLICE, records.length));
    }
  }
}

/** A chunk of valid rows on its way to PostgreSQL. */
export interface Chunk {
  /** COPY data, a block of rows per string or buffer (a few dozen per chunk, not 100,000). */
  blocks: (string | Buffer)[];
  rows: number;
  /** Teams first named in this chunk. */
  teams: Team[];
  /** The chunk's source_refs: fewer than its rows when one repeats. */
  refs: Set<string>;
}

/** Rows per COPY block. */
const BLOCK_ROWS = 2048;

/**
 * The valid rows of the batches as COPY data (binary where the kind says how, text otherwise),
 * `first` rows in the first chunk and `rest` in each of the others (PostgreSQL has nothing to do
 * until the first arrives). `onBatch` sees each batch before its rows are written (the rejected
 * rows and counts). Each chunk is handed on as soon as it is full, and the event loop is let
 * through every BLOCK_ROWS rows, so that the previous chunk's COPY and merge go on meanwhile.
 */
export async function* copyChunks(
  def: KindDefinition,
  batches: AsyncIterable<ReadBatch>,
  sizes: { first: number; rest: number },
  onBatch: (batch: ReadBatch) => void,
): AsyncGenerator<Chunk> {
  const writer: CopyRowWriter = def.stageTypes
    ? new BinaryRowWriter(def.stageTypes)
    : new TextRowWriter();
  const emptyChunk = (): Chunk => ({ blocks: [], rows: 0, teams: [], refs: new Set() });
  let chunk = emptyChunk();
  let staged = 0;
  let paused = 0;
  for await (const batch of batches) {
    onBatch(batch);
    for (const row of batch.valid) {
      if (row.newTeam) chunk.teams.push(row.newTeam);
      chunk.refs.add(row.sourceRef);
      writer.write(row.values);
      chunk.rows++;
      staged++;
      if (writer.rows === BLOCK_ROWS) chunk.blocks.push(writer.take());
      if (chunk.rows >= (staged === chunk.rows ? sizes.first : sizes.rest)) {
        if (writer.rows > 0) chunk.blocks.push(writer.take());
        yield chunk;
        chunk = emptyChunk();
      }
      if (staged - paused >= BLOCK_ROWS) {
        paused = staged;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  }
  if (chunk.rows > 0) {
    if (writer.rows > 0) chunk.blocks.push(writer.take());
    yield chunk;
  }
}

/**
 * Rows `start` to `end` of a JSON batch as the CSV records they stand for: each property in the
 * kind's column order, a missing or null one as an empty cell and a number as its text (the
 * satisfaction score). The reader does not validate these (JSON rows are validated as typed
 * values, readImport); they are what a rejected row shows in the rejected-rows CSV.
 */
export function jsonRecords(
  columns: readonly string[],
  rows: readonly JsonRow[],
  start = 0,
  end = rows.length,
): ImportRecord[] {
  const out: ImportRecord[] = [];
  for (let i = start; i < Math.min(end, rows.length); i++) {
    const row = rows[i]!;
    out.push({ line: i + 1, fields: columns.map((c) => jsonCell(row[c])) });
  }
  return out;
}
