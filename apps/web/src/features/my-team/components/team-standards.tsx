import type { ScorecardResponse } from '@ipo/contracts';
import { EmptyState } from '../../../components/query-state';
import { LowVolumeTag, StatusTag } from '../../../components/status/status-tag';
import { Table } from '../../../components/table';
import { formatCount, formatTarget, formatValue } from '../../../lib/format';
import { Link } from '../../../lib/router';
import { listInWords } from '../../../lib/wording';
import { StaleDataWarning } from '../../freshness/components/stale-data-warning';

/**
 * The scorecard filtered to the team, compact: each standard the team has work for against its
 * target, with its status in a shape and a word; the others named in a sentence.
 */
export function TeamStandards({ scorecard }: { scorecard: ScorecardResponse }) {
  const team = scorecard.team;
  const teamId = team?.id;
  const theirs = scorecard.standards.filter((entry) => !entry.noWorkForTeam);
  const others = scorecard.standards.filter((entry) => entry.noWorkForTeam);
  const met = theirs.filter((entry) => entry.status === 'met').length;
  return (
    <section className="app-section" aria-labelledby="my-team-standards">
      <h2 className="govuk-heading-m" id="my-team-standards">
        Standards against target, {scorecard.period.label}
      </h2>
      <StaleDataWarning codes={theirs.map((entry) => entry.code)} />
      {theirs.length === 0 ? (
        <EmptyState>The team has no work that a standard counts in this period.</EmptyState>
      ) : (
        <>
          <p className="govuk-body">
            {met} of {theirs.length} {theirs.length === 1 ? 'standard' : 'standards'} met by the
            team’s work.
          </p>
          <Table
            scrollLabel="The team’s standards"
            className="app-my-team-standards"
            caption={`The team’s standards against target, ${scorecard.period.label}`}
            captionHidden
            columns={[
              'Standard',
              { label: 'Figure', numeric: true },
              'Target',
              'Status',
              { label: 'Counted', numeric: true },
            ]}
          >
            {theirs.map((entry) => (
              <tr className="govuk-table__row" key={entry.code}>
                <th scope="row" className="govuk-table__header">
                  <Link
                    className="govuk-link"
                    to={`/standards/${entry.code}?period=${scorecard.period.id}${teamId === undefined ? '' : `&team=${teamId}`}`}
                  >
                    {entry.title}
                  </Link>
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {entry.suppressed ? 'Not shown' : formatValue(entry.value, entry.unit)}
                </td>
                <td className="govuk-table__cell">
                  {formatTarget(entry.target?.value ?? null, entry.unit)}
                </td>
                <td className="govuk-table__cell">
                  <StatusTag status={entry.status} />
                  {entry.lowVolume ? (
                    <>
                      {' '}
                      <LowVolumeTag minimumSample={entry.minimumSample} />
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {entry.suppressed || entry.n === null ? 'fewer than 10' : formatCount(entry.n)}
                </td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {others.length > 0 ? (
        <p className="govuk-body">
          No work for this team: {listInWords(others.map((entry) => entry.title))}.
        </p>
      ) : null}
      {teamId !== undefined ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/?period=${scorecard.period.id}&team=${teamId}`}>
            See the team’s full scorecard
          </Link>
        </p>
      ) : null}
    </section>
  );
}
