import { nearestRank } from './measures.js';

/**
 * Counts behind one figure. For percentile measures `histogram` holds how many items took each
 * number of elapsed working days, so percentiles of any union of days are exact.
 */
export interface Tally {
  n: number;
  successes: number;
  histogram: Map<number, number> | null;
}

export function emptyTally(withHistogram: boolean): Tally {
  return { n: 0, successes: 0, histogram: withHistogram ? new Map() : null };
}

export function addTo(target: Tally, source: Tally): void {
  target.n += source.n;
  target.successes += source.successes;
  if (target.histogram && source.histogram) {
    for (const [k, v] of source.histogram) {
      target.histogram.set(k, (target.histogram.get(k) ?? 0) + v);
    }
  }
}

/** Nearest-rank P-th percentile from a histogram (measurement.md): the value at rank ceil(P/100 n). */
export function histogramPercentile(histogram: Map<number, number>, p: number): number | null {
  let n = 0;
  for (const v of histogram.values()) n += v;
  if (n === 0) return null;
  const rank = nearestRank(p, n);
  let seen = 0;
  for (const key of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(key) ?? 0;
    if (seen >= rank) return key;
  }
  return null;
}
