import type { Action, FeedbackOptions } from '@ipo/contracts';
import { can, teamScope } from '@ipo/domain/access';
import { type FormEvent, useId, useState } from 'react';
import { InputField, SelectField, TextareaField } from '../../../components/forms/field';
import { EmptyState, errorMessage, LoadError, Skeleton } from '../../../components/query-state';
import { accessOf } from '../../session/access';
import { useSession } from '../../session/api/session-api';
import { useActions, useSaveAction } from '../api/feedback-api';

const statusWords = { planned: 'Planned', in_progress: 'In progress', done: 'Done' } as const;

/**
 * The teams an action may be recorded for: a manager chooses any team or none (an action of the
 * whole office); a team lead one of their own teams. Null: the user may not record actions.
 */
function useActionTeams(options: FeedbackOptions | undefined) {
  const user = useSession();
  const access = accessOf(user);
  if (!can(access, 'write-actions')) return null;
  const scope = teamScope(access, 'write-actions');
  if (scope.all) return { anyOrNone: true, teams: options?.teams ?? [] };
  return {
    anyOrNone: false,
    teams: (user?.teams ?? []).filter((team) => scope.teamIds.includes(team.id)),
  };
}

function ActionForm({
  options,
  defaultTheme,
  defaultTeam,
  teams,
}: {
  options: FeedbackOptions | undefined;
  defaultTheme?: string | undefined;
  defaultTeam?: number | undefined;
  teams: NonNullable<ReturnType<typeof useActionTeams>>;
}) {
  const id = useId();
  const save = useSaveAction();
  const [saved, setSaved] = useState<string | null>(null);
  const teamChoice =
    teams.teams.find((team) => team.id === defaultTeam)?.id ??
    (teams.anyOrNone ? undefined : teams.teams[0]?.id);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    save.mutate(
      {
        input: {
          themeCode: text('themeCode'),
          title: text('title'),
          description: text('description'),
          owner: text('owner'),
          status: text('status') as Action['status'],
          startedOn: text('startedOn') || null,
          completedOn: text('completedOn') || null,
          published: data.get('published') === 'on',
          teamId: text('teamId') ? Number(text('teamId')) : null,
        },
      },
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
          {save.isError ? (
            <div className="govuk-error-summary" role="alert">
              <h3 className="govuk-error-summary__title">The action could not be saved</h3>
              <p className="govuk-body">{errorMessage(save.error)}</p>
            </div>
          ) : null}
          <SelectField
            id={`${id}-themeCode`}
            label="Theme"
            name="themeCode"
            defaultValue={defaultTheme ?? options?.themes[0]?.code}
          >
            {(options?.themes ?? []).map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            // The manager's choices arrive with the filter options: chosen again once they have.
            key={teams.teams.length}
            id={`${id}-teamId`}
            label="Team"
            name="teamId"
            hint={
              teams.anyOrNone
                ? 'The team that took the action, or none for an action of the whole office.'
                : 'You can record actions for your own teams.'
            }
            defaultValue={teamChoice === undefined ? '' : String(teamChoice)}
          >
            {teams.anyOrNone ? <option value="">No team: the whole office</option> : null}
            {teams.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </SelectField>
          <InputField id={`${id}-title`} label="What we did" name="title" type="text" />
          <TextareaField id={`${id}-description`} label="Description" name="description" rows={3} />
          <InputField id={`${id}-owner`} label="Owner" name="owner" type="text" />
          <SelectField id={`${id}-status`} label="Status" name="status" defaultValue="planned">
            {Object.entries(statusWords).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <InputField id={`${id}-startedOn`} label="Started on" name="startedOn" type="date" />
          <InputField
            id={`${id}-completedOn`}
            label="Completed on"
            name="completedOn"
            type="date"
          />
          <div className="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id={`${id}-published`}
                name="published"
                type="checkbox"
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-published`}>
                Publish in 'You said, we did'
              </label>
            </div>
          </div>
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
            <li key={a.id}>
              <strong>{a.title}</strong> ({a.themeName ?? a.themeCode}
              {a.teamName ? `, ${a.teamName}` : ''}) – {statusWords[a.status]}
              {a.startedOn ? `, started ${a.startedOn}` : ''}
              {a.completedOn ? `, completed ${a.completedOn}` : ''}; owner {a.owner}
              {a.published ? '; published' : '; not published'}
            </li>
          ))}
        </ul>
      )}
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
