import { describe, expect, test } from 'vitest';
import { DEFAULT_THEMES } from '../src/feedback/default-taxonomy.js';
import { ADVERSARIAL_CORPUS } from '../src/feedback/redaction-corpus.js';
import {
  applyFeedbackText,
  candidatePhrases,
  compileTaxonomy,
  matchThemes,
  normaliseSentiment,
  sentimentOf,
  stems,
  tokenise,
} from '../src/feedback/text.js';

const taxonomy = compileTaxonomy([
  { code: 'waiting', name: 'Waiting', phrases: ['wait'] },
  { code: 'phone-queue', name: 'Phone queue', phrases: ['on hold', 'hold times'] },
  { code: 'online', name: 'Online', phrases: ['online form'] },
]);

describe('tokens and stems', () => {
  test('words are lower case, punctuation and redaction markers dropped', () => {
    expect(tokenise("The Office's website didn't load! [email removed] 10 days")).toEqual([
      'the',
      'office',
      'website',
      "didn't",
      'load',
      'days',
    ]);
  });

  test.each(['waited', 'waiting', 'waits', 'Wait'])('%s stems to wait', (word) => {
    expect(stems(word)).toEqual(['wait']);
  });
});

describe('matchThemes', () => {
  test.each([
    ['I waited for ages', ['waiting']],
    ['Waiting on the phone', ['waiting']],
    ['It waits forever', ['waiting']],
    ['I was kept on hold', ['phone-queue']],
    ['Hold time is long', ['phone-queue']],
    ['held on the line', []],
    ['hold on, times are fine', []],
    ['The online forms timed out while I waited on hold', ['online', 'phone-queue', 'waiting']],
    ['online, the form was fine', []],
    ['', []],
  ])('%j is about %j', (comment, expected) => {
    expect(matchThemes(comment, taxonomy)).toEqual(expected);
  });

  test('the default taxonomy finds the demo stories', () => {
    const t = compileTaxonomy(DEFAULT_THEMES);
    expect(matchThemes('I was waiting on the phone for over 20 minutes.', t)).toContain(
      'waiting-times',
    );
    expect(matchThemes('The website kept crashing when I tried to pay.', t)).toEqual([
      'fees',
      'it-problems',
      'online-services',
    ]);
    expect(
      matchThemes('The adviser was really helpful and explained everything clearly.', t),
    ).toEqual(['clarity-of-guidance', 'helpful-staff']);
  });
});

describe('sentiment', () => {
  test.each([
    [0, 0],
    [4, 4 / Math.sqrt(31)],
    [-4, -4 / Math.sqrt(31)],
  ])('normalises an AFINN sum of %d to %f', (score, expected) => {
    expect(normaliseSentiment(score)).toBeCloseTo(expected, 12);
  });

  test('stays within -1..1 and keeps order', () => {
    let previous = -1;
    for (let s = -60; s <= 60; s++) {
      const v = normaliseSentiment(s);
      expect(v).toBeGreaterThan(-1);
      expect(v).toBeLessThan(1);
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v;
    }
  });

  test('praise is positive, complaints negative, negation counts', () => {
    expect(sentimentOf('Brilliant, thank you, really helpful staff') ?? 0).toBeGreaterThan(0.5);
    expect(
      sentimentOf('Terrible, the website kept crashing and I lost everything') ?? 0,
    ).toBeLessThan(-0.3);
    expect(sentimentOf('not helpful') ?? 0).toBeLessThan(0);
    expect(sentimentOf('I filed form TM3')).toBe(0);
    expect(sentimentOf('[email removed]')).toBeNull();
  });
});

describe('applyFeedbackText', () => {
  test('redacts first, then tags and scores the redacted text', () => {
    const out = applyFeedbackText(
      '  I waited on hold for ages, call me on 07700 900461 or sam@example.com  ',
      taxonomy,
    );
    expect(out.comment).toBe(
      'I waited on hold for ages, call me on [phone number removed] or [email removed]',
    );
    expect(out.themes).toEqual(['phone-queue', 'waiting']);
    expect(typeof out.sentiment).toBe('number');
  });

  test.each([null, '', '   '])('a blank comment (%j) stores nothing', (raw) => {
    expect(applyFeedbackText(raw, taxonomy)).toEqual({
      comment: null,
      themes: [],
      sentiment: null,
    });
  });
});

describe('candidatePhrases', () => {
  test('bigrams and trigrams of stems without stop-word edges or known phrases', () => {
    const phrases = candidatePhrases('The payment page crashed on hold music', taxonomy);
    expect(phrases).toContain('payment page');
    expect(phrases).toContain('payment page crash');
    expect(phrases).not.toContain('the payment');
    expect(phrases.some((p) => p.includes('on hold'))).toBe(false);
  });
});

describe('linear-time text handling: adversarial text of 80,000 characters', () => {
  const defaults = compileTaxonomy(DEFAULT_THEMES);

  test('words and spaces: every word, in order', () => {
    const words = tokenise('ab cd '.repeat(13_333));
    expect(words).toHaveLength(26_666);
    expect(words.every((w, i) => w === (i % 2 === 0 ? 'ab' : 'cd'))).toBe(true);
  });

  test("apostrophes: one word of inner apostrophes, its final 's dropped", () => {
    const text = "it's".repeat(20_000);
    expect(tokenise(text)).toEqual([text.slice(0, -2)]);
    expect(tokenise("'".repeat(80_000))).toEqual([]);
    expect(tokenise("a''".repeat(80_000 / 3))).toHaveLength(Math.floor(80_000 / 3));
  });

  test('one long word has one stem', () => {
    const word = 'abcdefghij'.repeat(8_000);
    const [stem, ...rest] = stems(word);
    expect(rest).toEqual([]);
    expect(stem?.startsWith('abcdefghij')).toBe(true);
    expect(stems(`${'ab'.repeat(40_000)}ing`)).toHaveLength(1);
  });

  test('redaction markers, back to back', () => {
    expect(tokenise('[email removed]'.repeat(5_000))).toEqual([]);
  });

  test.each(ADVERSARIAL_CORPUS.map((entry) => [entry.name, entry] as const))(
    'applyFeedbackText on %s',
    (_, entry) => {
      const out = applyFeedbackText(entry.text(80_000), defaults);
      expect(out.comment).toBe(entry.redacted(80_000).trim());
      expect(out.themes).toEqual(matchThemes(out.comment ?? '', defaults));
      expect(out.sentiment === null || Math.abs(out.sentiment) <= 1).toBe(true);
    },
  );
});
