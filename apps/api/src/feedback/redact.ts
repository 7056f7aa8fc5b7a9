/**
 * Removes personal data from free text before it is stored (measurement.md, 'Fairness and
 * privacy'). The raw text is never written anywhere. Patterns are deliberately specific so that
 * figures customers legitimately quote ('10 working days', trade mark numbers, dates, amounts)
 * survive.
 */
const patterns: [RegExp, string][] = [
  // Email addresses.
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email removed]'],
  // Card-like numbers: 13-19 digits in groups of 4 (spaces or dashes) or unbroken.
  [/\b(?:\d{4}[ -]?){3}\d{1,7}\b/g, '[card number removed]'],
  // National Insurance numbers: two letters, six digits, A-D; spaces optional.
  [/\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi, '[NI number removed]'],
  // UK phone numbers: +44 or 0, then 9-10 more digits with optional spaces, dashes or brackets.
  [/(?:\+44\s?\(?0?\)?|\b0)(?:[\s-]?\(?\d\)?){9,10}\b/g, '[phone number removed]'],
  // UK postcodes (outward and inward code).
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi, '[postcode removed]'],
];

export function redactPersonalData(text: string): string {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}
