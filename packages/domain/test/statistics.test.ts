import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { erfc, fairnessFlag, normalCdf, twoProportionZTest, wilsonInterval } from '../src/index.js';

// Reference values from Python's math.erfc (C library) and textbook tables.
describe('erfc and normalCdf', () => {
  test.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [2, 0.004677734981047265],
    [2.5, 0.0004069520174449589],
    [3, 2.2090496998585438e-5],
    [4, 1.541725790028002e-8],
    [5, 1.5374597944280351e-12],
    [6, 2.1519736712498916e-17],
    [-1, 1.842700792949715],
    [-3, 1.9999779095030015],
  ])('erfc(%d) = %d', (x, expected) => {
    expect(Math.abs(erfc(x) - expected)).toBeLessThanOrEqual(Math.max(1e-15, expected * 1e-10));
  });

  test.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [1.6448536269514722, 0.95],
    [-1.6448536269514722, 0.05],
    [2.5758293035489004, 0.995],
    [-3, 0.0013498980316301],
  ])('normalCdf(%d) = %d', (z, p) => {
    expect(Math.abs(normalCdf(z) - p)).toBeLessThan(1e-12);
  });

  test('symmetry: Phi(z) + Phi(-z) = 1, increasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 8, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (z, dz) => {
          expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThan(1e-14);
          expect(normalCdf(z + dz)).toBeGreaterThanOrEqual(normalCdf(z));
        },
      ),
    );
  });
});

describe('wilsonInterval', () => {
  test.each([
    [8, 10, 0.49016247153664183, 0.9433178485456247],
    [0, 10, 0, 0.2775327998628892],
    [10, 10, 0.7224672001371107, 1],
    [45, 50, 0.7863976856252035, 0.9565242350681096],
    [1, 1, 0.20654931437723745, 1],
    [90, 100, 0.8256343384950865, 0.9447708629393249],
    [850, 1000, 0.8265313415731996, 0.8707899274869118],
  ])('%i/%i -> [%d, %d]', (x, n, lower, upper) => {
    const w = wilsonInterval(x, n)!;
    expect(w.lower).toBeCloseTo(lower, 12);
    expect(w.upper).toBeCloseTo(upper, 12);
  });

  test('8/10 is about [0.490, 0.943] (measurement example)', () => {
    const w = wilsonInterval(8, 10)!;
    expect(w.lower.toFixed(3)).toBe('0.490');
    expect(w.upper.toFixed(3)).toBe('0.943');
  });

  test('n = 0 gives null; bad counts throw', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });

  test('a wider z gives a wider interval', () => {
    const w95 = wilsonInterval(30, 40)!;
    const w99 = wilsonInterval(30, 40, 2.5758293035489004)!;
    expect(w99.lower).toBeLessThan(w95.lower);
    expect(w99.upper).toBeGreaterThan(w95.upper);
  });

  test('bounds contain the proportion and lie in [0, 1]; shrink as n grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const x = Math.round(f * n);
          const w = wilsonInterval(x, n)!;
          expect(w.lower).toBeGreaterThanOrEqual(0);
          expect(w.upper).toBeLessThanOrEqual(1);
          expect(w.lower).toBeLessThanOrEqual(x / n);
          expect(w.upper).toBeGreaterThanOrEqual(x / n);
          const w4 = wilsonInterval(4 * x, 4 * n)!;
          expect(w4.upper - w4.lower).toBeLessThanOrEqual(w.upper - w.lower + 1e-12);
        },
      ),
    );
  });
});

describe('twoProportionZTest', () => {
  test.each([
    [45, 50, 40, 50, 1.4002800840280094, 0.16142946236708333],
    [30, 100, 50, 100, -2.886751345948129, 0.003892417122778627],
    [80, 100, 850, 1000, -1.3188652090320636, 0.18721417910635063],
    [27, 40, 400, 500, -1.8701167992293248, 0.06146760011557339],
    [900, 1000, 880, 1000, 1.4293008498232336, 0.15291778186394556],
  ])('%i/%i vs %i/%i: z %d, p %d', (x1, n1, x2, n2, z, p) => {
    const r = twoProportionZTest(x1, n1, x2, n2)!;
    expect(r.z).toBeCloseTo(z, 10);
    expect(Math.abs(r.p - p)).toBeLessThan(1e-9);
  });

  test('edge cases', () => {
    expect(twoProportionZTest(0, 0, 5, 10)).toBeNull();
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ z: 0, p: 1 });
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ z: 0, p: 1 });
  });

  test('swapping the groups flips z and keeps p', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, f1, f2) => {
          const x1 = Math.round(f1 * n1);
          const x2 = Math.round(f2 * n2);
          const a = twoProportionZTest(x1, n1, x2, n2)!;
          const b = twoProportionZTest(x2, n2, x1, n1)!;
          expect(a.z).toBeCloseTo(-b.z, 9);
          expect(a.p).toBeCloseTo(b.p, 12);
          expect(a.p).toBeGreaterThanOrEqual(0);
          expect(a.p).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('fairnessFlag', () => {
  test.each([
    // flagged: p < 0.05, |gap| >= 5 points, both n >= 30
    [30, 100, 50, 100, true],
    [50, 100, 30, 100, true], // a group doing better is flagged too
    // gap large but could be chance
    [27, 40, 400, 500, false],
    // significant but below 5 points (large samples)
    [8800, 10_000, 9000, 10_000, false],
    // too few in the group
    [10, 29, 450, 500, false],
    // too few in the rest
    [450, 500, 10, 29, false],
  ])('%i/%i vs %i/%i flagged %s', (groupSuccesses, groupN, restSuccesses, restN, flagged) => {
    const r = fairnessFlag({ groupSuccesses, groupN, restSuccesses, restN });
    expect(r.flagged).toBe(flagged);
    expect(r.gap).toBeCloseTo(groupSuccesses / groupN - restSuccesses / restN, 12);
    expect(r.reason).toMatch(/^[A-Z].*\.$/);
    expect(r.reason).toContain(flagged ? 'Flagged' : 'Not flagged');
  });

  test('the 8800/10000 case really is significant: only the gap rule stops it', () => {
    const r = fairnessFlag({
      groupSuccesses: 8800,
      groupN: 10_000,
      restSuccesses: 9000,
      restN: 10_000,
    });
    expect(r.p).toBeLessThan(0.05);
    expect(r.reason).toContain('5 points');
  });

  test('exactly 5 points with n = 30 each side and p < 0.05 is flagged', () => {
    // 30/30 vs 0.95 ... a 5-point gap needs large samples to be significant; use n = 3000.
    const r = fairnessFlag({
      groupSuccesses: 2700,
      groupN: 3000,
      restSuccesses: 2850,
      restN: 3000,
    });
    expect(r.gap).toBeCloseTo(-0.05, 12);
    expect(r.flagged).toBe(true);
    expect(r.reason).toContain('lower');
  });

  test('no data on one side', () => {
    const r = fairnessFlag({ groupSuccesses: 0, groupN: 0, restSuccesses: 10, restN: 40 });
    expect(r).toMatchObject({ flagged: false, gap: null, p: null });
  });
});
