/**
 * Removes personal data from free text before it is stored (measurement.md, 'Fairness and
 * privacy'). The raw text is never written anywhere. Patterns are deliberately specific so that
 * figures customers legitimately quote ('10 working days', trade mark UK00003412345, patent
 * GB2401234.5, dates, amounts, times, 'class 9 and 42') survive; test/support/redaction-cases.ts
 * holds the table of tricky cases both ways.
 *
 * Order matters: e-mail addresses first (they contain digits and letters of every other kind),
 * then National Insurance numbers, card-like numbers, phone numbers and postcodes.
 *
 * Every pass takes time linear in the length of the text, whatever the text: the regular
 * expressions have bounded quantifiers and no ambiguous repetition (so each starting position
 * costs a bounded amount of work), and e-mail addresses, whose parts are unbounded, are found by
 * a hand-written scanner instead of a pattern. The scanner gives exactly the matches of the
 * pattern it replaced (referenceRedact in redaction-corpus.ts; test/redact.test.ts compares the
 * two on random text). redaction-corpus.ts also holds the inputs that made that pattern
 * quadratic, and `pnpm --filter @ipo/api bench:redact` times them.
 */

export const REDACTED = {
  email: '[email removed]',
  ni: '[NI number removed]',
  card: '[card number removed]',
  phone: '[phone number removed]',
  postcode: '[postcode removed]',
} as const;

/** The highlight markers of comment search (U+E000, U+E001): never allowed in stored text. */
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

// Two prefix letters, six digits in pairs (spaces optional), an optional A-D suffix. The prefix is
// not limited to the letters HMRC issues: the 'QQ' example prefix and mistyped numbers are
// personal data too. Digits or letters on either side (UK00003412345) mean it is something else.
const NI_NUMBER = /(?<![A-Za-z0-9])[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2}(?: ?[A-Da-d])?(?![A-Za-z0-9])/g;

// Card-like numbers: 13-19 digits unbroken, or in the groups cards are printed in (4-4-4-4...,
// and 4-6-5 for American Express) separated consistently by spaces or dashes.
const CARD_GROUPED =
  /(?<![\w.,/-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})(?![\w/-]|[.,]\d)/g;
const CARD_UNBROKEN = /(?<![\w.,/-])\d{13,19}(?![\w/-]|[.,]\d)/g;

// UK phone numbers: +44 (optionally with (0)) then 9-10 digits, or 0 then 9-10 digits; single
// spaces, dashes or brackets may sit between digits. A date (12/03/2025, 2025-03-12) or a time
// (09:30) never starts with +44 or a lone 0 followed by nine more digits.
// Before each digit: a space or dash, a closing bracket, a space or dash, each optional
// ([ -]?\)?[ -]?), written so that each separator has one reading: in that shorter form a lone
// space could be read two ways before each of the ten digits, up to 2^10 ways to fail.
const PHONE =
  /(?<![\w+/.-])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)(?:(?:[ -](?:\)[ -]?|[ -])?|\)[ -]?)?\d){9,10}(?![\w/]|[.,:]\d)/g;

// UK postcodes: outward code (A9, A99, A9A, AA9, AA99, AA9A), an optional space, inward code
// (9AA). Upper case, or wholly lower case; 'Q3 2nd' style mixed text is left alone.
const POSTCODE_UPPER =
  /(?<![A-Za-z0-9])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/g;
const POSTCODE_LOWER =
  /(?<![A-Za-z0-9])[a-z]{1,2}\d[a-z\d]? ?\d[abd-hjlnp-uw-z]{2}(?![A-Za-z0-9])/g;

/** The Luhn checksum that every payment card number passes. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

// ----- e-mail addresses
//
// The pattern this scanner implements, match for match (test/redact.test.ts compares them):
//
//   /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g
//
// As a regular expression it tries every starting position of a run of local-part characters
// and scans to the run's end from each, so a long run without '@' takes quadratic time. Its
// matches are simple to find directly, in one pass:
//
// - the local part ends at an '@' and starts at the beginning of the run of local-part characters
//   before it (the leftmost start wins; the previous match, or the text's start, bounds it);
// - after the '@' comes a chain of labels ([A-Za-z0-9-]+) joined by single dots;
// - the domain ends with a dot and the letters that begin a later label (at least two): the
//   last label of the chain that begins with two letters, as the greedy repetition backtracks
//   from the end (a@b.com123 matches a@b.com). No such label: no address at this '@'.
//
// Each character is read a bounded number of times: once scanning back from the '@' after it,
// once in the domain chain of the '@' before it.

/** Lookup of the characters of the local part (A-Z a-z 0-9 . _ % + -), by char code. */
const LOCAL = new Uint8Array(128);
/** Lookup of the characters of a domain label (A-Z a-z 0-9 -). */
const LABEL = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9-]/.test(ch)) LABEL[c] = 1;
  if (/[A-Za-z0-9._%+-]/.test(ch)) LOCAL[c] = 1;
}
const isLocal = (c: number) => c < 128 && LOCAL[c] === 1;
const isLabel = (c: number) => c < 128 && LABEL[c] === 1;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const DOT = 46;

/** Where the domain that starts at `from` (just after an '@') ends, or -1 when there is none. */
function domainEnd(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n && isLabel(text.charCodeAt(i))) i++;
  if (i === from) return -1;
  let end = -1;
  // Each later label: the dot before it must be followed by a label character.
  while (i + 1 < n && text.charCodeAt(i) === DOT && isLabel(text.charCodeAt(i + 1))) {
    const start = i + 1;
    i = start;
    while (i < n && isLetter(text.charCodeAt(i))) i++;
    // The last label that begins with two letters ends the domain, after those letters.
    if (i - start >= 2) end = i;
    while (i < n && isLabel(text.charCodeAt(i))) i++;
  }
  return end;
}

function redactEmails(text: string): string {
  let at = text.indexOf('@');
  if (at === -1) return text;
  let out = '';
  /** Where the last match ended: the next local part cannot start before it. */
  let done = 0;
  while (at !== -1) {
    let start = at;
    while (start > done && isLocal(text.charCodeAt(start - 1))) start--;
    const end = start < at ? domainEnd(text, at + 1) : -1;
    if (end === -1) {
      at = text.indexOf('@', at + 1);
      continue;
    }
    out += text.slice(done, start) + REDACTED.email;
    done = end;
    at = text.indexOf('@', end);
  }
  return out + text.slice(done);
}

export function redactPersonalData(text: string): string {
  return (
    redactEmails(text.replace(PRIVATE_USE, ''))
      .replace(NI_NUMBER, REDACTED.ni)
      // Grouped like a card: always personal. Unbroken: only when it passes the Luhn check, so
      // long reference numbers survive.
      .replace(CARD_GROUPED, REDACTED.card)
      .replace(CARD_UNBROKEN, (m) => (luhnValid(m) ? REDACTED.card : m))
      .replace(PHONE, REDACTED.phone)
      .replace(POSTCODE_UPPER, REDACTED.postcode)
      .replace(POSTCODE_LOWER, REDACTED.postcode)
  );
}
