/**
 * Removes personal data from free text before it is stored (measurement.md, 'Fairness and
 * privacy'). The raw text is never written anywhere. Patterns are deliberately specific so that
 * figures customers legitimately quote ('10 working days', trade mark UK00003412345, patent
 * GB2401234.5, dates, amounts, times, 'class 9 and 42') survive; test/redact.test.ts holds the
 * table of tricky cases both ways.
 *
 * Order matters: e-mail addresses first (they contain digits and letters of every other kind),
 * then National Insurance numbers, card-like numbers, phone numbers and postcodes.
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

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

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
const PHONE =
  /(?<![\w+/.-])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)(?:[ -]?\)?[ -]?\d){9,10}(?![\w/]|[.,:]\d)/g;

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

export function redactPersonalData(text: string): string {
  return (
    text
      .replace(PRIVATE_USE, '')
      .replace(EMAIL, REDACTED.email)
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
