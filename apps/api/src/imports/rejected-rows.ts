import { MAX_COMMENT_LENGTH } from '@ipo/contracts';
import type { FieldError } from './kinds.js';

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
