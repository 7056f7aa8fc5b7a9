/** Pearson's r of paired values; null with fewer than 3 pairs or when either side is constant. */
export function pearson(pairs: readonly (readonly [number, number])[]): number | null {
  const n = pairs.length;
  if (n < 3) return null;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of pairs) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (const [x, y] of pairs) {
    cov += (x - mx) * (y - my);
    vx += (x - mx) ** 2;
    vy += (y - my) ** 2;
  }
  if (vx === 0 || vy === 0) return null;
  return Math.max(-1, Math.min(1, cov / Math.sqrt(vx * vy)));
}

/** Conventional words for |r|: below 0.1 none, 0.3 weak, 0.5 moderate, else strong. */
export function strengthOf(r: number): 'no' | 'a weak' | 'a moderate' | 'a strong' {
  const a = Math.abs(r);
  if (a < 0.1) return 'no';
  if (a < 0.3) return 'a weak';
  if (a < 0.5) return 'a moderate';
  return 'a strong';
}

/** The correlation in words, with its n and the usual caution. */
export function describeCorrelation(standardTitle: string, r: number | null, n: number): string {
  if (r === null) {
    return `Not enough months with both figures to compare satisfaction with '${standardTitle}' (${n} month${n === 1 ? '' : 's'}; at least 3 needed, each with 10 or more responses).`;
  }
  const rText = `r = ${r.toFixed(2)}, ${n} months`;
  const strength = strengthOf(r);
  if (strength === 'no') {
    return `No link between monthly satisfaction and '${standardTitle}' (${rText}).`;
  }
  const direction =
    r > 0
      ? 'months with more work on time tended to have more satisfied customers'
      : 'months with more work on time tended to have fewer satisfied customers';
  return `${strength[0]?.toUpperCase()}${strength.slice(1)} ${r > 0 ? 'positive' : 'negative'} link with '${standardTitle}': ${direction} (${rText}). A link is not proof of cause.`;
}
