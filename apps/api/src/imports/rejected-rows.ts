import {
  type ImportError,
  type ImportMode,
  MAX_COMMENT_LENGTH,
  MAX_REPORTED_ERRORS,
  toCsv,
} from '@ipo/contracts';
import { redactPersonalData } from '../feedback/redact.js';
import type { FieldError, KindDefinition } from './kinds.js';

/** Rejected rows kept for the rejected-rows CSV (valid-only mode); the rest are only counted. */
export const MAX_REJECTED_ROWS_IN_CSV = 100_000;

const fmt = (n: number) => n.toLocaleString('en-GB');

/** Said in the rejected-rows CSV of a row whose value was left out. */
export const LEFT_OUT = 'the value is left out of this file';

/**
 * A rejected row as the rejected-rows CSV (valid-only mode) keeps it. A value longer than
 * MAX_COMMENT_LENGTH characters once trimmed (the most any column accepts: a comment) is left
 * out, as an empty cell, and the row's error says so: it is not something to fix and send again,
 * and kept it would only swell the CSV, the memory holding the rejected rows until the import
 * ends and, for a comment, the text to redact.
 */
export function leaveOutOverLongValues(
  columns: readonly string[],
  fields: readonly string[],
  errors: readonly FieldError[],
): { fields: readonly string[]; errors: FieldError[] } {
  let kept: string[] | null = null;
  let said = [...errors];
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i] as string;
    if (value.length <= MAX_COMMENT_LENGTH || value.trim().length <= MAX_COMMENT_LENGTH) continue;
    kept ??= [...fields];
    kept[i] = '';
    const column = columns[i] ?? null;
    const at = said.findIndex((e) => e.column === column);
    said =
      at === -1
        ? [...said, { column, reason: `is ${fmt(value.length)} characters long: ${LEFT_OUT}` }]
        : said.map((e, j) => (j === at ? { ...e, reason: `${e.reason} (${LEFT_OUT})` } : e));
  }
  return { fields: kept ?? fields, errors: said };
}

interface Rejected {
  line: number;
  fields: readonly string[];
  errors: FieldError[];
}

/**
 * An import's rejected rows: how many, their first MAX_REPORTED_ERRORS errors for the report and,
 * in valid-only mode, the first MAX_REJECTED_ROWS_IN_CSV rows themselves for the rejected-rows CSV.
 */
export class Rejections {
  /** The errors reported, at most MAX_REPORTED_ERRORS (in line order once the repeats are in). */
  readonly errors: ImportError[] = [];
  /** Every error, reported or not. */
  errorCount = 0;
  /** Rows rejected: a row with several errors counts once. */
  rows = 0;
  private readonly kept: Rejected[] = [];
  private readonly keepRows: boolean;

  constructor(
    private readonly def: Pick<KindDefinition, 'columns' | 'redactColumn'>,
    mode: ImportMode,
  ) {
    this.keepRows = mode === 'valid-only';
  }

  /** A row rejected while reading, with its problems. */
  add(line: number, fields: readonly string[], problems: FieldError[]) {
    this.rows++;
    this.errorCount += problems.length;
    for (const p of problems) {
      if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, ...p });
    }
    if (this.keepRows && this.kept.length < MAX_REJECTED_ROWS_IN_CSV) {
      // An over-long value (a 1 MB 'comment') is left out: kept neither here nor in the CSV.
      this.kept.push({ line, ...leaveOutOverLongValues(this.def.columns, fields, problems) });
    }
  }

  /**
   * Rows whose source_ref the file repeats, found after reading (the first of them, in line
   * order, and how many in all): their errors join the others in line order.
   */
  addRepeats(
    repeats: { line: number; problem: FieldError; fields: () => readonly string[] }[],
    count: number,
  ) {
    for (const r of repeats) {
      this.errors.push({ line: r.line, ...r.problem });
      if (this.keepRows && this.kept.length < MAX_REJECTED_ROWS_IN_CSV) {
        this.kept.push({ line: r.line, fields: r.fields(), errors: [r.problem] });
      }
    }
    this.errors.sort((a, b) => a.line - b.line);
    this.errors.splice(MAX_REPORTED_ERRORS);
    this.errorCount += count;
    this.rows += count;
  }

  /** The rejected-rows CSV (valid-only mode): formula-safe (toCsv), comments redacted. */
  csv(): string | null {
    if (!this.keepRows || this.kept.length === 0) return null;
    const { columns, redactColumn } = this.def;
    this.kept.sort((a, b) => a.line - b.line);
    return toCsv(
      [
        ...columns.map((header, i) => ({
          header,
          value: (r: Rejected) => {
            const v = r.fields[i] ?? '';
            return i === redactColumn ? redactPersonalData(v) : v;
          },
        })),
        { header: 'line', value: (r: Rejected) => r.line },
        {
          header: 'error',
          value: (r: Rejected) =>
            r.errors.map((e) => (e.column ? `${e.column}: ${e.reason}` : e.reason)).join('; '),
        },
      ],
      this.kept,
    );
  }

  /** More rows were rejected than the CSV keeps. */
  get truncated(): boolean {
    return this.rows > this.kept.length;
  }
}
