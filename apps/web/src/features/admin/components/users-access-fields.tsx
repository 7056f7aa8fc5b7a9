import type { TeamsResponse } from '@ipo/contracts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@ipo/domain/access';
import { LoadError } from '../../../components/query-state';
import { useTeams } from '../api/users-api';
import { sentence } from './users-form-problems';

/**
 * The roles and teams of a user, as GOV.UK checkboxes: the invitation and the change of a user's
 * access ask the same two questions. The first checkbox of each carries the id the error summary
 * links to (`<idPrefix>-roles`, `<idPrefix>-teams`).
 */

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(' ') || undefined;
}

function ErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <p className="govuk-error-message" id={id}>
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list, item] : list.filter((x) => x !== item);

export function RolesField({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
}) {
  const id = `${idPrefix}-roles`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Roles</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          Select every role they need.
        </div>
        {error ? <ErrorMessage id={`${id}-error`} message={error} /> : null}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {ROLES.map((role, index) => {
            const inputId = index === 0 ? id : `${id}-${role}`;
            return (
              <div className="govuk-checkboxes__item" key={role}>
                <input
                  className="govuk-checkboxes__input"
                  id={inputId}
                  name="roles"
                  type="checkbox"
                  value={role}
                  checked={value.includes(role)}
                  onChange={(event) => onChange(toggled(value, role, event.currentTarget.checked))}
                  aria-describedby={`${id}-${role}-hint`}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                  {ROLE_LABELS[role]}
                </label>
                <div id={`${id}-${role}-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {sentence(ROLE_DESCRIPTIONS[role])}.
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function TeamsField({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: readonly number[];
  onChange: (teams: number[]) => void;
  error?: string | undefined;
}) {
  const teams = useTeams();
  const id = `${idPrefix}-teams`;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby={describedBy(`${id}-hint`, error && `${id}-error`)}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Teams</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          A team lead sees the records and comments of these teams, and records actions for them. A
          team lead needs at least one; other roles need none.
        </div>
        {error ? <ErrorMessage id={`${id}-error`} message={error} /> : null}
        {teams.isPending ? (
          <p className="govuk-body" role="status">
            Loading the teams…
          </p>
        ) : teams.isError ? (
          <LoadError
            what="The teams"
            error={teams.error}
            retrying={teams.isFetching}
            onRetry={() => void teams.refetch()}
            headingLevel={3}
          />
        ) : (
          <TeamCheckboxes
            id={id}
            services={teams.data.services}
            value={value}
            onChange={onChange}
          />
        )}
      </fieldset>
    </div>
  );
}

function TeamCheckboxes({
  id,
  services,
  value,
  onChange,
}: {
  id: string;
  services: TeamsResponse['services'];
  value: readonly number[];
  onChange: (teams: number[]) => void;
}) {
  // The first checkbox carries the field's id (the error summary links to it).
  const firstTeam = services[0]?.teams[0]?.id;
  return (
    <>
      {services.map((service) => (
        <fieldset key={service.code} className="govuk-fieldset govuk-!-margin-bottom-4">
          <legend className="govuk-fieldset__legend govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">
            {service.name}
          </legend>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {service.teams.map((team) => {
              const inputId = team.id === firstTeam ? id : `${id}-${team.id}`;
              return (
                <div className="govuk-checkboxes__item" key={team.id}>
                  <input
                    className="govuk-checkboxes__input"
                    id={inputId}
                    name="teams"
                    type="checkbox"
                    value={team.id}
                    checked={value.includes(team.id)}
                    onChange={(event) =>
                      onChange(toggled(value, team.id, event.currentTarget.checked))
                    }
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                    {team.name} <span className="govuk-visually-hidden">({service.name})</span>
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </>
  );
}
