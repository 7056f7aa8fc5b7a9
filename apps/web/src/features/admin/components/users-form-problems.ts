import type { FormProblem } from '../../../components/forms/error-summary';
import { isApiError } from '../../../lib/api-client';

/** 'a team lead needs…' -> 'A team lead needs…' (the server's issue messages start lower case). */
export function sentence(message: string): string {
  const text = message.trim();
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * What the server refused, as form problems: each issue it names against the form's field (by
 * the field's name in the request: 'email', 'roles.0' counts as 'roles'), or the message alone.
 */
export function serverProblems(error: unknown, fieldIds: Record<string, string>): FormProblem[] {
  if (!isApiError(error)) return [{ message: 'Something went wrong. Try again.' }];
  if (error.issues.length === 0) return [{ message: error.message }];
  return error.issues.map((issue) => {
    const field = issue.field.split('.')[0] ?? issue.field;
    return { message: sentence(issue.message), fieldId: fieldIds[field] };
  });
}

/** The problem of one field, to show beside it. */
export function problemOf(problems: readonly FormProblem[], fieldId: string): string | undefined {
  return problems.find((p) => p.fieldId === fieldId)?.message;
}
