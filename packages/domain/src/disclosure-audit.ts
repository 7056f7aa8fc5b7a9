/**
 * The differencing attacker, for tests and benchmarks of disclosure control: someone who knows
 * every figure shown (each a sum over groups of responses) and combines them by any sums and
 * differences. A hidden figure is recovered when its own sum follows from the shown ones, that is
 * when its row lies in the span of the shown rows. Exact for the small systems it is used on
 * (0/1 rows over a few hundred unknowns); no non-negativity reasoning.
 */
import type { Hierarchy } from './hierarchy.js';

export class LinearAttacker {
  private readonly basis: Float64Array[] = [];
  private readonly pivots: number[] = [];

  constructor(readonly unknowns: number) {}

  private reduce(row: ArrayLike<number>): Float64Array {
    const r = Float64Array.from(row);
    for (let k = 0; k < this.basis.length; k++) {
      const p = this.pivots[k] as number;
      const f = r[p] as number;
      if (Math.abs(f) < 1e-9) continue;
      const b = this.basis[k] as Float64Array;
      for (let j = 0; j < r.length; j++) r[j] = (r[j] as number) - f * (b[j] as number);
    }
    return r;
  }

  /** A figure the attacker sees: the 0/1 row of the groups it sums. */
  learn(row: ArrayLike<number>): void {
    const r = this.reduce(row);
    let p = -1;
    let best = 1e-9;
    for (let j = 0; j < r.length; j++) {
      const a = Math.abs(r[j] as number);
      if (a > best) {
        best = a;
        p = j;
      }
    }
    if (p < 0) return;
    const f = r[p] as number;
    for (let j = 0; j < r.length; j++) r[j] = (r[j] as number) / f;
    for (const b of this.basis) {
      const g = b[p] as number;
      if (Math.abs(g) < 1e-9) continue;
      for (let j = 0; j < b.length; j++) b[j] = (b[j] as number) - g * (r[j] as number);
    }
    this.basis.push(r);
    this.pivots.push(p);
  }

  /** Whether the sum over `row` follows from what was learnt. */
  knows(row: ArrayLike<number>): boolean {
    const r = this.reduce(row);
    for (let j = 0; j < r.length; j++) if (Math.abs(r[j] as number) > 1e-6) return false;
    return true;
  }
}

/** The leaves of a hierarchy: the nodes that are no node's parent. */
export function leavesOf(h: Hierarchy): number[] {
  return h.parent.map((_, i) => i).filter((i) => !h.parent.includes(i));
}

/** Every combination of leaves of the dimensions: the finest groups of a cube. */
export function atomsOf(dims: readonly Hierarchy[]): number[][] {
  let out: number[][] = [[]];
  for (const d of dims) out = out.flatMap((prefix) => leavesOf(d).map((l) => [...prefix, l]));
  return out;
}

/** Whether node `a` is node `b` or lies below it. */
export function isUnder(h: Hierarchy, a: number, b: number): boolean {
  for (let n = a; n >= 0; n = h.parent[n] as number) if (n === b) return true;
  return false;
}
