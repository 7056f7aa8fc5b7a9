import { Fragment, useId, useState } from 'react';
import { ChoiceItem, Choices, Fieldset, SelectField } from './field';

export interface OneOfChoice {
  value: string;
  label: string;
}

export interface OneOfOption {
  /** The form field (and URL parameter) the value is submitted as: channel, theme... */
  name: string;
  /** The radio's label and the select's label: 'Channel'. */
  label: string;
  choices: readonly OneOfChoice[];
}

/** The radio group's field name: which option is chosen ('' for none). */
export const ONE_OF_FIELD = 'oneOf';

/**
 * At most one of several filters, as GOV.UK radios with a conditionally revealed select: choose
 * what to narrow down by, then which value. Only one option can be chosen, so a form cannot ask
 * for two at once. Read the submitted choice with `readOneOf`.
 */
export function OneOfFilter({
  legend,
  hint,
  noneLabel,
  options,
  initial,
}: {
  legend: string;
  hint: string;
  /** The first radio: no filter of these. */
  noneLabel: string;
  options: readonly OneOfOption[];
  /** The option and value in force (from the URL). */
  initial: { name: string; value: string } | null;
}) {
  const id = useId();
  const [chosen, setChosen] = useState(initial?.name ?? '');
  // Controlled, so that a value from the URL stays chosen while its choices load.
  const [values, setValues] = useState<Record<string, string>>(
    initial ? { [initial.name]: initial.value } : {},
  );

  return (
    <Fieldset
      id={id}
      legend={legend}
      hint={hint}
      groupClassName="govuk-frontend-supported app-one-of"
    >
      <Choices type="radio">
        <ChoiceItem
          type="radio"
          id={`${id}-none`}
          label={noneLabel}
          name={ONE_OF_FIELD}
          value=""
          checked={chosen === ''}
          onChange={() => setChosen('')}
        />
        {options.map((option) => {
          const radioId = `${id}-${option.name}`;
          const conditionalId = `${radioId}-conditional`;
          const selected = chosen === option.name;
          const value = values[option.name] ?? option.choices[0]?.value ?? '';
          return (
            <Fragment key={option.name}>
              <ChoiceItem
                type="radio"
                id={radioId}
                label={option.label}
                name={ONE_OF_FIELD}
                value={option.name}
                checked={selected}
                onChange={() => setChosen(option.name)}
                aria-controls={conditionalId}
              />
              <div
                className={`govuk-radios__conditional${selected ? '' : ' govuk-radios__conditional--hidden'}`}
                id={conditionalId}
              >
                <SelectField
                  id={`${radioId}-value`}
                  label={option.label}
                  className="app-select--full"
                  name={option.name}
                  value={value}
                  onChange={(event) =>
                    setValues((v) => ({ ...v, [option.name]: event.target.value }))
                  }
                  disabled={!selected}
                >
                  {value && !option.choices.some((c) => c.value === value) ? (
                    <option value={value}>{value}</option>
                  ) : null}
                  {option.choices.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </SelectField>
              </div>
            </Fragment>
          );
        })}
      </Choices>
    </Fieldset>
  );
}

/** The option chosen in a submitted form and its value; null for none. */
export function readOneOf(data: FormData): { name: string; value: string } | null {
  const name = data.get(ONE_OF_FIELD);
  if (typeof name !== 'string' || !name) return null;
  const value = data.get(name);
  return typeof value === 'string' && value ? { name, value } : null;
}
