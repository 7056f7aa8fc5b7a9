import { type CsvValue, toCsv } from '@ipo/contracts';
import { Link } from '../../lib/router';
import { Table } from '../table';

export interface TableColumn<T> {
  header: string;
  /** The cell, exactly as the CSV download writes it. */
  value: (row: T) => CsvValue;
  numeric?: boolean;
  /** Long text (comments) that should wrap. */
  wrap?: boolean;
}

export interface RowLink {
  to: string;
  /** The link's accessible name; it must contain the visible cell text. */
  label: string;
  /** History state for the destination (for example, where to move focus). */
  state?: unknown;
}

/** The cell text shown on screen: the same characters the CSV holds (formula guard aside). */
export function cellText(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The CSV of a table: the same columns and rows, through the contracts' formula-safe writer. */
export function tableCsv<T>(columns: readonly TableColumn<T>[], rows: readonly T[]): string {
  return toCsv(columns, rows);
}

/**
 * A GOV.UK table of chart data. The first column is the row header; with `rowLink` it links to
 * the records behind the row. Wide tables scroll inside a focusable region, not the page.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowLink,
  className = '',
}: {
  className?: string;
  caption: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowLink?: ((row: T) => RowLink | null) | undefined;
}) {
  const [first, ...rest] = columns;
  return (
    <Table
      caption={caption}
      scrollLabel={caption}
      className={className ? `app-data-table ${className}` : 'app-data-table'}
      columns={columns.map((column) => ({ label: column.header, numeric: column.numeric }))}
    >
      {rows.map((row) => {
        const link = rowLink?.(row) ?? null;
        const text = first ? cellText(first.value(row)) : '';
        return (
          <tr key={rowKey(row)} className="govuk-table__row">
            {first ? (
              <th scope="row" className="govuk-table__header">
                {link ? (
                  <Link
                    className="govuk-link"
                    to={link.to}
                    state={link.state}
                    aria-label={link.label}
                  >
                    {text}
                  </Link>
                ) : (
                  text
                )}
              </th>
            ) : null}
            {rest.map((column) => (
              <td
                key={column.header}
                className={`govuk-table__cell${column.numeric ? ' govuk-table__cell--numeric' : ''}${column.wrap ? ' app-cell--wrap' : ''}`}
              >
                {cellText(column.value(row))}
              </td>
            ))}
          </tr>
        );
      })}
    </Table>
  );
}
