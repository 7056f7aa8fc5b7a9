import type { FeedbackOptions } from '@ipo/contracts';
import { CHANNEL_LABELS, CUSTOMER_GROUP_LABELS, FEEDBACK_TYPE_LABELS } from '@ipo/contracts';
import { type FormEvent, useId } from 'react';
import { InputField } from '../../../components/forms/field';
import { EmptyState, LoadError, Skeleton } from '../../../components/query-state';
import { recordsTeam, useRecordsScope } from '../../session/access';
import { TeamScopeNotice } from '../../session/components/team-scope-notice';
import { useFeedbackComments } from '../api/feedback-api';
import { type FeedbackState, feedbackSearch } from '../utils/url-state';
import { CommentText } from './sections';

/** Said instead of the comments when the API withholds them for these filters. */
export const COMMENTS_WITHHELD =
  'Comments are not listed for fewer than 10 responses (or for a group hidden to protect another small group), so that no one’s answers can be picked out.';

/** Said to a team lead with no team: there are no comments they may read. */
export const CHOOSE_YOUR_TEAM = 'Choose one of your teams to read its comments';

/** Comments need 'read-records': the page renders this section only for those who have it. */
export function CommentsSection({
  state,
  options,
  onSearch,
}: {
  state: FeedbackState;
  options: FeedbackOptions | undefined;
  onSearch: (q: string | undefined) => void;
}) {
  // A team lead asks for one of their teams (the API refuses a request without one).
  const scope = useRecordsScope(state.team);
  const themeName = (code: string) => options?.themes.find((t) => t.code === code)?.name ?? code;
  return (
    <section aria-labelledby="comments-heading" id="comments" tabIndex={-1}>
      <h2 className="govuk-heading-m" id="comments-heading">
        Comments{state.theme ? ` about ${themeName(state.theme).toLowerCase()}` : ''}
      </h2>
      <p className="govuk-body">
        Personal data (email addresses, phone numbers, postcodes, National Insurance and card
        numbers) was removed from every comment before it was stored.
      </p>
      <TeamScopeNotice
        scope={scope}
        rows="comments"
        choose={CHOOSE_YOUR_TEAM}
        linkTo={(team) => `/feedback${feedbackSearch({ ...state, team })}#comments`}
      />
      {scope.kind === 'all' || scope.kind === 'team' ? (
        <CommentsList
          state={state}
          team={recordsTeam(scope, state.team)}
          themeName={themeName}
          onSearch={onSearch}
        />
      ) : null}
    </section>
  );
}

/** The search and the comments of `team` (or of every team, when undefined). */
function CommentsList({
  state,
  team,
  themeName,
  onSearch,
}: {
  state: FeedbackState;
  team: number | undefined;
  themeName: (code: string) => string;
  onSearch: (q: string | undefined) => void;
}) {
  const id = useId();
  const query = useFeedbackComments({ ...state, team });
  const first = query.data?.pages[0];
  const comments = query.data?.pages.flatMap((p) => p.comments) ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = new FormData(event.currentTarget).get('q');
    onSearch(typeof q === 'string' && q.trim() ? q.trim() : undefined);
  }

  return (
    <>
      <search aria-label="Search comments">
        <form onSubmit={submit} className="app-comment-search">
          <InputField
            id={`${id}-q`}
            label="Search comments"
            labelSize="s"
            hint='Words find their other forms (wait finds waiting). Use "quotes" for a phrase and -word to leave a word out.'
            className="app-comment-search__input"
            name="q"
            type="search"
            defaultValue={state.q ?? ''}
            key={state.q ?? ''}
          />
          <button type="submit" className="govuk-button govuk-button--secondary">
            Search
          </button>
        </form>
      </search>
      {query.isPending ? (
        <>
          <p className="govuk-visually-hidden" role="status">
            Loading comments
          </p>
          <Skeleton height={300} />
        </>
      ) : query.isError ? (
        <LoadError
          what="The comments"
          error={query.error}
          retrying={query.isFetching}
          onRetry={() => query.refetch()}
          headingLevel={3}
        />
      ) : first?.withheld ? (
        <EmptyState>{COMMENTS_WITHHELD}</EmptyState>
      ) : comments.length === 0 ? (
        <EmptyState>
          {state.q
            ? `No comments match "${state.q}" with these filters.`
            : 'No comments with these filters.'}
        </EmptyState>
      ) : (
        <>
          <p className="govuk-body" role="status">
            {first?.total} comment{first?.total === 1 ? '' : 's'}
            {state.q ? ` matching "${state.q}"` : ''}, newest first.
          </p>
          <ol className="govuk-list app-comments">
            {comments.map((c) => (
              <li key={c.id} className="app-comment">
                <CommentText comment={c} />
                <p className="govuk-body-s app-comment__meta">
                  {c.submittedDate} · {FEEDBACK_TYPE_LABELS[c.type].replace(/s$/, '')} · score{' '}
                  {c.score ?? 'not given'} · {CHANNEL_LABELS[c.channel]} ·{' '}
                  {CUSTOMER_GROUP_LABELS[c.customerGroup]}
                  {c.team ? ` · ${c.team}` : ''}
                  {c.themes.length ? ` · themes: ${c.themes.map(themeName).join(', ')}` : ''}
                </p>
              </li>
            ))}
          </ol>
          {query.hasNextPage ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => query.fetchNextPage()}
              disabled={query.isFetchingNextPage}
            >
              {query.isFetchingNextPage ? 'Loading more comments…' : 'Show more comments'}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}
