import { type ApiError, isApiError } from '../../../lib/api-client';
import { sentence } from '../../../lib/wording';

/** The server refused because the period moved on meanwhile (published, or nothing to revise). */
export function isConflict(error: unknown): error is ApiError {
  return isApiError(error) && error.status === 409;
}

/** The server's words as a sentence: capital first, full stop last. */
export function sentenceOf(text: string): string {
  const said = sentence(text);
  return /[.!?]$/.test(said) ? said : `${said}.`;
}

/** Why the server refused, in its words: each field's problem, or its message. */
export function refusalInWords(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong. Try again.';
  if (error.issues.length > 0) return error.issues.map((i) => sentenceOf(i.message)).join(' ');
  return sentenceOf(error.message);
}
