import type { FeedbackThemes } from '@ipo/contracts';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { londonDate } from '../../../lib/dates';
import { formatIsoDate } from '../../../lib/format';
import { useActions } from '../../feedback/api/feedback-api';
import { statusWords } from '../../feedback/components/action-fields';
import { isOverdue, openTeamActions, teamThemeCodes } from '../utils/my-team';

/** Open actions on the team's themes, with their owners and due dates. */
export function TeamActions({
  teamId,
  themes,
}: {
  teamId: number;
  themes: FeedbackThemes | undefined;
}) {
  const query = useActions();
  const today = londonDate();
  const actions = openTeamActions(query.data?.actions ?? [], teamId, teamThemeCodes(themes));
  const withDates = actions.some((action) => action.dueOn !== null);
  return (
    <section className="app-section" aria-labelledby="my-team-actions">
      <h2 className="govuk-heading-m" id="my-team-actions">
        Open actions on the team’s themes
      </h2>
      <QueryState
        query={query}
        what="The actions"
        loadingText="Loading the actions"
        skeleton={<Skeleton height={120} />}
        headingLevel={3}
      >
        {() =>
          actions.length === 0 ? (
            <EmptyState>
              No open actions: none recorded by the team, nor for the whole office on a theme its
              customers wrote about, is planned or in progress.
            </EmptyState>
          ) : (
            <>
              <p className="govuk-body">
                Actions planned or in progress that the team recorded, and the whole office’s on
                themes the team’s customers wrote about{withDates ? ', soonest due first' : ''}.
              </p>
              <Table
                scrollLabel="Open actions"
                className="app-my-team-actions"
                caption="Open actions on the team’s themes"
                captionHidden
                columns={['Action', 'Theme', 'Owner', 'Due', 'Status']}
              >
                {actions.map((action) => {
                  const due = action.dueOn;
                  const overdue = isOverdue(action, today);
                  return (
                    <tr className="govuk-table__row" key={action.id}>
                      <th scope="row" className="govuk-table__header">
                        {action.title}
                        {action.teamName ? null : (
                          <span className="app-hint govuk-body-s"> (whole office)</span>
                        )}
                      </th>
                      <td className="govuk-table__cell">{action.themeName ?? action.themeCode}</td>
                      <td className="govuk-table__cell">{action.owner}</td>
                      <td className="govuk-table__cell">
                        {due === null ? (
                          'No due date'
                        ) : overdue ? (
                          <>
                            <strong className="govuk-tag govuk-tag--red">Overdue</strong>{' '}
                            {formatIsoDate(due)}
                          </>
                        ) : (
                          formatIsoDate(due)
                        )}
                      </td>
                      <td className="govuk-table__cell">{statusWords[action.status]}</td>
                    </tr>
                  );
                })}
              </Table>
            </>
          )
        }
      </QueryState>
    </section>
  );
}
