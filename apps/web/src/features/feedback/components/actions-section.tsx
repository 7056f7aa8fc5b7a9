import type { Action, FeedbackOptions } from '@ipo/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useFormProblems } from '../../../components/forms/form-problems';
import { EmptyState, errorMessage, LoadError, Skeleton } from '../../../components/query-state';
import { focusLater } from '../../../lib/focus';
import { useActions, useSaveAction } from '../api/feedback-api';
import {
  ActionFields,
  type ActionTeams,
  actionInputOf,
  statusWords,
  useActionTeams,
} from './action-fields';
import { ActionItem } from './action-item';

function ActionForm({
  options,
  defaultTheme,
  defaultTeam,
  teams,
}: {
  options: FeedbackOptions | undefined;
  defaultTheme?: string | undefined;
  defaultTeam?: number | undefined;
  teams: ActionTeams;
}) {
  const id = useId();
  const save = useSaveAction();
  const [saved, setSaved] = useState<string | null>(null);
  const { summary, refusal, refuse, clear } = useFormProblems();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    // A date typed incompletely, or not a real date, is said so and nothing is sent.
    const read = actionInputOf(form, id);
    if ('problems' in read) {
      setSaved(null);
      refuse(read.problems);
      return;
    }
    clear();
    save.mutate(
      { input: read.input },
      {
        onSuccess: (action) => {
          setSaved(`Action '${action.title}' recorded.`);
          form.reset();
        },
      },
    );
  }

  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Record an action taken</span>
      </summary>
      <div className="govuk-details__text">
        <form onSubmit={submit} noValidate>
          {summary}
          {save.isError ? (
            <div className="govuk-error-summary" role="alert">
              <h3 className="govuk-error-summary__title">The action could not be saved</h3>
              <p className="govuk-body">{errorMessage(save.error)}</p>
            </div>
          ) : null}
          <ActionFields
            idPrefix={id}
            options={options}
            teams={teams}
            defaultTheme={defaultTheme}
            defaultTeam={defaultTeam}
            problems={refusal?.problems}
          />
          <button type="submit" className="govuk-button" disabled={save.isPending}>
            Save action
          </button>
          <p className="govuk-body" role="status">
            {saved ?? ''}
          </p>
        </form>
      </div>
    </details>
  );
}

export function ActionsSection({
  options,
  theme,
  team,
}: {
  options: FeedbackOptions | undefined;
  theme?: string | undefined;
  /** The page's team filter: the team a new action is for, when the user may choose it. */
  team?: number | undefined;
}) {
  const query = useActions();
  // Recording actions needs 'write-actions': the form is left out for anyone else.
  const actionTeams = useActionTeams(options);
  const actions = query.data?.actions ?? [];
  const published = actions.filter((a) => a.published);
  // Said once an action is deleted (its card has gone): focus moves here, not to the page's top.
  const [deleted, setDeleted] = useState('');
  const deletedRef = useRef<HTMLParagraphElement>(null);
  const onDeleted = (action: Action) => {
    setDeleted(`Action ‘${action.title}’ deleted.`);
    focusLater(deletedRef);
  };
  return (
    <section aria-labelledby="actions-heading">
      <h2 className="govuk-heading-m" id="actions-heading">
        Actions on feedback
      </h2>
      {query.isPending ? (
        <Skeleton height={120} />
      ) : query.isError ? (
        <LoadError
          what="The actions"
          error={query.error}
          retrying={query.isFetching}
          onRetry={() => query.refetch()}
          headingLevel={3}
        />
      ) : actions.length === 0 ? (
        <EmptyState>No actions recorded yet.</EmptyState>
      ) : (
        <ul className="govuk-list app-actions">
          {actions.map((a) => (
            <ActionItem
              key={a.id}
              action={a}
              options={options}
              teams={actionTeams}
              onDeleted={onDeleted}
            />
          ))}
        </ul>
      )}
      <p className="govuk-body" role="status" tabIndex={-1} ref={deletedRef}>
        {deleted}
      </p>
      {actionTeams === null ? null : actionTeams.teams.length === 0 && !actionTeams.anyOrNone ? (
        <p className="govuk-body">
          You can record actions for your own teams only, and no team is linked to your account. Ask
          an administrator of the dashboard to add your team.
        </p>
      ) : (
        <ActionForm options={options} defaultTheme={theme} defaultTeam={team} teams={actionTeams} />
      )}
      <h2 className="govuk-heading-m" id="you-said-heading">
        You said, we did
      </h2>
      {published.length === 0 ? (
        <EmptyState>No actions have been published yet.</EmptyState>
      ) : (
        <dl className="govuk-summary-list app-you-said">
          {published.map((a) => (
            <div className="govuk-summary-list__row" key={a.id}>
              <dt className="govuk-summary-list__key">You said: {a.themeName ?? a.themeCode}</dt>
              <dd className="govuk-summary-list__value">
                We did: {a.title}
                {a.description ? `. ${a.description}` : ''} ({statusWords[a.status].toLowerCase()}
                {a.completedOn ? `, ${a.completedOn}` : ''})
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
