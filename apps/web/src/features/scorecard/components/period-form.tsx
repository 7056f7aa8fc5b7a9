import type { TeamsResponse } from '@ipo/contracts';
import { type FormEvent, useId } from 'react';
import { SelectField } from '../../../components/forms/field';
import { PeriodOptions } from '../../../components/forms/period-options';
import { TeamSelect } from '../../../components/forms/team-select';

/** What the form asks for: a period (undefined: the latest complete month) and a team or all. */
export interface ScorecardChoice {
  period: string | undefined;
  team: number | undefined;
}

/**
 * Choose a month, financial-year quarter or financial year, and a team or all of them. Selects
 * and a button (the GOV.UK pattern) rather than changing the page as soon as a select changes,
 * which would move keyboard and screen reader users on while they browse the options.
 */
export function PeriodForm({
  selected,
  selectedLabel,
  team,
  onChange,
}: {
  /** The period shown, or undefined before the first answer. */
  selected: string | undefined;
  selectedLabel: string | undefined;
  /** The team filter: the team shown (undefined: all teams) and the teams by service. */
  team?: {
    selected: number | undefined;
    selectedLabel: string | undefined;
    services: TeamsResponse['services'] | undefined;
  };
  onChange: (choice: ScorecardChoice) => void;
}) {
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const period = data.get('period');
    const teamValue = data.get('team');
    const chosenTeam = typeof teamValue === 'string' && teamValue ? Number(teamValue) : undefined;
    const chosenPeriod = typeof period === 'string' && period ? period : undefined;
    if (!chosenPeriod && !team) return;
    onChange({ period: chosenPeriod, team: team ? chosenTeam : undefined });
  }

  return (
    <form className="app-period-form" onSubmit={submit} noValidate>
      <SelectField
        id={`${id}-period`}
        label="Period"
        labelSize="s"
        groupClassName="govuk-!-margin-bottom-0 app-period-form__group"
        className="app-period-form__select"
        name="period"
        // Remount when the shown period changes (back and forward), so the select follows it.
        key={selected ?? 'none'}
        defaultValue={selected ?? ''}
      >
        {!selected ? <option value="">Latest complete month</option> : null}
        <PeriodOptions selected={selected} selectedLabel={selectedLabel} />
      </SelectField>
      {team ? (
        <TeamSelect
          id={`${id}-team`}
          services={team.services}
          selected={team.selected}
          selectedLabel={team.selectedLabel}
          noneLabel="All teams"
        />
      ) : null}
      <button
        type="submit"
        className="govuk-button govuk-!-margin-bottom-0 app-period-form__button"
      >
        Show scorecard
      </button>
    </form>
  );
}
