import { Fieldset } from './field';

// The GOV.UK date input (day, month and year boxes) and the reading of what was typed in it.

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

/** What a date's boxes hold: nothing, some boxes empty, no real date, or the ISO date. */
export type DateReading =
  | { kind: 'empty' }
  | { kind: 'incomplete'; missing: ('day' | 'month' | 'year')[] }
  | { kind: 'not-real' }
  | { kind: 'date'; date: string };

/** Day, month and year as typed -> an ISO date (`2027-03-31`), or what is wrong with them. */
export function readDateParts(parts: DateParts): DateReading {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { kind: 'empty' };
  const missing = (
    [
      ['day', day],
      ['month', month],
      ['year', year],
    ] as const
  )
    .filter(([, text]) => !text)
    .map(([part]) => part);
  if (missing.length > 0) return { kind: 'incomplete', missing };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { kind: 'not-real' };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return { kind: 'not-real' };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'date', date: `${y}-${pad(m)}-${pad(d)}` };
}

/**
 * A required date's parts as an ISO date, or what is wrong with them, in the words of the GOV.UK
 * date input pattern ('<Label> must include a month', '<Label> must be a real date').
 */
export function parseDateParts(
  parts: DateParts,
  /** 'Date the target takes effect' */
  label: string,
  /** What an empty date is told: 'Enter the date the target takes effect'. */
  whenEmpty: string,
): { date: string; problem: null } | { date: null; problem: string } {
  const reading = readDateParts(parts);
  switch (reading.kind) {
    case 'empty':
      return { date: null, problem: whenEmpty };
    case 'incomplete':
      return { date: null, problem: `${label} must include a ${reading.missing.join(' and a ')}` };
    case 'not-real':
      return { date: null, problem: `${label} must be a real date` };
    case 'date':
      return { date: reading.date, problem: null };
  }
}

const PARTS: { key: keyof DateParts; label: string; width: 2 | 4 }[] = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
];

/**
 * The GOV.UK date input: a fieldset of day, month and year boxes (`<id>-day`, `<id>-month`,
 * `<id>-year`). The error summary links to the day box.
 */
export function DateInput({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint: string;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className="govuk-date-input" id={id}>
        {PARTS.map((part) => (
          <div className="govuk-date-input__item" key={part.key}>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={`${id}-${part.key}`}>
                {part.label}
              </label>
              <input
                className={`govuk-input govuk-date-input__input govuk-input--width-${part.width}${
                  error ? ' govuk-input--error' : ''
                }`}
                id={`${id}-${part.key}`}
                name={`${id}-${part.key}`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={value[part.key]}
                onChange={(event) => onChange({ ...value, [part.key]: event.target.value })}
              />
            </div>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}
