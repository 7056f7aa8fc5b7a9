import { type ReactNode, useId, useState } from 'react';
import { downloadText } from '../../lib/download';
import { DataTable, type RowLink, type TableColumn, tableCsv } from './data-table';

/**
 * A chart anyone can use: an accessible name (the title), a text summary, a 'Show as table'
 * toggle with the same numbers, and a CSV download of exactly the table. The chart itself is
 * `children`; it is hidden from assistive technology, which gets the summary and the table.
 * Nothing here imports the chart library, so pages without charts can use it too.
 */
export function ChartFigure<T>({
  title,
  headingLevel = 3,
  summary,
  columns,
  rows,
  rowKey,
  rowLink,
  csvFileName,
  chartHeight,
  legend,
  children,
}: {
  title: string;
  headingLevel?: 2 | 3 | 4;
  summary: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowLink?: (row: T) => RowLink | null;
  csvFileName: string;
  /** Fixed so that switching data does not move the page. */
  chartHeight: number;
  legend?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const Heading = `h${headingLevel}` as const;
  const titleId = `${id}-title`;
  const summaryId = `${id}-summary`;

  return (
    <figure className="app-chart" aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption>
        <Heading className="govuk-heading-s govuk-!-margin-bottom-2" id={titleId}>
          {title}
        </Heading>
        <p className="govuk-body-s app-chart__summary" id={summaryId}>
          {summary}
        </p>
      </figcaption>
      {asTable ? (
        <DataTable
          caption={title}
          columns={columns}
          rows={rows}
          rowKey={rowKey}
          rowLink={rowLink}
        />
      ) : (
        <>
          {legend}
          <div className="app-chart__canvas" style={{ height: chartHeight }} aria-hidden="true">
            {children}
          </div>
        </>
      )}
      <div className="govuk-button-group app-chart__actions">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          aria-pressed={asTable}
          onClick={() => setAsTable((value) => !value)}
        >
          Show as table<span className="govuk-visually-hidden"> of {title}</span>
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => downloadText(csvFileName, tableCsv(columns, rows))}
        >
          Download CSV<span className="govuk-visually-hidden"> of {title}</span>
        </button>
      </div>
    </figure>
  );
}
