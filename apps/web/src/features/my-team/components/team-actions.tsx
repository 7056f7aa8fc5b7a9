import type { FeedbackThemes } from '@ipo/contracts';
import { EmptyState, LoadError, Skeleton } from '../../../components/query-state';
import { formatIsoDate } from '../../../lib/format';
import { useActions } from '../../feedback/api/feedback-api';
import { dueOnOf, isOverdue, londonToday, openTeamActions, teamThemeCodes } from '../utils/my-team';

const statusWords = { planned: 'Planned', in_progress: 'In progress', done: 'Done' } as const;

/** Open actions on the team's themes, with their owners and due dates. */
export function TeamActions({
  teamId,
  themes,
}: {
  teamId: number;
  themes: FeedbackThemes | undefined;
}) {
  const query = useActions();
  const today = londonToday();
  const actions = openTeamActions(query.data?.actions ?? [], teamId, teamThemeCodes(themes));
  const withDates = actions.some((action) => dueOnOf(action) !== null);
  return (
    <section className="app-section" aria-labelledby="my-team-actions">
      <h2 className="govuk-heading-m" id="my-team-actions">
        Open actions on the team’s themes
      </h2>
      {query.isPending ? (
        <Skeleton height={120} />
      ) : query.isError ? (
        <LoadError
          what="The actions"
          error={query.error}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
          headingLevel={3}
        />
      ) : actions.length === 0 ? (
        <EmptyState>
          No open actions: none recorded by the team, nor for the whole office on a theme its
          customers wrote about, is planned or in progress.
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body">
            Actions planned or in progress that the team recorded, and the whole office’s on themes
            the team’s customers wrote about{withDates ? ', soonest due first' : ''}.
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1) */}
          <section className="app-table-scroll" aria-label="Open actions" tabIndex={0}>
            <table className="govuk-table app-my-team-actions">
              <caption className="govuk-table__caption govuk-visually-hidden">
                Open actions on the team’s themes
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Action
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Theme
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Owner
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Due
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {actions.map((action) => {
                  const due = dueOnOf(action);
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
              </tbody>
            </table>
          </section>
        </>
      )}
    </section>
  );
}
