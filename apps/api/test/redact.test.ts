import { describe, expect, test } from 'vitest';
import { luhnValid, redactPersonalData } from '../src/feedback/redact.js';
import { PERSONAL_CASES, SURVIVING_CASES } from './support/redaction-cases.js';

describe('redactPersonalData', () => {
  test.each(PERSONAL_CASES)('redacts personal data in %j', (text, secret, marker) => {
    const out = redactPersonalData(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(marker);
    // Everything around the secret survives.
    const [before = '', after = ''] = text.split(secret);
    expect(out).toBe(`${before}${marker}${after}`);
  });

  test.each(SURVIVING_CASES)('leaves %j alone', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  test('several kinds in one comment', () => {
    const out = redactPersonalData(
      'Email sam@example.com or call 07700 900461, NI QQ123456C, card 4111 1111 1111 1111, NP10 8QQ.',
    );
    expect(out).toBe(
      'Email [email removed] or call [phone number removed], NI [NI number removed], card [card number removed], [postcode removed].',
    );
  });

  test('strips the private-use characters that mark search highlights', () => {
    expect(redactPersonalData('a\uE000b\uE001c')).toBe('abc');
  });

  test.each([
    ['4111111111111111', true],
    ['4929123456789012', false],
    ['79927398713', true],
    ['79927398710', false],
    ['', false],
  ] as const)('Luhn check of %s is %s', (digits, valid) => {
    expect(luhnValid(digits)).toBe(valid);
  });
});
