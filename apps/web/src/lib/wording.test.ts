import type { Measure, Standard, ThresholdUnit } from '@ipo/contracts';
import { describe, expect, it } from 'vitest';
import {
  measureInWords,
  ordinal,
  quantityInWords,
  shareInWords,
  targetInWords,
  thresholdInWords,
} from './wording';

describe('quantityInWords', () => {
  it.each<[number, ThresholdUnit, string]>([
    [60, 'seconds', '60 seconds'],
    [1, 'seconds', '1 second'],
    [5, 'working_days', '5 working days'],
    [1, 'working_days', '1 working day'],
    [0, 'working_days', '0 working days'],
    [10, 'calendar_days', '10 calendar days'],
    [1, 'calendar_days', '1 calendar day'],
    [6, 'calendar_months', '6 calendar months'],
    [1, 'calendar_months', '1 calendar month'],
    [1500, 'seconds', '1,500 seconds'],
    [7.5, 'working_days', '7.5 working days'],
  ])('%d %s -> %s', (value, unit, words) => {
    expect(quantityInWords(value, unit)).toBe(words);
  });
});

describe('thresholdInWords', () => {
  it('words a threshold and gives null when there is none', () => {
    expect(thresholdInWords({ value: 20, unit: 'working_days' })).toBe('20 working days');
    expect(thresholdInWords(null)).toBeNull();
  });
});

describe('shareInWords', () => {
  it.each([
    [0.9, '90%'],
    [0.85, '85%'],
    [0.955, '95.5%'],
    [1, '100%'],
    [0, '0%'],
    // Floating point noise must not show.
    [0.1 + 0.2, '30%'],
  ])('%d -> %s', (share, words) => {
    expect(shareInWords(share)).toBe(words);
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [50, '50th'],
    [90, '90th'],
    [95, '95th'],
    [99, '99th'],
    [101, '101st'],
    [111, '111th'],
  ])('%d -> %s', (n, words) => {
    expect(ordinal(n)).toBe(words);
  });
});

describe('measureInWords', () => {
  it.each<[Measure, number | null, string]>([
    ['within_threshold_share', null, 'Share within threshold'],
    ['percentile_turnaround', 90, '90th percentile turnaround'],
    ['percentile_turnaround', 95, '95th percentile turnaround'],
    ['percentile_turnaround', null, 'Percentile turnaround'],
    ['pass_rate', null, 'Pass rate'],
    ['satisfied_share', null, 'Share satisfied'],
  ])('%s (P%s) -> %s', (measure, percentile, words) => {
    expect(measureInWords(measure, percentile)).toBe(words);
  });
});

describe('targetInWords', () => {
  const target = (value: number): Standard['target'] => ({
    value,
    tolerance: 0.02,
    effectiveFrom: '2025-04-01',
    effectiveTo: null,
    reason: 'Seeded',
  });

  it.each<
    [string, Pick<Standard, 'measure' | 'threshold' | 'percentile' | 'target'>, string | null]
  >([
    [
      'share within a threshold in seconds',
      {
        measure: 'within_threshold_share',
        threshold: { value: 60, unit: 'seconds' },
        percentile: null,
        target: target(0.9),
      },
      '90% within 60 seconds',
    ],
    [
      'share within working days',
      {
        measure: 'within_threshold_share',
        threshold: { value: 5, unit: 'working_days' },
        percentile: null,
        target: target(0.9),
      },
      '90% within 5 working days',
    ],
    [
      'share within calendar months',
      {
        measure: 'within_threshold_share',
        threshold: { value: 6, unit: 'calendar_months' },
        percentile: null,
        target: target(0.875),
      },
      '87.5% within 6 calendar months',
    ],
    [
      'share with no threshold recorded',
      { measure: 'within_threshold_share', threshold: null, percentile: null, target: target(0.9) },
      '90% within threshold',
    ],
    [
      'P90 turnaround: the target value is working days',
      {
        measure: 'percentile_turnaround',
        threshold: { value: 10, unit: 'working_days' },
        percentile: 90,
        target: target(10),
      },
      '90% completed within 10 working days',
    ],
    [
      'P95 turnaround tighter than its threshold',
      {
        measure: 'percentile_turnaround',
        threshold: { value: 10, unit: 'working_days' },
        percentile: 95,
        target: target(8),
      },
      '95% completed within 8 working days',
    ],
    [
      'turnaround of one working day',
      {
        measure: 'percentile_turnaround',
        threshold: { value: 1, unit: 'working_days' },
        percentile: 90,
        target: target(1),
      },
      '90% completed within 1 working day',
    ],
    [
      'pass rate',
      { measure: 'pass_rate', threshold: null, percentile: null, target: target(0.95) },
      '95% of checks passed',
    ],
    [
      'satisfied share',
      { measure: 'satisfied_share', threshold: null, percentile: null, target: target(0.85) },
      '85% satisfied',
    ],
    [
      'no target in force',
      { measure: 'pass_rate', threshold: null, percentile: null, target: null },
      null,
    ],
  ])('%s', (_name, standard, words) => {
    expect(targetInWords(standard)).toBe(words);
  });
});
