import { type FormEvent, useId } from 'react';
import { SelectField } from '../../../components/forms/field';
import { PeriodOptions } from '../../../components/forms/period-options';

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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('period');
    if (typeof value === 'string' && value) onChange(value);
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
      <button
        type="submit"
        className="govuk-button govuk-!-margin-bottom-0 app-period-form__button"
      >
        Show scorecard
      </button>
    </form>
  );
}
