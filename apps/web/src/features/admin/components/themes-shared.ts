import { THEME_CODE } from '@ipo/contracts';
import type { FormProblem } from '../../../components/forms/error-summary';

// What the themes page and its parts share.

/** A change the page reports: its words ('Theme ‘Waiting’ added') and how many comments it re-tagged. */
export interface ThemeChange {
  title: string;
  retagged: number;
}

export type ReportThemeChange = (change: ThemeChange) => void;

/** A theme to start the add form from (a phrase found in comments). */
export interface ThemeDraft {
  name: string;
  code: string;
  phrases: string[];
}

/** 'Renewal deadlines!' -> 'renewal-deadlines'. */
export function codeOf(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/** The phrases of a textarea, one a line: trimmed, blank lines and repeats left out. */
export function phrasesOf(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const phrase = line.trim();
    if (phrase) seen.add(phrase);
  }
  return [...seen];
}

export const NAME_MAX = 120;
export const PHRASE_MAX = 80;
export const PHRASES_MAX = 100;

/** The contract's rules for a theme, as GOV.UK error messages against the form's fields. */
export function themeProblems(
  ids: { name: string; code?: string; phrases: string },
  values: { name: string; code?: string; phrases: string[] },
): FormProblem[] {
  const problems: FormProblem[] = [];
  const name = values.name.trim();
  if (!name) problems.push({ fieldId: ids.name, message: 'Enter the theme’s name' });
  else if (name.length > NAME_MAX) {
    problems.push({ fieldId: ids.name, message: `Name must be ${NAME_MAX} characters or fewer` });
  }
  if (ids.code !== undefined && values.code !== undefined) {
    const code = values.code.trim();
    if (!code) {
      problems.push({ fieldId: ids.code, message: 'Enter a code, such as renewal-deadlines' });
    } else if (code.length > 64 || !THEME_CODE.test(code)) {
      problems.push({
        fieldId: ids.code,
        message:
          'Code must be lower-case letters and numbers, words joined by hyphens, such as renewal-deadlines',
      });
    }
  }
  const { phrases } = values;
  if (phrases.length === 0) {
    problems.push({ fieldId: ids.phrases, message: 'Enter at least one phrase, one a line' });
  } else if (phrases.length > PHRASES_MAX) {
    problems.push({ fieldId: ids.phrases, message: `Enter no more than ${PHRASES_MAX} phrases` });
  } else {
    const long = phrases.find((p) => p.length > PHRASE_MAX);
    const wordless = phrases.find((p) => !/[A-Za-z]/.test(p));
    if (long) {
      problems.push({
        fieldId: ids.phrases,
        message: `Each phrase must be ${PHRASE_MAX} characters or fewer: ‘${long.slice(0, 30)}…’ is longer`,
      });
    } else if (wordless) {
      problems.push({
        fieldId: ids.phrases,
        message: `Each phrase needs a word: ‘${wordless}’ has none`,
      });
    }
  }
  return problems;
}
