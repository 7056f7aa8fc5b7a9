import type { TeamsResponse } from '@ipo/contracts';

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
