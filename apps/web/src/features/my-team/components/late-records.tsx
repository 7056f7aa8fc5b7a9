import type { ItemRecord, ScorecardEntry, ScorecardResponse } from '@ipo/contracts';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { formatCount, formatIsoDate } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { LATE_RECORDS_SHOWN, useLateRecords } from '../api/my-team-api';

/** History state for the standard's page: move focus to its records (as its own drills do). */
const recordsFocus = { focus: 'items' } as const;

function takenText(record: ItemRecord, entry: ScorecardEntry): string {
  if (record.kind !== 'work_item') return '';
  if (entry.threshold?.unit === 'seconds') {
    return record.elapsedSeconds === null ? '' : `${formatCount(record.elapsedSeconds)} seconds`;
  }
  const days = record.elapsedWorkingDays;
  return days === null ? '' : `${days} working ${days === 1 ? 'day' : 'days'}`;
}

/**
 * Work already late: for each timeliness standard the team has work for, how many of the
 * period's records missed the standard, the first few, and a link to all of them on the
 * standard's page.
 */
export function LateRecords({
  scorecard,
  teamId,
}: {
  scorecard: ScorecardResponse;
  teamId: number;
}) {
  const entries = scorecard.standards.filter(
    (entry) => entry.kind === 'timeliness' && !entry.noWorkForTeam,
  );
  const period = scorecard.period;
  const late = useLateRecords(
    entries.map((entry) => entry.code),
    teamId,
    period.id,
  );
  return (
    <section className="app-section" aria-labelledby="my-team-late">
      <h2 className="govuk-heading-m" id="my-team-late">
        Records already late, {period.label}
      </h2>
      {entries.length === 0 ? (
        <EmptyState>The team has no work with a time limit in this period.</EmptyState>
      ) : null}
      {entries.map((entry, i) => {
        const query = late[i];
        const headingId = `my-team-late-${entry.code}`;
        const to = `/standards/${entry.code}?period=${period.id}&team=${teamId}`;
        return (
          <section key={entry.code} aria-labelledby={headingId} className="app-late-records">
            <h3 className="govuk-heading-s" id={headingId}>
              {entry.title}
            </h3>
            {!query ? (
              <Skeleton height={120} />
            ) : (
              <QueryState
                query={query}
                what={`The late records of ${entry.title}`}
                loadingText={`Loading the late records of ${entry.title}`}
                skeleton={<Skeleton height={120} />}
                headingLevel={4}
              >
                {(data) =>
                  data.total === 0 ? (
                    <p className="govuk-body">No late records in {period.label}.</p>
                  ) : (
                    <>
                      <p className="govuk-body">
                        {formatCount(data.total)} late {data.total === 1 ? 'record' : 'records'}
                        {data.total > LATE_RECORDS_SHOWN
                          ? `; the first ${Math.min(LATE_RECORDS_SHOWN, data.items.length)}:`
                          : ':'}
                      </p>
                      <Table
                        className="app-late-records__table"
                        caption={`Late records of ${entry.title}, ${period.label}`}
                        captionHidden
                        columns={['Reference', 'Received', 'Completed', 'Took']}
                      >
                        {data.items.map((record) => (
                          <tr className="govuk-table__row" key={record.id}>
                            <th scope="row" className="govuk-table__header">
                              {'sourceRef' in record ? record.sourceRef : record.id}
                            </th>
                            <td className="govuk-table__cell">
                              {record.kind === 'work_item'
                                ? formatIsoDate(record.receivedDate)
                                : ''}
                            </td>
                            <td className="govuk-table__cell">
                              {record.kind === 'work_item' && record.completedDate
                                ? formatIsoDate(record.completedDate)
                                : 'Not yet'}
                            </td>
                            <td className="govuk-table__cell">{takenText(record, entry)}</td>
                          </tr>
                        ))}
                      </Table>
                      <p className="govuk-body">
                        <Link className="govuk-link" to={to} state={recordsFocus}>
                          See all {formatCount(data.total)} late{' '}
                          {data.total === 1 ? 'record' : 'records'} of {entry.title}
                        </Link>
                      </p>
                    </>
                  )
                }
              </QueryState>
            )}
          </section>
        );
      })}
    </section>
  );
}
