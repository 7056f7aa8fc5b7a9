import type { FormProblem } from './error-summary';
import { Fieldset } from './field';

// The GOV.UK date input (day, month and year boxes) and the reading of what was typed in it.

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** One box of a date input. */
export type DatePart = keyof DateParts;

const PART_ORDER: readonly DatePart[] = ['day', 'month', 'year'];

export const emptyDate: DateParts = { day: '', month: '', year: '' };

/** The hint of a date input, as the GOV.UK pattern gives it: an example in the order typed. */
export const DATE_EXAMPLE = 'For example, 27 3 2026';

/** What a date's boxes hold: nothing, some boxes empty, no real date, or the ISO date. */
export type DateReading =
  | { kind: 'empty' }
  | { kind: 'incomplete'; missing: DatePart[] }
  /** `wrong`: the boxes that cannot be right, or all three when the boxes do not make a date. */
  | { kind: 'not-real'; wrong: DatePart[] }
  | { kind: 'date'; date: string };

/** Day, month and year as typed -> an ISO date (`2027-03-31`), or what is wrong with them. */
export function readDateParts(parts: DateParts): DateReading {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { kind: 'empty' };
  const text = { day, month, year };
  const missing = PART_ORDER.filter((part) => !text[part]);
  if (missing.length > 0) return { kind: 'incomplete', missing };
  // Each box alone: 1 or 2 digits for the day (1 to 31) and month (1 to 12), 4 for the year.
  const wrong = PART_ORDER.filter((part) => {
    const digits = part === 'year' ? /^\d{4}$/ : /^\d{1,2}$/;
    if (!digits.test(text[part])) return true;
    const n = Number(text[part]);
    return part === 'day' ? n < 1 || n > 31 : part === 'month' ? n < 1 || n > 12 : false;
  });
  if (wrong.length > 0) return { kind: 'not-real', wrong };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const probe = new Date(0);
  probe.setUTCFullYear(y, m - 1, d);
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    // 31 2 2026: each box could be right; which one is wrong is not clear.
    return { kind: 'not-real', wrong: [...PART_ORDER] };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { kind: 'date', date: `${y}-${pad(m)}-${pad(d)}` };
}

/** What is wrong with a date, in words, and the boxes to mark as in error. */
export interface DateProblem {
  message: string;
  parts: DatePart[];
}

/**
 * A date's parts as an ISO date, or what is wrong with them in the words of the GOV.UK date input
 * pattern: '<Label> must include a month' (only the empty box marked; the whole date when more
 * than one is empty), '<Label> must be a real date' (the box that cannot be right, or the whole
 * date). An empty date is a problem (`whenEmpty`) when one is required, else no date (null).
 */
export function checkDateParts(
  parts: DateParts,
  /** 'Date the target takes effect' */
  label: string,
  /** What an empty date is told ('Enter the date the target takes effect'); none: optional. */
  whenEmpty?: string,
): { date: string | null; problem: null } | { date: null; problem: DateProblem } {
  const reading = readDateParts(parts);
  switch (reading.kind) {
    case 'empty':
      return whenEmpty === undefined
        ? { date: null, problem: null }
        : { date: null, problem: { message: whenEmpty, parts: [...PART_ORDER] } };
    case 'incomplete':
      return {
        date: null,
        problem: {
          message: `${label} must include a ${joinParts(reading.missing)}`,
          parts: reading.missing.length === 1 ? reading.missing : [...PART_ORDER],
        },
      };
    case 'not-real':
      return {
        date: null,
        problem: {
          message: `${label} must be a real date`,
          parts: reading.wrong.length === 1 ? reading.wrong : [...PART_ORDER],
        },
      };
    case 'date':
      return { date: reading.date, problem: null };
  }
}

/** 'day', 'day and month' (GOV.UK: 'must include a day and month'). */
function joinParts(parts: readonly DatePart[]): string {
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
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
  const checked = checkDateParts(parts, label, whenEmpty);
  return checked.problem === null
    ? { date: checked.date as string, problem: null }
    : { date: null, problem: checked.problem.message };
}

