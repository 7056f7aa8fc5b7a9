import type { ReactNode } from 'react';

/** A column of a Table: its heading, and whether it holds numbers (right-aligned). */
export interface ColumnHeading {
  label: string;
  numeric?: boolean | undefined;
  /** Heard but not seen: the column of a row's buttons ('Actions'). */
  hidden?: boolean | undefined;
}

/**
 * A GOV.UK table: its caption (seen, or for screen readers only), a heading per column and the
 * rows (the children). With `scrollLabel`, a wide table scrolls inside a region of that name,
 * which takes focus so that the keyboard can scroll it (WCAG 2.1.1), not the page.
 */
export function Table({
  caption,
  captionHidden = false,
  columns,
  scrollLabel,
  className,
  labelledBy,
  describedBy,
  children,
}: {
  caption?: ReactNode;
  captionHidden?: boolean;
  columns: readonly (string | ColumnHeading)[];
  scrollLabel?: string | undefined;
  className?: string | undefined;
  /** The id of the heading that names the table, when it has no caption. */
  labelledBy?: string | undefined;
  describedBy?: string | undefined;
  children: ReactNode;
}) {
  const table = (
    <table
      className={className ? `govuk-table ${className}` : 'govuk-table'}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
    >
      {caption === undefined ? null : (
        <caption
          className={`govuk-table__caption ${captionHidden ? 'govuk-visually-hidden' : 'govuk-table__caption--s'}`}
        >
          {caption}
        </caption>
      )}
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          {columns.map((column) => {
            const { label, numeric, hidden }: ColumnHeading =
              typeof column === 'string' ? { label: column } : column;
            return (
              <th
                key={label}
                scope="col"
                className={`govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`}
              >
                {hidden ? <span className="govuk-visually-hidden">{label}</span> : label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
  if (scrollLabel === undefined) return table;
  return (
    // A named group, not a landmark: the table usually sits in a section named by the same
    // words, and two landmarks of one name cannot be told apart (axe landmark-unique).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls, not a table
    <div className="app-table-scroll" role="group" aria-label={scrollLabel} tabIndex={0}>
      {table}
    </div>
  );
}

/** A GOV.UK summary list: each row a key and its value; rows that are null are left out. */
export function SummaryList({ rows }: { rows: readonly (readonly [string, ReactNode] | null)[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) =>
        row ? (
          <div className="govuk-summary-list__row" key={row[0]}>
            <dt className="govuk-summary-list__key">{row[0]}</dt>
            <dd className="govuk-summary-list__value">{row[1]}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
