/**
 * CSV for exports (chart data, rejected import rows). RFC 4180 quoting, and neutralising of
 * spreadsheet formulas: a cell that starts with =, +, -, @ (or their full-width forms ＝ ＋ － ＠,
 * which some spreadsheets read as the same), a tab, a carriage return or a line feed is prefixed
 * with a single quote, so text such as `=HYPERLINK(...)` that a customer typed into a comment
 * opens as text, not as a formula. Numbers are written as numbers.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',');
}

/** A whole document: header row, then one line per row, CRLF line ends (RFC 4180). */
export function toCsv<T>(
  columns: readonly { header: string; value: (row: T) => CsvValue }[],
  rows: readonly T[],
): string {
  const lines = [csvLine(columns.map((c) => c.header))];
  for (const row of rows) lines.push(csvLine(columns.map((c) => c.value(row))));
  return `${lines.join('\r\n')}\r\n`;
}
