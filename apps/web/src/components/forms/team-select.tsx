import type { TeamsResponse } from '@ipo/contracts';
import { SelectField } from './field';

/**
 * The options of a team select, one group per service. A team in force that is not among them
 * (the list not loaded yet, or an id from a link) comes first, as it is, so that it stays selected.
 */
export function TeamOptions({
  services,
  selected,
  selectedLabel,
}: {
  services: TeamsResponse['services'] | undefined;
  selected: number | undefined;
  /** How to show `selected` when it is not among the choices. */
  selectedLabel?: string | undefined;
}) {
  const known = (services ?? []).some((s) => s.teams.some((t) => t.id === selected));
  return (
    <>
      {selected !== undefined && !known ? (
        <option value={String(selected)}>{selectedLabel ?? `Team ${selected}`}</option>
      ) : null}
      {(services ?? []).map((service) => (
        <optgroup key={service.code} label={service.name}>
          {service.teams.map((team) => (
            <option key={team.id} value={String(team.id)}>
              {team.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}

/**
 * The Team select of a period form (`name="team"`): the team in force chosen, the teams by
 * service, and first the option for no team (`noneLabel`: 'All teams'), when there is one.
 */
export function TeamSelect({
  id,
  services,
  selected,
  selectedLabel,
  noneLabel,
}: {
  id: string;
  services: TeamsResponse['services'] | undefined;
  selected: number | undefined;
  selectedLabel?: string | undefined;
  noneLabel?: string | undefined;
}) {
  return (
    <SelectField
      id={id}
      label="Team"
      labelSize="s"
      groupClassName="govuk-!-margin-bottom-0 app-period-form__group"
      className="app-period-form__select"
      name="team"
      // Remount when the team changes (back and forward) or the teams arrive.
      key={`${selected ?? 'none'}-${services?.length ?? 0}`}
      defaultValue={selected === undefined ? '' : String(selected)}
    >
      {noneLabel === undefined ? null : <option value="">{noneLabel}</option>}
      <TeamOptions services={services} selected={selected} selectedLabel={selectedLabel} />
    </SelectField>
  );
}
