import type { Standard } from '@ipo/contracts';
import { QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { formatCount, formatIsoDate } from '../../../lib/format';
import { groupByKind } from '../../../lib/group-by-kind';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { thresholdInWords } from '../../../lib/wording';
import { useStandards } from '../../standards/api/get-standards';
import { AdminBreadcrumbs } from './admin-shared';
import { targetValueInWords, toleranceInWords, unitOfMeasure } from './standards-units';

/** /admin/standards: every standard with its threshold and the target in force, to change. */
export function StandardsAdminList() {
  useDocumentTitle('Standards and targets');
  const standards = useStandards();
  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      <h1 className="govuk-heading-xl">Standards and targets</h1>
      <p className="govuk-body-l">
        Choose a standard to see its target history, add a target version or change its threshold,
        division or minimum sample.
      </p>
      <QueryState
        query={standards}
        what="The standards"
        loadingText="Loading the standards…"
        skeleton={<Skeleton height="30rem" />}
      >
        {(data) =>
          groupByKind(data.standards).map((group) => (
            <StandardsGroup
              key={group.kind}
              id={`admin-standards-${group.kind}`}
              heading={group.heading}
              standards={group.standards}
            />
          ))
        }
      </QueryState>
    </>
  );
}

function StandardsGroup({
  id,
  heading,
  standards,
}: {
  id: string;
  heading: string;
  standards: Standard[];
}) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {heading}
      </h2>
      <Table
        labelledBy={`${id}-heading`}
        columns={[
          'Standard',
          'Threshold',
          'Target in force',
          { label: 'Minimum sample', numeric: true },
        ]}
      >
        {standards.map((standard) => {
          const unit = unitOfMeasure(standard.measure);
          return (
            <tr className="govuk-table__row" key={standard.code}>
              <th scope="row" className="govuk-table__header">
                <Link
                  className="govuk-link"
                  to={`/admin/standards/${encodeURIComponent(standard.code)}`}
                >
                  {standard.title}
                </Link>
              </th>
              <td className="govuk-table__cell">
                {thresholdInWords(standard.threshold) ?? 'Not applicable'}
              </td>
              <td className="govuk-table__cell">
                {standard.target ? (
                  <>
                    {targetValueInWords(standard.target.value, unit)}{' '}
                    <span className="govuk-body-s">
                      (tolerance {toleranceInWords(standard.target.tolerance, unit)}, since{' '}
                      {formatIsoDate(standard.target.effectiveFrom)})
                    </span>
                  </>
                ) : (
                  'No target in force'
                )}
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                {formatCount(standard.minimumSample)}
              </td>
            </tr>
          );
        })}
      </Table>
    </section>
  );
}
