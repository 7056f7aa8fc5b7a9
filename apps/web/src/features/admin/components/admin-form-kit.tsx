import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { FormProblem } from '../../../components/forms/error-summary';
import { isApiError } from '../../../lib/api-client';

// What the forms of the standards, closure days and themes pages share: the problems of a refused
// form (the GOV.UK error summary and the messages beside the fields), the server's refusals read
// as problems, and the GOV.UK date input.

/** 'must be after 2025-10-01' -> 'Must be after 2025-10-01'. */
export function sentence(message: string): string {
  const text = message.trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

const ERROR_PREFIX = 'Error: ';

/**
 * The problems of the last refusal of a form. Each refusal has a new key, so that the error
 * summary (rendered with that key) takes focus again.
 */
export function useFormProblems() {
  const [refusal, setRefusal] = useState<{ key: number; problems: FormProblem[] } | null>(null);
  const refuse = useCallback((problems: FormProblem[]) => {
    setRefusal((last) => ({ key: (last?.key ?? 0) + 1, problems }));
  }, []);
  const clear = useCallback(() => setRefusal(null), []);
  // GOV.UK: the page's title starts 'Error: ' while a refused form is shown.
  useEffect(() => {
    if (!refusal) return;
    if (!document.title.startsWith(ERROR_PREFIX))
      document.title = `${ERROR_PREFIX}${document.title}`;
    return () => {
      if (document.title.startsWith(ERROR_PREFIX)) {
        document.title = document.title.slice(ERROR_PREFIX.length);
      }
    };
  }, [refusal]);
  const problemOf = (fieldId: string) =>
    refusal?.problems.find((problem) => problem.fieldId === fieldId)?.message;
  return { refusal, refuse, clear, problemOf };
}

/**
 * What the server refused, as problems: each issue against the form's field it names (by its
 * name in the request: 'effectiveFrom', or the first part of 'phrases.0'), labelled with the
 * field's words ('Date the target takes effect must be after 1 October 2025'); otherwise the
 * server's message alone.
 */
export function serverProblems(
  error: unknown,
  fields: Record<string, { id: string; label: string }>,
): FormProblem[] {
  if (!isApiError(error)) return [{ message: 'Something went wrong. Try again.' }];
  if (error.kind === 'network') {
    return [{ message: 'The dashboard could not reach the server. Try again.' }];
  }
  const named = error.issues.flatMap((issue) => {
    const field = fields[issue.field] ?? fields[issue.field.split('.')[0] ?? ''];
    return field ? [{ fieldId: field.id, message: `${field.label} ${issue.message}` }] : [];
  });
  return named.length > 0 ? named : [{ message: error.message }];
}

// ----- dates

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

export function datePartsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * A GOV.UK date's parts as an ISO date, or what is wrong with them, in the words of the GOV.UK
 * date input pattern ('<Label> must include a month', '<Label> must be a real date').
 */
export function parseDateParts(
  parts: DateParts,
  /** 'Date the target takes effect' */
  label: string,
  /** What an empty date is told: 'Enter the date the target takes effect'. */
  whenEmpty: string,
): { date: string; problem: null } | { date: null; problem: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { date: null, problem: whenEmpty };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length > 0) {
    return { date: null, problem: `${label} must include a ${missing.join(' and a ')}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { date: null, problem: `${label} must be a real date` };
  }
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
    return { date: null, problem: `${label} must be a real date` };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${y}-${pad(m)}-${pad(d)}`, problem: null };
}

/** Monday 1 ... Sunday 7, of an ISO date. */
export function isoWeekday(iso: string): number {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The GOV.UK date input: a fieldset of day, month and year boxes. The error summary links to the
 * day box (`<id>-day`).
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
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const parts: { key: keyof DateParts; label: string; width: 2 | 4 }[] = [
    { key: 'day', label: 'Day', width: 2 },
    { key: 'month', label: 'Month', width: 2 },
    { key: 'year', label: 'Year', width: 4 },
  ];
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div className="govuk-hint" id={hintId}>
          {hint}
        </div>
        {error ? (
          <p className="govuk-error-message" id={errorId}>
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input" id={id}>
          {parts.map((part) => (
            <div className="govuk-date-input__item" key={part.key}>
              <div className="govuk-form-group">
                <label
                  className="govuk-label govuk-date-input__label"
                  htmlFor={`${id}-${part.key}`}
                >
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
      </fieldset>
    </div>
  );
}

/** A number typed in a box ('95', ' 2.5 '), or null when it is not one. */
export function numberOf(text: string): number | null {
  const t = text.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** The way back up: Administration, then the page's parents. */
export function AdminBreadcrumbs({ trail }: { trail: { to: string; label: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {[{ to: '/admin', label: 'Administration' }, ...trail].map((crumb) => (
          <li className="govuk-breadcrumbs__list-item" key={crumb.to}>
            <Link className="govuk-breadcrumbs__link" to={crumb.to}>
              {crumb.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
