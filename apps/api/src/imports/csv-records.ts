import type { ImportError } from '@ipo/contracts';
import { type CsvRecord, CsvSyntaxError, CsvTokenizer } from './csv-tokenizer.js';

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

/** The largest row the CSV reader will buffer: well above MAX_COMMENT_LENGTH, so an over-long comment
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

function csvProblem(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  if (!(error instanceof CsvSyntaxError)) throw error;
  const { code, line } = error;
  const reason =
    code === 'QUOTE_NOT_CLOSED'
      ? `A quoted value that starts on line ${line} is never closed: check for a missing closing quote (").`
      : code === 'TEXT_AFTER_CLOSING_QUOTE'
        ? `The row starting on line ${line} has text after a closing quote: a quote inside a quoted value must be doubled ("").`
        : code === 'QUOTE_IN_UNQUOTED_FIELD'
          ? `The row starting on line ${line} has a quote (") inside a value that is not quoted: put the whole value in quotes and double the quote ("").`
          : `The row starting on line ${line} is longer than ${fmt(MAX_RECORD_CHARS)} characters (is a closing quote missing?).`;
  return new ImportFileError([{ line, column: null, reason }]);
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
  const tokenizer = new CsvTokenizer(MAX_RECORD_CHARS);
  let order: number[] | null = null;
  let identity = false;
  let width = 0;
  let rows = 0;
  const toImportRecords = (records: CsvRecord[]): ImportRecord[] => {
    const out: ImportRecord[] = [];
    for (const { line, fields: record } of records) {
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
          ? { line, fields }
          : {
              line,
              fields,
              problem: `has ${fmt(record.length)} value${record.length === 1 ? '' : 's'}; the header has ${fmt(width)} columns`,
            },
      );
    }
    return out;
  };
  try {
    for await (const text of decodeUtf8(input, options)) {
      const out = toImportRecords(tokenizer.push(text));
      if (out.length) yield out;
    }
    const out = toImportRecords(tokenizer.end());
    if (out.length) yield out;
  } catch (error) {
    throw csvProblem(error);
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
