/**
 * Pure text functions of the feedback explorer: tokens, stems, theme matching, sentiment and the
 * n-grams behind phrase discovery. No I/O, so they are tested without a database.
 *
 * They run on customers' text, so each takes time linear in its length, whatever the text: the
 * patterns below have no ambiguous repetition (a word's letters, then apostrophe-and-letters
 * groups, which cannot overlap; the marker is a fixed string; the end-of-word suffixes are
 * anchored), and so do the stemmer's and the sentiment tokeniser's. test/feedback-text.test.ts
 * runs them on the adversarial corpus (redaction-corpus.ts), and bench:redact times them.
 */
import Sentiment from 'sentiment';
import { stemmer } from 'stemmer';
import { redactPersonalData } from './redact.js';

/** A theme of the taxonomy as the matcher needs it. */
export interface ThemeDef {
  code: string;
  name: string;
  phrases: readonly string[];
}

// Redaction markers ('[email removed]') are not the customer's words: they must not match themes.
const MARKER = /\[(?:email|NI number|card number|phone number|postcode) removed\]/g;

/** Lower-case words (letters, with inner apostrophes: "didn't"), in order. */
export function tokenise(text: string): string[] {
  const words = text
    .replace(MARKER, ' ')
    .toLowerCase()
    .replaceAll('’', "'")
    .match(/[a-z]+(?:'[a-z]+)*/g);
  // "office's" and "offices'" are the word itself for matching.
  return (words ?? []).map((w) => w.replace(/'s$/, '').replace(/'$/, ''));
}

/** Porter stems of the words of a text, in order. */
export function stems(text: string): string[] {
  return tokenise(text).map((w) => stemmer(w));
}

/** A taxonomy prepared once: each theme's phrases as stem sequences. */
export interface CompiledTaxonomy {
  themes: { code: string; phrases: string[][] }[];
}

export function compileTaxonomy(themes: readonly ThemeDef[]): CompiledTaxonomy {
  return {
    themes: themes.map((t) => ({
      code: t.code,
      phrases: t.phrases.map((p) => stems(p)).filter((s) => s.length > 0),
    })),
  };
}

/** True when `needle` occurs in `haystack` as consecutive items. */
export function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * The codes of the themes a comment is about: a theme matches when the stems of one of its
 * phrases occur as consecutive stems of the comment ('waiting', 'waited' and 'waits' all match a
 * 'wait' phrase; 'on hold' needs both words, in order). Sorted, without duplicates.
 */
export function matchThemes(comment: string, taxonomy: CompiledTaxonomy): string[] {
  const tokens = stems(comment);
  const found = new Set<string>();
  for (const theme of taxonomy.themes) {
    if (theme.phrases.some((p) => containsSequence(tokens, p))) found.add(theme.code);
  }
  return [...found].sort();
}

const analyser = new Sentiment();

/** VADER's normalisation constant: a sum of 4 maps to about 0.72, 10 to about 0.93. */
const ALPHA = 15;

/**
 * Sentiment of a comment in -1..1. The `sentiment` package sums the AFINN-165 scores (-5..+5 per
 * word, with negation: 'not helpful' counts against) into `score`; we normalise that sum as VADER
 * does, score / sqrt(score^2 + 15), so one mildly positive word is about +0.46, a glowing comment
 * approaches +1 and a neutral one is 0. Unlike AFINN's `comparative` (score / words) it does not
 * fade in long comments. Null when the comment has no words.
 */
export function normaliseSentiment(afinnScore: number): number {
  if (afinnScore === 0) return 0;
  return afinnScore / Math.sqrt(afinnScore * afinnScore + ALPHA);
}

export function sentimentOf(comment: string): number | null {
  const text = comment.replace(MARKER, ' ');
  if (tokenise(text).length === 0) return null;
  return normaliseSentiment(analyser.analyze(text).score);
}

export interface FeedbackText {
  /** Redacted: the only form of the comment that may be stored. */
  comment: string | null;
  themes: string[];
  sentiment: number | null;
}

/**
 * Everything stored about a comment, from the raw text a customer typed: the redacted comment,
 * its themes under the taxonomy and its sentiment. Call it on every comment before it is written
 * (seed, imports, ingestion); blank comments become null.
 */
export function applyFeedbackText(raw: string | null, taxonomy: CompiledTaxonomy): FeedbackText {
  const trimmed = raw?.trim() ?? '';
  if (trimmed === '') return { comment: null, themes: [], sentiment: null };
  const comment = redactPersonalData(trimmed);
  return { comment, themes: matchThemes(comment, taxonomy), sentiment: sentimentOf(comment) };
}

// Words too common to make a phrase worth a theme. Phrases starting or ending with one are
// skipped ('on the phone' is found as 'the phone' would not be: 'phone' alone is kept elsewhere).
export const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had
  has have having he her here hers him his how i if in into is it its itself just me more most my
  no nor not of off on once only or other our out over own same she should so some such than that
  the their them then there these they this those through to too under until up very was we were
  what when where which while who whom why will with would you your yours also get got ve ll re
  im dont didnt cant couldnt wont isnt wasnt one two`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stemmer(w)),
);

/**
 * Bigrams and trigrams of stems in a comment, without those that start or end with a stop word,
 * consist of one repeated stem, or contain a phrase of an existing theme. Each n-gram once per
 * comment, so counts are 'comments that use the phrase'.
 */
export function candidatePhrases(comment: string, taxonomy: CompiledTaxonomy): string[] {
  const tokens = stems(comment);
  const known = taxonomy.themes.flatMap((t) => t.phrases);
  const out = new Set<string>();
  for (const size of [2, 3]) {
    for (let i = 0; i + size <= tokens.length; i++) {
      const gram = tokens.slice(i, i + size);
      const first = gram[0] as string;
      const last = gram[size - 1] as string;
      if (STOP_WORDS.has(first) || STOP_WORDS.has(last)) continue;
      if (gram.every((g) => g === first)) continue;
      if (known.some((p) => containsSequence(gram, p))) continue;
      out.add(gram.join(' '));
    }
  }
  return [...out];
}
