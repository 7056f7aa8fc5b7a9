/**
 * A streaming CSV reader for the import contract (RFC 4180): comma-separated, fields optionally
 * in double quotes, a quote inside a quoted field doubled, quoted fields holding commas and
 * line breaks, records ended by LF, CRLF or a lone CR.
 *
 * It exists for speed: imports read millions of rows, and a row without quotes (nearly all of
 * them) is split with one `indexOf` and one `split`, several times faster than a general
 * character-by-character parser. Every record comes with the physical line it starts on.
 * The tests check it against csv-parse on generated files (csv-tokenizer.test.ts).
 */

export type CsvSyntaxCode =
  /** A quoted field that never closes before the end of the file. */
  | 'QUOTE_NOT_CLOSED'
  /** Text after the closing quote of a quoted field (an undoubled quote inside it). */
  | 'TEXT_AFTER_CLOSING_QUOTE'
  /** A quote inside a field that does not start with one. */
  | 'QUOTE_IN_UNQUOTED_FIELD'
  /** A record longer than the limit (usually a quote that is never closed). */
  | 'RECORD_TOO_LONG';

export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError';
  constructor(
    readonly code: CsvSyntaxCode,
    /** The physical line where the record with the problem starts. */
    readonly line: number,
  ) {
    super(`${code} in the record starting on line ${line}`);
  }
}

export interface CsvRecord {
  /** Physical line where the record starts (the first line of the file is 1). */
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** Line breaks in text[from, to): LF, CRLF and a lone CR each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/**
 * Feed it text with `push` and finish with `end`; both return the records completed so far.
 * Only the unfinished last record is held between calls.
 */
export class CsvTokenizer {
  private rest = '';
  private line = 1;

  constructor(private readonly maxRecordChars = Number.POSITIVE_INFINITY) {}

  push(text: string): CsvRecord[] {
    return this.read(this.rest ? this.rest + text : text, false);
  }

  end(): CsvRecord[] {
    const text = this.rest;
    this.rest = '';
    return text ? this.read(text, true) : [];
  }

  private read(text: string, final: boolean): CsvRecord[] {
    const records: CsvRecord[] = [];
    const length = text.length;
    let start = 0;
    // Where the next LF, quote and CR are (-1: none left), found once per chunk, not per row.
    let nextLf = -2;
    let nextQuote = -2;
    let nextCr = -2;
    while (start < length) {
      const line = this.line;
      if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf('\n', start);
      if (nextQuote !== -1 && nextQuote < start) nextQuote = text.indexOf('"', start);
      if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf('\r', start);
      // Fast path: a complete record on one physical line without quotes or lone CRs.
      if (nextLf !== -1 && (nextQuote === -1 || nextQuote > nextLf)) {
        const lf = nextLf;
        const end = lf > start && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
        if (nextCr === -1 || nextCr >= end) {
          if (end - start > this.maxRecordChars) throw new CsvSyntaxError('RECORD_TOO_LONG', line);
          records.push({ line, fields: text.slice(start, end).split(',') });
          this.line = line + 1;
          start = lf + 1;
          continue;
        }
      }
      const next = this.slowRecord(text, start, final, records);
      if (next === -1) {
        // An unfinished record: keep it for the next chunk.
        if (length - start > this.maxRecordChars) {
          throw new CsvSyntaxError('RECORD_TOO_LONG', line);
        }
        this.rest = text.slice(start);
        return records;
      }
      start = next;
    }
    this.rest = '';
    return records;
  }

  /**
   * Reads one record at `start` character by character. Returns where the next record starts,
   * or -1 when the text ends before the record does (and more text may follow).
   */
  private slowRecord(text: string, start: number, final: boolean, out: CsvRecord[]): number {
    const length = text.length;
    const line = this.line;
    let breaks = 0;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let from = i + 1;
        value = '';
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            if (final) throw new CsvSyntaxError('QUOTE_NOT_CLOSED', line);
            return -1;
          }
          if (q + 1 === length && !final) return -1; // a doubled quote may follow
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          breaks += lineBreaks(text, i + 1, q);
          i = q + 1;
          break;
        }
        if (i < length) {
          const c = text.charCodeAt(i);
          if (c !== COMMA && c !== LF && c !== CR) {
            throw new CsvSyntaxError('TEXT_AFTER_CLOSING_QUOTE', line);
          }
        }
      } else {
        let j = i;
        for (; j < length; j++) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) throw new CsvSyntaxError('QUOTE_IN_UNQUOTED_FIELD', line);
        }
        if (j === length && !final) return -1;
        value = text.slice(i, j);
        i = j;
      }
      fields.push(value);
      if (i - start > this.maxRecordChars) throw new CsvSyntaxError('RECORD_TOO_LONG', line);
      if (i >= length) {
        // The last record of the file, without a line break after it.
        out.push({ line, fields });
        this.line = line + breaks + 1;
        return length;
      }
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 === length && !final) return -1; // an LF may follow
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++; // LF
      }
      out.push({ line, fields });
      this.line = line + breaks + 1;
      return i;
    }
  }
}
