import type { Filters } from '@ipo/contracts';
import { type RecordsScope, recordsTeam, useRecordsScope } from '../../session/access';
import { TeamScopeNotice } from '../../session/components/team-scope-notice';
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

/** The records a team lead reads: see TeamScopeNotice. */
export function RecordsScopeNotice({
  scope,
  context,
}: {
  scope: RecordsScope;
  context: DetailContext;
}) {
  return (
    <TeamScopeNotice
      scope={scope}
      rows="records"
      choose={CHOOSE_YOUR_TEAM_RECORDS}
      linkTo={(team) => context.searchWith({ team })}
    />
  );
}
