import type { Standard, StandardDetailResponse } from '@ipo/contracts';
import { QueryState, Skeleton } from '../../../components/query-state';
import { SummaryList, Table } from '../../../components/table';
import { formatCount, formatIsoDate } from '../../../lib/format';
import { Link, useParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { measureInWords, thresholdInWords } from '../../../lib/wording';
import { useStandard } from '../../standard-detail/api/get-standard';
import { useStandards } from '../../standards/api/get-standards';
import { AdminBreadcrumbs } from './admin-shared';
import { TargetVersionForm } from './standards-target-form';
import { ThresholdForm } from './standards-threshold-form';
import {
  DIVISION_LABELS,
  targetValueInWords,
  toleranceInWords,
  unitOfMeasure,
} from './standards-units';

/**
 * /admin/standards/:code: a standard's rules and target history, a new target version (previewed
 * before it is confirmed) and its threshold, division and minimum sample.
 */
export function StandardsAdminPage() {
  const { code = '' } = useParams();
  const standards = useStandards();
  const detail = useStandard(code);
  const standard = standards.data?.standards.find((s) => s.code === code);
  useDocumentTitle(standard ? `${standard.title}: standards and targets` : 'Standards and targets');

  return (
    <>
      <AdminBreadcrumbs trail={[{ to: '/admin/standards', label: 'Standards and targets' }]} />
      <QueryState
        query={standards}
        what="The standards"
        loadingText="Loading the standard…"
        skeleton={<Skeleton height="40rem" />}
      >
        {() =>
          standard ? (
            <QueryState
              query={detail}
              what="The target history"
              loadingText="Loading the target history…"
              skeleton={<Skeleton height="40rem" />}
            >
              {(history) => (
                // A new standard starts its forms afresh.
                <StandardAdmin key={standard.code} standard={standard} detail={history} />
              )}
            </QueryState>
          ) : (
            <>
              <h1 className="govuk-heading-xl">Standard not found</h1>
              <p className="govuk-body">
                There is no standard with the code {code}.{' '}
                <Link className="govuk-link" to="/admin/standards">
                  Choose one of the standards
                </Link>
                .
              </p>
            </>
          )
        }
      </QueryState>
    </>
  );
}

function StandardAdmin({
  standard,
  detail,
}: {
  standard: Standard;
  detail: StandardDetailResponse;
}) {
  const unit = unitOfMeasure(standard.measure);
  const rows: ([string, string] | null)[] = [
    ['Measure', measureInWords(standard.measure, standard.percentile)],
    ['Threshold', thresholdInWords(standard.threshold) ?? 'Not applicable'],
    standard.kind === 'timeliness' ? ['Working days of', DIVISION_LABELS[standard.division]] : null,
    ['Minimum sample', formatCount(standard.minimumSample)],
    [
      'Target in force',
      standard.target
        ? `${targetValueInWords(standard.target.value, unit)} (tolerance ${toleranceInWords(
            standard.target.tolerance,
            unit,
          )}), since ${formatIsoDate(standard.target.effectiveFrom)}`
        : 'No target in force',
    ],
  ];
  return (
    <>
      <span className="govuk-caption-l">Standards and targets</span>
      <h1 className="govuk-heading-xl">{standard.title}</h1>
      <SummaryList rows={rows} />

      <TargetHistory detail={detail} unit={unit} />
      <TargetVersionForm standard={standard} detail={detail} />
      <ThresholdForm standard={standard} />
    </>
  );
}

function TargetHistory({
  detail,
  unit,
}: {
  detail: StandardDetailResponse;
  unit: ReturnType<typeof unitOfMeasure>;
}) {
  // Newest first: the version in force heads the table.
  const versions = [...detail.targets].reverse();
  return (
    <section aria-labelledby="target-history-heading">
      <h2 className="govuk-heading-l" id="target-history-heading">
        Target history
      </h2>
      {versions.length === 0 ? (
        <p className="govuk-body">This standard has never had a target.</p>
      ) : (
        <Table
          labelledBy="target-history-heading"
          columns={['In force', 'Target', 'Tolerance', 'Changed by', 'Reason']}
        >
          {versions.map((v) => (
            <tr className="govuk-table__row" key={v.effectiveFrom}>
              <th scope="row" className="govuk-table__header">
                {v.effectiveTo
                  ? `${formatIsoDate(v.effectiveFrom)} to ${formatIsoDate(v.effectiveTo)}`
                  : `From ${formatIsoDate(v.effectiveFrom)}`}
              </th>
              <td className="govuk-table__cell">{targetValueInWords(v.value, unit)}</td>
              <td className="govuk-table__cell">{toleranceInWords(v.tolerance, unit)}</td>
              <td className="govuk-table__cell">{v.changedBy}</td>
              <td className="govuk-table__cell">{v.reason}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}
