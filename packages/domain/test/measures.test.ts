import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  isLowVolume,
  nearestRankPercentile,
  SUPPRESSION_THRESHOLD,
  satisfied,
  share,
  statusOf,
  suppress,
  targetInForce,
} from '../src/index.js';

describe('share', () => {
  test.each([
    [9, 10, 0.9],
    [0, 10, 0],
    [10, 10, 1],
    [0, 0, null],
  ])('share(%i, %i) = %s', (x, n, expected) => {
    expect(share(x, n)).toBe(expected);
  });

  test('rejects impossible counts', () => {
    expect(() => share(11, 10)).toThrow(RangeError);
    expect(() => share(-1, 10)).toThrow(RangeError);
    expect(() => share(1.5, 10)).toThrow(RangeError);
  });
});

describe('nearestRankPercentile', () => {
  test.each([
    // rank = ceil(P/100 * n), 1-based, on the ascending sort
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 90, 9], // unsorted input
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 70, 7],
    [Array.from({ length: 100 }, (_, i) => i + 1), 7, 7], // 0.07 * 100 is 7.000000000000001
    [Array.from({ length: 200 }, (_, i) => i + 1), 7, 14],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 91, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 100, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0, 1],
    [[15, 20, 35, 40, 50], 30, 20], // Wikipedia nearest-rank example: ceil(1.5) = 2
    [[15, 20, 35, 40, 50], 40, 20], // ceil(2) = 2
    [[15, 20, 35, 40, 50], 50, 35],
    [[15, 20, 35, 40, 50], 100, 50],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 25, 7],
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 75, 15],
    [[4], 90, 4],
    [[2, 2, 2, 12], 90, 12],
  ])('%j P%i = %i', (values, p, expected) => {
    expect(nearestRankPercentile(values, p)).toBe(expected);
  });

  test('n = 0 gives null; the input is not reordered', () => {
    expect(nearestRankPercentile([], 90)).toBeNull();
    const values = [3, 1, 2];
    nearestRankPercentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  test('rejects a percentile outside 0-100', () => {
    expect(() => nearestRankPercentile([1], 101)).toThrow(RangeError);
    expect(() => nearestRankPercentile([1], -1)).toThrow(RangeError);
  });

  const values = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 300 });

  test('is one of the values and within min..max', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 0, max: 100 }), (vs, p) => {
        const v = nearestRankPercentile(vs, p)!;
        expect(vs).toContain(v);
        expect(v).toBeGreaterThanOrEqual(Math.min(...vs));
        expect(v).toBeLessThanOrEqual(Math.max(...vs));
      }),
    );
  });

  test('is monotone in p', () => {
    fc.assert(
      fc.property(
        values,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (vs, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(nearestRankPercentile(vs, lo)!).toBeLessThanOrEqual(
            nearestRankPercentile(vs, hi)!,
          );
        },
      ),
    );
  });

  test('at least P% of values are <= the result, and fewer than P% are < it (definition)', () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 100 }), (vs, p) => {
        const v = nearestRankPercentile(vs, p)!;
        const atMost = vs.filter((x) => x <= v).length;
        const below = vs.filter((x) => x < v).length;
        // Integer arithmetic, independent of the implementation's floating point.
        expect(atMost * 100).toBeGreaterThanOrEqual(p * vs.length);
        expect(below * 100).toBeLessThan(p * vs.length);
      }),
    );
  });
});

describe('satisfied, suppress, isLowVolume', () => {
  test.each([
    [1, false],
    [2, false],
    [3, false],
    [4, true],
    [5, true],
  ])('score %i satisfied: %s', (score, expected) => {
    expect(satisfied(score)).toBe(expected);
  });

  test.each([
    [0, true],
    [9, true],
    [10, false],
    [250, false],
  ])('suppress(%i) = %s', (n, expected) => {
    expect(SUPPRESSION_THRESHOLD).toBe(10);
    expect(suppress(n)).toBe(expected);
  });

  test.each([
    [0, 30, false], // no data is not low volume
    [1, 30, true],
    [29, 30, true],
    [30, 30, false],
    [49, 50, true],
    [50, 50, false],
  ])('isLowVolume(%i, %i) = %s', (n, min, expected) => {
    expect(isLowVolume(n, min)).toBe(expected);
  });

  test('minimum sample defaults to 30', () => {
    expect(isLowVolume(29)).toBe(true);
    expect(isLowVolume(30)).toBe(false);
  });
});

