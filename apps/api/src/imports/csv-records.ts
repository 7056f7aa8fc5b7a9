import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportError } from '@ipo/contracts';
import { CsvError, parse } from 'csv-parse';

/** A problem with the file as a whole: nothing is imported, whatever the mode. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    readonly errors: ImportError[],
    /** 422 for a malformed file, 413 for one over the size limit. */
    readonly statusCode = 422,
  ) {
    super(errors.map((e) => e.reason).join('; '));
  }
}

export interface ImportRecord {
  /** Physical line where the row starts (header = 1), or the position in an ingestion batch. */
  line: number;
  /** The values in the contract's column order. */
  fields: string[];
  /** Set when the row cannot be read at all (wrong number of values). */
  problem?: string;
}

/** The largest row csv-parse will buffer: well above MAX_COMMENT_LENGTH, so an over-long comment
 * is a clear row error, while a runaway unterminated quote still stops early. */
export const MAX_RECORD_CHARS = 2_000_000;

export interface CsvOptions {
  /** Bytes accepted before the upload is refused (413). */
  maxBytes?: number;
  /** Called with the bytes read so far (a progress bar). */
  onBytes?: (bytes: number) => void;
  /** Shown in messages: 'The file' by default. */
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/** Index of the first byte that makes `chunk` invalid UTF-8 (a partial sequence at the end is not). */
function firstInvalidByte(chunk: Uint8Array): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function countNewlines(chunk: Uint8Array, end = chunk.length): number {
  let n = 0;
  let i = -1;
  const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  for (;;) {
    i = buffer.indexOf(10, i + 1);
    if (i === -1 || i >= end) return n;
    n++;
  }
}

/** Strict UTF-8 decoding (a byte-order mark is dropped); invalid bytes stop the import. */
async function* decodeUtf8(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  options: CsvOptions,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let newlines = 0;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    bytes += chunk.length;
    if (options.maxBytes !== undefined && bytes > options.maxBytes) {
      throw new ImportFileError(
        [
          {
            line: 0,
            column: null,
            reason: `The file is larger than the ${fmt(options.maxBytes / 1024 / 1024)} MB limit: split it into smaller files.`,
          },
        ],
        413,
      );
    }
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const at = firstInvalidByte(chunk);
      throw new ImportFileError([
        {
          line: newlines + countNewlines(chunk, at) + 1,
          column: null,
          reason: `The file is not valid UTF-8 (byte ${fmt(bytes - chunk.length + at + 1)}): save it as 'CSV UTF-8' and try again.`,
        },
      ]);
    }
    newlines += countNewlines(chunk);
    options.onBytes?.(bytes);
    if (text) yield text;
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    throw new ImportFileError([
      {
        line: newlines + 1,
        column: null,
        reason: 'The file is not valid UTF-8: it ends in the middle of a character.',
      },
    ]);
  }
  if (tail) yield tail;
}

function physicalLines(fields: readonly string[]): number {
  let lines = 1;
  for (const f of fields) {
    if (f.indexOf('\n') === -1 && f.indexOf('\r') === -1) continue;
    for (let i = 0; i < f.length; i++) {
      const c = f.charCodeAt(i);
      if (c === 10) lines++;
      else if (c === 13 && f.charCodeAt(i + 1) !== 10) lines++;
    }
  }
  return lines;
}

function csvProblem(error: unknown, line: number): ImportFileError {
  if (error instanceof ImportFileError) return error;
  const code = error instanceof CsvError ? error.code : '';
  const reason =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? `A quoted value that starts on line ${line} is never closed: check for a missing closing quote (").`
      : code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
        ? `The row starting on line ${line} has text after a closing quote: a quote inside a quoted value must be doubled ("").`
        : code === 'INVALID_OPENING_QUOTE'
          ? `The row starting on line ${line} has a quote (") inside a value that is not quoted: put the whole value in quotes and double the quote ("").`
          : code === 'CSV_MAX_RECORD_SIZE'
            ? `The row starting on line ${line} is longer than ${fmt(MAX_RECORD_CHARS)} characters (is a closing quote missing?).`
            : `The file could not be read as CSV near line ${line}: ${error instanceof Error ? error.message : String(error)}`;
  return new ImportFileError([{ line, column: null, reason }]);
}

