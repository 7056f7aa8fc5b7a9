import { type ReactNode, useEffect } from 'react';
import { isApiError } from '../../lib/api-client';
import { useKeyed } from '../../lib/use-keyed';
import { sentence } from '../../lib/wording';
import { ErrorSummary, type FormProblem } from './error-summary';

// The problems of a refused form: the GOV.UK error summary, the messages beside the fields, and
// the server's refusals read as problems.

const ERROR_PREFIX = 'Error: ';

/**
 * The problems of the last refusal of a form, and its error summary (null while there is none).
 * Each refusal has a new key, so that the summary takes focus again; while one is shown the
 * page's title starts 'Error: ' (GOV.UK).
 */
export function useFormProblems(): {
  refusal: { key: number; problems: FormProblem[] } | null;
  summary: ReactNode;
  refuse: (problems: FormProblem[]) => void;
  clear: () => void;
  /** The problem of one field, to show beside it. */
  problemOf: (fieldId: string) => string | undefined;
} {
  const [latest, refuse, clear] = useKeyed<FormProblem[]>();
  const refusal = latest && { key: latest.key, problems: latest.value };
  useEffect(() => {
    if (!latest) return;
    if (!document.title.startsWith(ERROR_PREFIX)) {
      document.title = `${ERROR_PREFIX}${document.title}`;
    }
    return () => {
      if (document.title.startsWith(ERROR_PREFIX)) {
        document.title = document.title.slice(ERROR_PREFIX.length);
      }
    };
  }, [latest]);
  return {
    refusal,
    summary: refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null,
    refuse,
    clear,
    problemOf: (fieldId) => problemOf(refusal?.problems ?? [], fieldId),
  };
}

/** The problem of one field among a form's problems. */
export function problemOf(problems: readonly FormProblem[], fieldId: string): string | undefined {
  return problems.find((problem) => problem.fieldId === fieldId)?.message;
}

/** A field of a form as the server names it in its refusals ('effectiveFrom', 'roles'). */
export interface ServerField {
  /** The id of the field's control: the error summary links to it. */
  id: string;
  /**
   * The words before the server's ('Reason' + 'must be…' -> 'Reason must be…'). Without them,
   * the server's own words stand alone, as a sentence.
   */
  label?: string;
}

/**
 * What the server refused, as problems: each issue against the form's field it names (by its
 * name in the request: 'effectiveFrom', or the first part of 'phrases.0'); otherwise the
 * server's message alone. A failure that is not the server's answer says to try again.
 */
export function serverProblems(
  error: unknown,
  /** Each field by its name in the request: its control's id, or a ServerField. */
  fields: Readonly<Record<string, string | ServerField>>,
): FormProblem[] {
  if (!isApiError(error)) return [{ message: 'Something went wrong. Try again.' }];
  if (error.kind === 'network') {
    return [{ message: 'The dashboard could not reach the server. Try again.' }];
  }
  const named = error.issues.flatMap((issue) => {
    const name = [issue.field, issue.field.split('.')[0] ?? ''].find((n) =>
      Object.hasOwn(fields, n),
    );
    const given = name === undefined ? undefined : fields[name];
    if (!given) return [];
    const field = typeof given === 'string' ? { id: given } : given;
    const message = field.label ? `${field.label} ${issue.message}` : sentence(issue.message);
    return [{ fieldId: field.id, message }];
  });
  return named.length > 0 ? named : [{ message: error.message }];
}
