import { EmptyState } from '../../../components/query-state';
import { Link } from '../../../lib/router';
import type { RecordsScope } from '../access';
import { useSession } from '../api/session-api';

/**
 * A team lead reads the rows of their own teams (records behind a figure, or comments), one team
 * at a time: which team is shown when the page asked for none of theirs, with links to the
 * others; or, with no team at all, why there is nothing. Nothing for anyone else.
 */
export function TeamScopeNotice({
  scope,
  rows,
  choose,
  linkTo,
}: {
  scope: RecordsScope;
  /** What is read, in the plural: 'records', 'comments'. */
  rows: string;
  /** The invitation, e.g. 'Choose one of your teams to read its comments'. */
  choose: string;
  /** Where the link to another of the user's teams goes. */
  linkTo: (teamId: number) => string;
}) {
  const user = useSession();
  if (scope.kind === 'no-team') {
    return (
      <EmptyState>
        <p className="govuk-body">{choose}: no team is linked to your account yet.</p>
        <p className="govuk-body govuk-!-margin-bottom-0">
          Ask an administrator of the dashboard to add your team.
        </p>
      </EmptyState>
    );
  }
  if (scope.kind !== 'team' || scope.asked) return null;
  const others = (user?.teams ?? []).filter((team) => team.id !== scope.teamId);
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">
        You can read the {rows} of your own teams. Showing the {rows} of{' '}
        <strong>{scope.teamName}</strong>.
      </p>
      {others.length > 0 ? (
        <>
          <p className="govuk-body govuk-!-margin-bottom-1">{choose}:</p>
          <ul className="govuk-list">
            {others.map((team) => (
              <li key={team.id}>
                <Link className="govuk-link" to={linkTo(team.id)}>
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
