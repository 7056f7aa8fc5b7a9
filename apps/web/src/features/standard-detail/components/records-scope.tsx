import type { Filters } from '@ipo/contracts';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/query-state';
import { type RecordsScope, recordsTeam, useRecordsScope } from '../../session/access';
import { useSession } from '../../session/api/session-api';
import { filtersOf } from '../utils/url-state';
import type { DetailContext } from './detail-context';

/** Said to a team lead with no team: there are no records they may read. */
export const CHOOSE_YOUR_TEAM_RECORDS = 'Choose one of your teams to read its records';

/**
 * The filters of a records request (the items and the backlog): the page's, with the team a team
 * lead may read (the one asked for when it is theirs, else their first, preferring the teams of
 * this standard); `filters` is null when there is nothing the user may read.
 */
export function useRecordsFilters(context: DetailContext): {
  scope: RecordsScope;
  filters: Filters | null;
  /** Team names for the words: the standard's, and the lead's own team. */
  teams: readonly { id: number; name: string }[];
} {
  const { standard, state } = context;
  const scope = useRecordsScope(
    state.team,
    standard.teams.map((team) => team.id),
  );
  const readable = scope.kind === 'all' || scope.kind === 'team';
  const team = recordsTeam(scope, state.team);
  const filters: Filters = { ...filtersOf(state) };
  if (team === undefined) delete filters.team;
  else filters.team = team;
  const teams =
    scope.kind === 'team' && !standard.teams.some((t) => t.id === scope.teamId)
      ? [...standard.teams, { id: scope.teamId, name: scope.teamName }]
      : standard.teams;
  return { scope, filters: readable ? filters : null, teams };
}

/**
 * A team lead reads the records of their own teams, one at a time: which one is shown (when the
 * page asked for none of theirs) and links to the others; or, with no team, why there is none.
 */
export function RecordsScopeNotice({
  scope,
  context,
}: {
  scope: RecordsScope;
  context: DetailContext;
}) {
  const user = useSession();
  if (scope.kind === 'no-team') {
    return (
      <EmptyState>
        {CHOOSE_YOUR_TEAM_RECORDS}: no team is linked to your account yet. Ask an administrator of
        the dashboard to add your team.
      </EmptyState>
    );
  }
  if (scope.kind !== 'team' || scope.asked) return null;
  const others = (user?.teams ?? []).filter((team) => team.id !== scope.teamId);
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">
        You can read the records of your own teams. Showing the records of{' '}
        <strong>{scope.teamName}</strong>.
      </p>
      {others.length > 0 ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">{CHOOSE_YOUR_TEAM_RECORDS}:</p>
          <ul className="govuk-list">
            {others.map((team) => (
              <li key={team.id}>
                <Link className="govuk-link" to={context.searchWith({ team: team.id })}>
                  {team.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
