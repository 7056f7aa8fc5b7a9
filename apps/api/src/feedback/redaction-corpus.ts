/**
 * Adversarial comments for the redaction patterns: long runs that made backtracking patterns
 * take quadratic time (e-mail local-part characters with no '@', dots and dashes), digit runs and
 * groups that the card and phone patterns start on, letters and spaces that the NI number and
 * postcode patterns start on, and many real matches in a row. Each comes with what redaction
 * must turn it into. test/redact.test.ts checks the outputs; `pnpm --filter @ipo/api
 * bench:redact` times them (and ordinary text) at growing sizes to show the time is linear.
 */
import { luhnValid, REDACTED } from './redact.js';

export interface CorpusEntry {
  name: string;
  /** A text of exactly `size` characters. */
  text(size: number): string;
  /** What redactPersonalData must return for text(size). */
  redacted(size: number): string;
}

/** `unit` repeated to `size` characters, the rest (fewer than one unit) as trailing spaces. */
function repeatTo(unit: string, size: number): { text: string; count: number; pad: string } {
  const count = Math.floor(size / unit.length);
  const pad = ' '.repeat(size - count * unit.length);
  return { text: unit.repeat(count) + pad, count, pad };
}

/** A unit repeated, left as it is by redaction. */
const unchanged = (name: string, unit: string): CorpusEntry => ({
  name,
  text: (size) => repeatTo(unit, size).text,
  redacted: (size) => repeatTo(unit, size).text,
});

/** A unit repeated, each copy redacted to `to`. */
const replaced = (name: string, unit: string, to: string): CorpusEntry => ({
  name,
  text: (size) => repeatTo(unit, size).text,
  redacted: (size) => {
    const { count, pad } = repeatTo(unit, size);
    return to.repeat(count) + pad;
  },
});

export const ADVERSARIAL_CORPUS: readonly CorpusEntry[] = [
  unchanged('e-mail local-part characters, no @', 'a.b_c%d+e-f9'),
  {
    name: 'one long local part, then @ and no domain',
    text: (size) => `${'a'.repeat(size - 8)}@example`,
    redacted: (size) => `${'a'.repeat(size - 8)}@example`,
  },
  unchanged('local parts and @, never a domain', 'abcdefghi@'),
  {
    name: 'an @, then a domain of numeric labels',
    text: (size) => `a@b${'.1'.repeat(Math.floor((size - 3) / 2))}${size % 2 === 0 ? ' ' : ''}`,
    redacted: (size) => `a@b${'.1'.repeat(Math.floor((size - 3) / 2))}${size % 2 === 0 ? ' ' : ''}`,
  },
  unchanged('dots and dashes', '.-'),
  unchanged('one run of digits', '1234567890'),
  unchanged('digit groups that almost make a phone number', '0 1 1 1 1 1 1 1 1 11x '),
  unchanged('letters and spaces', 'ab cd '),
  unchanged('one long word', 'abcdefghij'),
  replaced('e-mail addresses', 'sam@example.com ', `${REDACTED.email} `),
  replaced('phone numbers', '07700 900461 ', `${REDACTED.phone} `),
  replaced('card numbers', '4929 1234 5678 9012 ', `${REDACTED.card} `),
  replaced(
    'postcodes and NI numbers',
    'NP10 8QQ QQ123456C ',
    `${REDACTED.postcode} ${REDACTED.ni} `,
  ),
];

const ORDINARY_UNIT = [
  'I waited on hold for 45 minutes on 12/03/2025 and the online form timed out twice.',
  'My reply took longer than the 10 working days promised for trade mark UK00003412345.',
  'The fee was £170 and then £1,250.00 for renewal, which seems high for a small business.',
  'Please call me back on 07700 900461 or write to sam.taylor@example.com about it.',
  "The guidance is full of jargon and I couldn't find what class 9 and 42 cover. ",
].join(' ');

/** Ordinary comments (with a little personal data), repeated to the size. */
export const ORDINARY_TEXT: Pick<CorpusEntry, 'name' | 'text'> = {
  name: 'ordinary text',
  text: (size) => repeatTo(ORDINARY_UNIT, size).text,
};

/**
 * redactPersonalData as it was first written, with regular expressions only: the definition of
 * what it redacts, for the tests (on short texts the two must agree exactly) and the benchmark's
 * before-and-after figures. Never for stored text: its e-mail pattern takes quadratic time on long
 * runs of local-part characters, and its phone pattern could read each separator two ways.
 */
export function referenceRedact(text: string): string {
  return text
    .replace(/[\uE000-\uF8FF]/g, '')
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, REDACTED.email)
    .replace(
      /(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2}(?: ?[A-Da-d])?(?![A-Za-z0-9])/g,
      REDACTED.ni,
    )
    .replace(
      /(?<![\w.,/-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w/-]|[.,]\d)/g,
      REDACTED.card,
    )
    .replace(/(?<![\w.,/-])\d{13,19}(?![\w/-]|[.,]\d)/g, (m) => (luhnValid(m) ? REDACTED.card : m))
    .replace(
      /(?<![\w+/.-])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)(?:[ -]?\)?[ -]?\d){9,10}(?![\w/]|[.,:]\d)/g,
      REDACTED.phone,
    )
    .replace(
      /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/g,
      REDACTED.postcode,
    )
    .replace(
      /(?<![A-Za-z0-9])[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![A-Za-z0-9])/g,
      REDACTED.postcode,
    );
}
