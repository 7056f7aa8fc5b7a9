import type { Standard } from '@ipo/contracts';
import { measureInWords, targetInWords, thresholdInWords } from '../../../lib/wording';

const columns = ['Standard', 'Service', 'Threshold', 'Measure', 'Target in force'] as const;

/**
 * One group of standards as a data table named by its heading. Below the tablet breakpoint each
 * row reflows into a stacked card (app.css); the explicit ARIA roles keep table semantics in
 * browsers that drop them when a table's display changes. (ARIA allows no heading inside a
 * caption of an explicit `table`, so the h2 sits above the table and names it.)
 */
export function StandardsTable({
  id,
  heading,
  standards,
}: {
  id: string;
  heading: string;
  standards: Standard[];
}) {
  const headingId = `${id}-heading`;
  return (
    <section className="app-standards-group">
      <h2 className="govuk-heading-m" id={headingId}>
        {heading}
      </h2>
      {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see above */}
      <table className="govuk-table app-table--stacked" role="table" aria-labelledby={headingId}>
        {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see above */}
        <thead className="govuk-table__head" role="rowgroup">
          {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see above */}
          <tr className="govuk-table__row" role="row">
            {columns.map((column) => (
              // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see above
              <th key={column} scope="col" className="govuk-table__header" role="columnheader">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see above */}
        <tbody className="govuk-table__body" role="rowgroup">
          {standards.map((standard) => (
            <StandardRow key={standard.code} standard={standard} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StandardRow({ standard }: { standard: Standard }) {
  const cells: [label: (typeof columns)[number], value: string][] = [
    ['Service', standard.service?.name ?? 'All services'],
    ['Threshold', thresholdInWords(standard.threshold) ?? 'Not applicable'],
    ['Measure', measureInWords(standard.measure, standard.percentile)],
    ['Target in force', targetInWords(standard) ?? 'No target in force'],
  ];
  return (
    // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see StandardsTable
    <tr className="govuk-table__row" role="row">
      {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see StandardsTable */}
      <th scope="row" className="govuk-table__header" role="rowheader">
        {standard.title}
      </th>
      {cells.map(([label, value]) => (
        // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see StandardsTable
        <td key={label} className="govuk-table__cell" data-label={label} role="cell">
          {value}
        </td>
      ))}
    </tr>
  );
}