/** An ISO date (`2025-03-10`) as the boxes show it (10, 3, 2025); anything else: empty boxes. */
export function isoToDateParts(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return emptyDate;
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

/** The boxes of the DateInput named `name` in a submitted form. */
export function datePartsOf(data: FormData, name: string): DateParts {
  const read = (part: DatePart) => String(data.get(`${name}-${part}`) ?? '');
  return { day: read('day'), month: read('month'), year: read('year') };
}

/**
 * A date's problem as one of a form's problems: the error summary links to the first box in
 * error, and the boxes to mark travel with it (read back by `dateErrorOf`).
 */
export interface DateFormProblem extends FormProblem {
  fieldId: string;
  dateId: string;
  parts: DatePart[];
}

export function dateFormProblem(id: string, problem: DateProblem): DateFormProblem {
  const first = PART_ORDER.find((part) => problem.parts.includes(part)) ?? 'day';
  return { message: problem.message, fieldId: `${id}-${first}`, dateId: id, parts: problem.parts };
}

const isDateFormProblem = (problem: FormProblem): problem is DateFormProblem =>
  'dateId' in problem && 'parts' in problem;

/**
 * What the DateInput `id` shows of a form's problems: the message, and the boxes to mark. A
 * problem that names the date without its boxes (the server's, linked to `<id>-day`) marks the
 * whole date.
 */
export function dateErrorOf(
  problems: readonly FormProblem[] | undefined,
  id: string,
): { error: string | undefined; errorParts: DatePart[] | undefined } {
  for (const problem of problems ?? []) {
    if (isDateFormProblem(problem) && problem.dateId === id) {
      return { error: problem.message, errorParts: problem.parts };
    }
    if (
      problem.fieldId !== undefined &&
      [id, ...PART_ORDER.map((part) => `${id}-${part}`)].includes(problem.fieldId)
    ) {
      return { error: problem.message, errorParts: undefined };
    }
  }
  return { error: undefined, errorParts: undefined };
}

const PARTS: { key: DatePart; label: string; width: 2 | 4 }[] = [
  { key: 'day', label: 'Day', width: 2 },
  { key: 'month', label: 'Month', width: 2 },
  { key: 'year', label: 'Year', width: 4 },
];

/**
 * The GOV.UK date input: a fieldset of day, month and year boxes (`<id>-day`, `<id>-month`,
 * `<id>-year`; named `<name>-day`... in a form). The error summary links to the first box in
 * error. With an error, the boxes in `errorParts` are marked (all three when not told).
 * Controlled (`value` and `onChange`), or left to the form (`defaultValue`, read back with
 * `datePartsOf`).
 */
export function DateInput({
  id,
  name = id,
  legend,
  hint,
  error,
  errorParts,
  value,
  defaultValue,
  onChange,
}: {
  id: string;
  /** The boxes' names in the form, before '-day', '-month' and '-year': the id unless told. */
  name?: string | undefined;
  legend: string;
  hint: string;
  error?: string | undefined;
  /** The boxes in error; all three when not told. */
  errorParts?: readonly DatePart[] | undefined;
  value?: DateParts | undefined;
  defaultValue?: DateParts | undefined;
  onChange?: ((value: DateParts) => void) | undefined;
}) {
  const marked = (part: DatePart) => Boolean(error) && (errorParts ?? PART_ORDER).includes(part);
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
                  marked(part.key) ? ' govuk-input--error' : ''
                }`}
                id={`${id}-${part.key}`}
                name={`${name}-${part.key}`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                {...(value === undefined
                  ? { defaultValue: defaultValue?.[part.key] ?? '' }
                  : {
                      value: value[part.key],
                      onChange: (event) => onChange?.({ ...value, [part.key]: event.target.value }),
                    })}
              />
            </div>
          </div>
        ))}
      </div>
    </Fieldset>
  );
}
