import { describe, expect, test } from 'vitest';
import { forecastPeriod, forecastSentence } from '../src/index.js';

describe('forecastPeriod', () => {
  test('the measurement.md example: 12 more late replies out of about 410', () => {
    // 41 of 63 working days elapsed; 267 replies so far, 236 within 5 days, 29 late.
    // expected = 267 * 63 / 41 = 410.27; allowance = floor(0.1 * 410.27) - 29 = 41 - 29 = 12.
    const f = forecastPeriod({
      completedSoFar: 267,
      lateSoFar: 29,
      withinSoFar: 238,
      workingDaysElapsed: 41,
      workingDaysInPeriod: 63,
      target: 0.9,
      measure: 'within_threshold_share',
    });
    expect(f.expected).toBeCloseTo(410.268, 3);
    expect(f.allowance).toBe(12);
    expect(f.reachable).toBe(true);
    expect(f.projectedValue).toBeCloseTo(238 / 267, 12);
    expect(f.hasForecast).toBe(true);
  });

  test('floating point does not cost a late item: (1 - 0.9) * 410 is 41', () => {
    const f = forecastPeriod({
      completedSoFar: 205,
      lateSoFar: 0,
      withinSoFar: 205,
      workingDaysElapsed: 30,
      workingDaysInPeriod: 60,
      target: 0.9,
      measure: 'within_threshold_share',
    });
    expect(f.expected).toBe(410);
    expect(f.allowance).toBe(41);
  });

  test('negative allowance: out of reach', () => {
    const f = forecastPeriod({
      completedSoFar: 100,
      lateSoFar: 25,
      withinSoFar: 75,
      workingDaysElapsed: 20,
      workingDaysInPeriod: 40,
      target: 0.9,
      measure: 'within_threshold_share',
    });
    // expected 200; floor(0.1 * 200) - 25 = -5
    expect(f.allowance).toBe(-5);
    expect(f.reachable).toBe(false);
  });

  test('no working day elapsed: no forecast', () => {
    const f = forecastPeriod({
      completedSoFar: 0,
      lateSoFar: 0,
      withinSoFar: 0,
      workingDaysElapsed: 0,
      workingDaysInPeriod: 63,
      target: 0.9,
      measure: 'within_threshold_share',
    });
    expect(f.hasForecast).toBe(false);
    expect(f.projectedValue).toBeNull();
    expect(Number.isFinite(f.expected)).toBe(true);
  });

  test('percentile measure: allowance from P, no projected value', () => {
    const f = forecastPeriod({
      completedSoFar: 100,
      lateSoFar: 4,
      withinSoFar: 96,
      workingDaysElapsed: 10,
      workingDaysInPeriod: 20,
      target: 0.9,
      measure: 'percentile_turnaround',
    });
    expect(f.allowance).toBe(16);
    expect(f.projectedValue).toBeNull();
  });

  test('rejects inconsistent input', () => {
    const base = {
      completedSoFar: 10,
      lateSoFar: 5,
      withinSoFar: 5,
      workingDaysElapsed: 5,
      workingDaysInPeriod: 20,
      target: 0.9,
      measure: 'pass_rate' as const,
    };
    expect(() => forecastPeriod({ ...base, lateSoFar: 6 })).toThrow(RangeError);
    expect(() => forecastPeriod({ ...base, workingDaysElapsed: 21 })).toThrow(RangeError);
    expect(() => forecastPeriod({ ...base, target: 90 })).toThrow(RangeError);
  });
});

describe('forecastSentence', () => {
  test('positive allowance: the wording of measurement.md', () => {
    expect(
      forecastSentence({
        periodLabel: 'Q3',
        projectedValue: 0.884,
        target: 0.9,
        allowance: 12,
        expected: 410.27,
        unit: 'replies',
      }),
    ).toBe(
      'At the current pace Q3 ends at 88.4% against a 90% target; 12 more late replies can be absorbed out of about 410 expected.',
    );
  });

  test('negative allowance says the target is out of reach', () => {
    const s = forecastSentence({
      periodLabel: 'Q3',
      projectedValue: 0.841,
      target: 0.9,
      allowance: -3,
      expected: 410,
      unit: 'replies',
      unitSingular: 'reply',
    });
    expect(s).toBe(
      'At the current pace Q3 ends at 84.1% against a 90% target; the target is already out of reach unless volumes change, with 3 more late replies than it can absorb out of about 410 expected.',
    );
  });

  test('singular, zero and thousands', () => {
    const base = {
      periodLabel: 'July 2025',
      projectedValue: 0.925,
      target: 0.925,
      expected: 1234.4,
      unit: 'calls',
      unitSingular: 'call',
    };
    expect(forecastSentence({ ...base, allowance: 1 })).toContain(
      '1 more late call can be absorbed out of about 1,234 expected',
    );
    expect(forecastSentence({ ...base, allowance: 0 })).toContain(
      'no more late calls can be absorbed',
    );
    expect(forecastSentence({ ...base, allowance: 0 })).toContain('92.5% against a 92.5% target');
  });

  test('no forecast yet', () => {
    expect(
      forecastSentence({
        periodLabel: 'Q3',
        projectedValue: null,
        target: 0.9,
        allowance: 0,
        expected: 0,
        unit: 'replies',
        hasForecast: false,
      }),
    ).toMatch(/too early/);
    expect(
      forecastSentence({
        periodLabel: 'Q3',
        projectedValue: null,
        target: 0.9,
        allowance: 0,
        expected: 0,
        unit: 'replies',
      }),
    ).toMatch(/no completed replies/);
  });
});