describe('statusOf', () => {
  test.each([
    // proportions: met when value >= target; near within the tolerance (default 2 points)
    ['within_threshold_share', 9 / 10, 10, 0.9, undefined, 'met'],
    ['within_threshold_share', 0.91, 100, 0.9, undefined, 'met'],
    ['within_threshold_share', 0.88, 100, 0.9, undefined, 'near'],
    ['within_threshold_share', 88 / 100, 100, 0.9, 0.02, 'near'],
    ['within_threshold_share', 0.8799, 100, 0.9, undefined, 'missed'],
    ['pass_rate', 0.94, 50, 0.95, undefined, 'near'],
    ['pass_rate', 0.92, 50, 0.95, undefined, 'missed'],
    ['pass_rate', 0.92, 50, 0.95, 0.05, 'near'],
    ['satisfied_share', 0.85, 200, 0.85, undefined, 'met'],
    ['satisfied_share', 0.1 + 0.7, 200, 0.8, 0, 'met'], // 0.7999999999999999: met within 1e-9
    ['satisfied_share', 0.8 - 2e-9, 200, 0.8, 0, 'missed'], // beyond the epsilon
    ['satisfied_share', 17 / 20, 20, 0.85, undefined, 'met'],
    ['satisfied_share', 0.7, 200, 0.85, 0, 'missed'],
    ['satisfied_share', 0.849, 200, 0.85, 0, 'missed'],
    // percentile_turnaround: value in working days, lower is better, tolerance 1 day
    ['percentile_turnaround', 10, 40, 10, undefined, 'met'],
    ['percentile_turnaround', 4, 40, 10, undefined, 'met'],
    ['percentile_turnaround', 11, 40, 10, undefined, 'near'],
    ['percentile_turnaround', 12, 40, 10, undefined, 'missed'],
    ['percentile_turnaround', 12, 40, 10, 2, 'near'],
    // no data
    ['within_threshold_share', null, 0, 0.9, undefined, 'no_data'],
    ['within_threshold_share', 1, 0, 0.9, undefined, 'no_data'],
    ['percentile_turnaround', null, 0, 10, undefined, 'no_data'],
  ] as const)(
    '%s value %s (n=%i) vs %s tol %s: %s',
    (measure, value, n, target, tolerance, expected) => {
      expect(statusOf({ measure, value, n, target, tolerance })).toBe(expected);
    },
  );

  test('floating point: every k/n at or above the target is met', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 50, max: 99 }), (n, t) => {
        const k = Math.ceil((t * n) / 100); // smallest count reaching t% (integer arithmetic)
        const status = statusOf({ measure: 'pass_rate', value: k / n, n, target: t / 100 });
        expect(status).toBe('met');
        if (k > 0 && (k - 1) * 100 < t * n) {
          expect(
            statusOf({ measure: 'pass_rate', value: (k - 1) / n, n, target: t / 100 }),
          ).not.toBe('met');
        }
      }),
    );
  });
});

describe('targetInForce (a target change mid-year)', () => {
  const versions = [
    { effectiveFrom: '2024-04-01', effectiveTo: '2025-09-30', target: 0.9, tolerance: 0.02 },
    { effectiveFrom: '2025-10-01', effectiveTo: null, target: 0.95, tolerance: 0.01 },
  ];

  test.each([
    ['2024-03-31', null],
    ['2024-04-01', 0.9],
    ['2025-09-30', 0.9], // effectiveTo is the last day in force
    ['2025-10-01', 0.95],
    ['2030-01-01', 0.95],
  ])('on %s the target is %s', (on, target) => {
    expect(targetInForce(versions, on)?.target ?? null).toBe(target);
  });

  test('a period is judged against the version in force on its first day', () => {
    // Q3 2025-26 starts 1 October, when 95% applies; Q2 ends 30 September, under 90%.
    const q3 = targetInForce(versions, '2025-10-01')!;
    const q2 = targetInForce(versions, '2025-07-01')!;
    const value = 0.93;
    expect(statusOf({ measure: 'within_threshold_share', value, n: 500, ...q2 })).toBe('met');
    expect(statusOf({ measure: 'within_threshold_share', value, n: 500, ...q3 })).toBe('missed');
    // The financial year 2025-26 began on 1 April under the old version.
    expect(targetInForce(versions, '2025-04-01')?.target).toBe(0.9);
  });

  test('overlapping versions: the later effectiveFrom wins', () => {
    const overlapping = [
      { effectiveFrom: '2024-04-01', effectiveTo: null, target: 0.9, tolerance: 0.02 },
      { effectiveFrom: '2025-01-01', effectiveTo: null, target: 0.92, tolerance: 0.02 },
    ];
    expect(targetInForce(overlapping, '2025-06-01')?.target).toBe(0.92);
    expect(targetInForce(overlapping, '2024-06-01')?.target).toBe(0.9);
    expect(targetInForce([], '2024-06-01')).toBeNull();
  });
});