/** Records as they are parsed, in arrays: one promise per chunk of the file, not per row. */
async function* recordBatches(parser: Readable): AsyncGenerator<string[][]> {
  for (;;) {
    const batch: string[][] = [];
    while (batch.length < 4096) {
      const record = parser.read() as string[] | null;
      if (record === null) break;
      batch.push(record);
    }
    if (batch.length) {
      yield batch;
      continue;
    }
    if (parser.errored) throw parser.errored;
    if (parser.readableEnded) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        parser.off('readable', done);
        parser.off('end', done);
        parser.off('error', done);
        resolve();
      };
      parser.on('readable', done);
      parser.on('end', done);
      parser.on('error', done);
    });
  }
}

/**
 * Reads a CSV file as a stream and yields its rows, in batches, with their physical line
 * numbers and values in the contract's column order. The header may list the columns in any
 * order; missing, unknown or repeated columns reject the file. Blank lines are skipped.
 */
export async function* csvRecords(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  columns: readonly string[],
  options: CsvOptions = {},
): AsyncGenerator<ImportRecord[]> {
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  // A failure of the pump surfaces through the parser (pipeline destroys it with the error).
  const pump = pipeline(Readable.from(decodeUtf8(input, options)), parser).catch(() => {});
  let line = 1;
  let order: number[] | null = null;
  let identity = false;
  let width = 0;
  let rows = 0;
  try {
    try {
      for await (const batch of recordBatches(parser)) {
        const out: ImportRecord[] = [];
        for (const record of batch) {
          const start = line;
          line += physicalLines(record);
          if (record.length === 1 && record[0] === '') continue; // a blank line
          if (order === null) {
            order = headerOrder(record, columns);
            identity = order.every((v, i) => v === i) && order.length === record.length;
            width = record.length;
            continue;
          }
          rows++;
          const fields =
            identity && record.length === width ? record : order.map((i) => record[i] ?? '');
          out.push(
            record.length === width
              ? { line: start, fields }
              : {
                  line: start,
                  fields,
                  problem: `has ${fmt(record.length)} value${record.length === 1 ? '' : 's'}; the header has ${fmt(width)} columns`,
                },
          );
        }
        if (out.length) yield out;
      }
    } catch (error) {
      throw csvProblem(error, line);
    }
    if (order === null) {
      throw new ImportFileError([
        {
          line: 1,
          column: null,
          reason: `The file is empty: it needs a header row (${columns.join(',')}) and at least one row.`,
        },
      ]);
    }
    if (rows === 0) {
      throw new ImportFileError([
        { line: 2, column: null, reason: 'The file has a header row but no rows to import.' },
      ]);
    }
  } finally {
    parser.destroy();
    await pump;
  }
}

/** For each contract column, its position in the file's header; throws on a bad header. */
function headerOrder(header: string[], columns: readonly string[]): number[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      errors.push({
        line: 1,
        column: name,
        reason: `The column ${name} appears twice in the header.`,
      });
    }
    seen.add(name);
    if (!columns.includes(name)) {
      errors.push({
        line: 1,
        column: name || null,
        reason: name
          ? `Unexpected column ${JSON.stringify(name)} in the header: the columns are ${columns.join(',')}.`
          : `The header has an empty column name: the columns are ${columns.join(',')}.`,
      });
    }
  }
  for (const c of columns) {
    if (!seen.has(c)) {
      errors.push({ line: 1, column: c, reason: `The header is missing the column ${c}.` });
    }
  }
  if (errors.length) throw new ImportFileError(errors);
  return columns.map((c) => names.indexOf(c));
}
