import type { FeedbackThemes } from '@ipo/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { Link } from '../../../lib/router';
import { countText } from '../../feedback/utils/cells';
import { risingThemes } from '../utils/my-team';

/** Themes the team's customers mention more than in the month before, most risen first. */
export function TeamThemes({
  themes,
  teamId,
  readsComments,
}: {
  themes: UseQueryResult<FeedbackThemes>;
  teamId: number;
  /** Whether a theme leads to its comments (the user may read the team's records). */
  readsComments: boolean;
}) {
  return (
    <section className="app-section" aria-labelledby="my-team-themes">
      <h2 className="govuk-heading-m" id="my-team-themes">
        Rising themes in comments
      </h2>
      <QueryState
        query={themes}
        what="The themes"
        loadingText="Loading themes"
        skeleton={<Skeleton height={160} />}
        headingLevel={3}
      >
        {(data) => {
          const rising = risingThemes(data);
          return (
            <>
              <p className="govuk-body">
                Comments of {data.range.label} against {data.previousRange.label}: themes with fewer
                than 10 comments in either month are not compared.
              </p>
              {rising.length === 0 ? (
                <EmptyState>
                  No theme was mentioned more often than in {data.previousRange.label}.
                </EmptyState>
              ) : (
                <ul className="govuk-list govuk-list--bullet app-rising-themes">
                  {rising.map((theme) => (
                    <li key={theme.code}>
                      <Link
                        className="govuk-link"
                        to={`/feedback?team=${teamId}&theme=${theme.code}${readsComments ? '#comments' : ''}`}
                      >
                        {theme.name}
                      </Link>
                      : {countText(theme.count)} comments, up {theme.change} from{' '}
                      {countText(theme.previous)}
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
