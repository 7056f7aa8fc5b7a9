import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
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
  const canvas = useRef<HTMLDivElement>(null);
  const near = useNearViewport(canvas);
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
          <div
            ref={canvas}
            className="app-chart__canvas"
            style={{ height: chartHeight }}
            aria-hidden="true"
          >
            {near ? children : null}
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

/**
 * Whether the element has come within a screen of the viewport (once true, it stays true). Charts
 * are drawn only then: a page of many charts draws the ones in view first instead of blocking
 * the browser for all of them. Where there is no IntersectionObserver, at once.
 */
export function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: '100% 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}
