/**
 * Intervals and tests for proportions (measurement.md: "Proportions carry a Wilson score 95%
 * interval"; "Fairness and privacy").
 */

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/**
 * Complementary error function, accurate to about 1e-14 relative.
 * |x| < 2.5: erf by the all-positive series erf(x) = 2/sqrt(pi) e^(-x^2) sum 2^k x^(2k+1) / (2k+1)!!
 * (no cancellation); otherwise the continued fraction of erfc evaluated with Lentz's method.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let k = 1; k < 200; k++) {
      term *= (2 * x2) / (2 * k + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = e^(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** Standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Wilson score interval for successes / n (default 95%). Null when n = 0.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  z: number = Z_95,
): { lower: number; upper: number } | null {
  if (!Number.isInteger(successes) || !Number.isInteger(n) || successes < 0 || successes > n) {
    throw new RangeError(
      `wilsonInterval needs whole numbers 0 <= successes <= n (got ${successes}/${n})`,
    );
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Clamp: at p = 0 or 1 rounding can leave the bound a hair outside [0, 1] or off p itself.
  return {
    lower: successes === 0 ? 0 : Math.max(0, Math.min(p, centre - half)),
    upper: successes === n ? 1 : Math.min(1, Math.max(p, centre + half)),
  };
}

/**
 * Pooled two-proportion z-test of x1/n1 against x2/n2, two-sided. Null when either n is 0.
 * When the pooled proportion is 0 or 1 both groups are identical: z = 0, p = 1.
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { z: number; p: number } | null {
  for (const [x, n] of [
    [x1, n1],
    [x2, n2],
  ] as const) {
    if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) {
      throw new RangeError(`twoProportionZTest needs whole numbers 0 <= x <= n (got ${x}/${n})`);
    }
  }
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  const p = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  return { z, p };
}

export const FAIRNESS_MIN_N = 30;
export const FAIRNESS_MIN_GAP = 0.05;
export const FAIRNESS_ALPHA = 0.05;

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function points(x: number): string {
  return `${(Math.abs(x) * 100).toFixed(1)} percentage points`;
}

function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * Compares one customer group with all the others (measurement.md, "Fairness and privacy"):
 * flagged when p < 0.05, the gap is at least 5 percentage points and both sides have n >= 30.
 * `gap` is the group's share minus the rest's share (negative: the group does worse).
 */
export function fairnessFlag(input: {
  groupSuccesses: number;
  groupN: number;
  restSuccesses: number;
  restN: number;
}): { flagged: boolean; gap: number | null; p: number | null; reason: string } {
  const { groupSuccesses, groupN, restSuccesses, restN } = input;
  const test = twoProportionZTest(groupSuccesses, groupN, restSuccesses, restN);
  if (test === null) {
    return {
      flagged: false,
      gap: null,
      p: null,
      reason:
        groupN === 0
          ? 'Not compared: this group has no results in the period.'
          : 'Not compared: there are no results from other groups in the period.',
    };
  }
  const groupShare = groupSuccesses / groupN;
  const restShare = restSuccesses / restN;
  const gap = groupShare - restShare;
  const p = test.p;
  const direction = gap < 0 ? 'lower' : 'higher';
  const comparison = `${pct(groupShare)} against ${pct(restShare)} for everyone else`;
  if (groupN < FAIRNESS_MIN_N || restN < FAIRNESS_MIN_N) {
    return {
      flagged: false,
      gap,
      p,
      reason: `Not flagged: too few results to compare fairly (${groupN} in this group and ${restN} in the others; both need at least ${FAIRNESS_MIN_N}).`,
    };
  }
  if (Math.abs(gap) < FAIRNESS_MIN_GAP - 1e-9) {
    return {
      flagged: false,
      gap,
      p,
      reason: `Not flagged: this group's result (${comparison}) differs by ${points(gap)}, less than the 5 points that count as a real gap.`,
    };
  }
  if (p >= FAIRNESS_ALPHA) {
    return {
      flagged: false,
      gap,
      p,
      reason: `Not flagged: this group's result is ${points(gap)} ${direction} (${comparison}), but a gap this size could be chance (${formatP(p)}).`,
    };
  }
  return {
    flagged: true,
    gap,
    p,
    reason: `Flagged: this group's result is ${points(gap)} ${direction} than everyone else's (${comparison}), and a gap this size is unlikely to be chance (${formatP(p)}).`,
  };
}
