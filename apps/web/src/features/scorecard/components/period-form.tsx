import { type FormEvent, useId, useMemo } from 'react';
import { type PeriodOption, scorecardPeriodOptions } from '../../../lib/periods';

/**
 * Choose a month, financial-year quarter or financial year. A select and a button (the GOV.UK
 * pattern) rather than changing the page as soon as the select changes, which would move
 * keyboard and screen reader users on while they browse the options.
 */
export function PeriodForm({
  selected,
  selectedLabel,
  onChange,
}: {
  /** The period shown, or undefined before the first answer. */
  selected: string | undefined;
  selectedLabel: string | undefined;
  onChange: (period: string) => void;
}) {
  const id = useId();
  const groups = useMemo(() => scorecardPeriodOptions(), []);
  const known = [...groups.months, ...groups.quarters, ...groups.years].some(
    (option) => option.id === selected,
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('period');
    if (typeof value === 'string' && value) onChange(value);
  }

  return (
    <form className="app-period-form" onSubmit={submit} noValidate>
      <div className="govuk-form-group govuk-!-margin-bottom-0 app-period-form__group">
        <label className="govuk-label govuk-label--s" htmlFor={`${id}-period`}>
          Period
        </label>
        <select
          className="govuk-select app-period-form__select"
          id={`${id}-period`}
          name="period"
          // Remount when the shown period changes (back and forward), so the select follows it.
          key={selected ?? 'none'}
          defaultValue={selected ?? ''}
        >
          {selected && !known ? (
            <option value={selected}>{selectedLabel ?? selected}</option>
          ) : null}
          {!selected ? <option value="">Latest complete month</option> : null}
          <Group label="Months" options={groups.months} />
          <Group label="Quarters of the financial year" options={groups.quarters} />
          <Group label="Financial years" options={groups.years} />
        </select>
      </div>
      <button
        type="submit"
        className="govuk-button govuk-!-margin-bottom-0 app-period-form__button"
      >
        Show scorecard
      </button>
    </form>
  );
}

function Group({ label, options }: { label: string; options: PeriodOption[] }) {
  return (
    <optgroup label={label}>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </optgroup>
  );
}
