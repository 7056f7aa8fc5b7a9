import { IMPORT_KIND_LABELS, type ImportBatch } from '@ipo/contracts';
import { NoAccess } from '../../../components/no-access';
import { isForbidden } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { useImportHistory } from '../api/get-import-history';

const when = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const fmt = (n: number) => n.toLocaleString('en-GB');

const STATUS: Record<ImportBatch['status'], { label: string; tag: string }> = {
  running: { label: 'Running', tag: 'govuk-tag--blue' },
  applied: { label: 'Imported', tag: 'govuk-tag--green' },
  rejected: { label: 'Rejected', tag: 'govuk-tag--red' },
  failed: { label: 'Failed', tag: 'govuk-tag--orange' },
};

export function ImportHistory() {
  const { data, error, isPending, isError } = useImportHistory();
  return (
    <section aria-labelledby="import-history-heading">
      <h2 className="govuk-heading-l" id="import-history-heading">
        Import history
      </h2>
      {isPending ? (
        <p className="govuk-body" role="status">
          Loading the history…
        </p>
      ) : isError && isForbidden(error) ? (
        <NoAccess message={isApiError(error) ? error.message : ''} />
      ) : isError ? (
        <p className="govuk-body" role="alert">
          The history could not be loaded: {isApiError(error) ? error.message : 'unknown error'}
        </p>
      ) : data.batches.length === 0 ? (
        <p className="govuk-body">Nothing has been imported yet.</p>
      ) : (
        <table className="govuk-table app-import-history">
          <caption className="govuk-table__caption govuk-visually-hidden">
            Imports, newest first ({fmt(data.total)} in all)
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Started
              </th>
              <th scope="col" className="govuk-table__header">
                File or system
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Added
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Updated
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Rejected
              </th>
              <th scope="col" className="govuk-table__header">
                Outcome
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.batches.map((b) => (
              <tr className="govuk-table__row" key={b.id}>
                <td className="govuk-table__cell">{when.format(new Date(b.startedAt))}</td>
                <th scope="row" className="govuk-table__header">
                  {b.file}
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                    {IMPORT_KIND_LABELS[b.kind]} from {b.dataSource}, by {b.createdBy}
                  </span>
                </th>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${STATUS[b.status].tag}`}>
                    {STATUS[b.status].label}
                  </strong>
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {fmt(b.rowsInserted)}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {fmt(b.rowsUpdated)}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {fmt(b.rowsRejected)}
                </td>
                <td className="govuk-table__cell">{b.message ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
