import type { TeamsResponse } from '@ipo/contracts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '@ipo/domain/access';
import type { FormProblem } from '../../../components/forms/error-summary';
import { ChoiceItem, Choices, Fieldset } from '../../../components/forms/field';
import { QueryState, Skeleton } from '../../../components/query-state';
import { sentence } from '../../../lib/wording';
import { useTeams } from '../api/users-api';

/**
 * The roles and teams of a user, as GOV.UK checkboxes: the invitation and the change of a user's
 * access ask the same two questions. The first checkbox of each carries the id the error summary
 * links to (`<idPrefix>-roles`, `<idPrefix>-teams`).
 */

/** The ids of the two questions' first checkboxes, where the error summary leads. */
export const accessFieldIds = (idPrefix: string) => ({
  roles: `${idPrefix}-roles`,
  teams: `${idPrefix}-teams`,
});

/** What the two answers are missing, in GOV.UK's words: a role, and a team for a team lead. */
export function accessProblems(
  idPrefix: string,
  roles: readonly Role[],
  teams: readonly number[],
): FormProblem[] {
  const ids = accessFieldIds(idPrefix);
  const problems: FormProblem[] = [];
  if (roles.length === 0)
    problems.push({ message: 'Select at least one role', fieldId: ids.roles });
  if (roles.includes('team-lead') && teams.length === 0) {
    problems.push({ message: 'Select at least one team for a team lead', fieldId: ids.teams });
  }
  return problems;
}

/** Both questions, with the problems of a refused form beside them. */
export function AccessFields({
  idPrefix,
  roles,
  teams,
  onRolesChange,
  onTeamsChange,
  problemOf,
}: {
  idPrefix: string;
  roles: readonly Role[];
  teams: readonly number[];
  onRolesChange: (roles: Role[]) => void;
  onTeamsChange: (teams: number[]) => void;
  problemOf: (fieldId: string) => string | undefined;
}) {
  const ids = accessFieldIds(idPrefix);
  return (
    <>
      <RolesField
        idPrefix={idPrefix}
        value={roles}
        onChange={onRolesChange}
        error={problemOf(ids.roles)}
      />
      <TeamsField
        idPrefix={idPrefix}
        value={teams}
        onChange={onTeamsChange}
        error={problemOf(ids.teams)}
      />
    </>
  );
}

const toggled = <T,>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list, item] : list.filter((x) => x !== item);

function RolesField({
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
  const id = accessFieldIds(idPrefix).roles;
  return (
    <Fieldset id={id} legend="Roles" hint="Select every role they need." error={error}>
      <Choices type="checkbox">
        {ROLES.map((role, index) => (
          <ChoiceItem
            key={role}
            type="checkbox"
            id={index === 0 ? id : `${id}-${role}`}
            label={ROLE_LABELS[role]}
            hint={`${sentence(ROLE_DESCRIPTIONS[role])}.`}
            hintId={`${id}-${role}-hint`}
            name="roles"
            value={role}
            checked={value.includes(role)}
            onChange={(event) => onChange(toggled(value, role, event.currentTarget.checked))}
          />
        ))}
      </Choices>
    </Fieldset>
  );
}

function TeamsField({
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
  const id = accessFieldIds(idPrefix).teams;
  return (
    <Fieldset
      id={id}
      legend="Teams"
      hint="A team lead sees the records and comments of these teams, and records actions for them. A team lead needs at least one; other roles need none."
      error={error}
    >
      <QueryState
        query={teams}
        what="The teams"
        loadingText="Loading the teams…"
        skeleton={<Skeleton height={120} />}
        headingLevel={3}
      >
        {(data) => (
          <TeamCheckboxes id={id} services={data.services} value={value} onChange={onChange} />
        )}
      </QueryState>
    </Fieldset>
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
          <Choices type="checkbox">
            {service.teams.map((team) => (
              <ChoiceItem
                key={team.id}
                type="checkbox"
                id={team.id === firstTeam ? id : `${id}-${team.id}`}
                label={
                  <>
                    {team.name} <span className="govuk-visually-hidden">({service.name})</span>
                  </>
                }
                name="teams"
                value={team.id}
                checked={value.includes(team.id)}
                onChange={(event) => onChange(toggled(value, team.id, event.currentTarget.checked))}
              />
            ))}
          </Choices>
        </fieldset>
      ))}
    </>
  );
}
