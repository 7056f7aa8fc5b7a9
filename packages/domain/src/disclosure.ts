/**
 * Disclosure control for feedback figures (docs/measurement.md, 'Fairness and privacy').
 *
 * Feedback figures are sums over responses, cut by filters that form hierarchies: the whole office,
 * a service, a team; a channel; a customer group; a type; a score band. Every figure the service
 * can show is a cell of the cube those hierarchies span. Hiding only the cells with fewer than 10
 * responses is not enough: a hidden cell can be recovered by subtracting visible cells from a
 * visible total (a team minus its other channels). So the cube is protected as a whole:
 *
 * 1. Primary suppression: a cell with 1-9 responses, or 1-9 scored responses, is hidden.
 * 2. Complementary suppression, for every line of the cube (a total and its parts along one
 *    hierarchy, every other coordinate fixed): when the total is visible, the hidden parts must be
 *    at least two and together hold at least 10 responses (and 0 or at least 10 scored ones), so
 *    subtraction yields at most the sum of a group of 10 or more; when the total is hidden, at
 *    least one part must be hidden too, or the total would be their sum. More cells are hidden,
 *    smallest first, until every line holds. Cells only ever become hidden, so this ends.
 * 3. The audit: the line rules are the usual heuristic and, in two or more dimensions, can leave
 *    a cell that a combination of many figures works out exactly. So the solved cube is checked
 *    against that attacker (every shown cell an equation, any sums and differences) and, while it
 *    recovers a small hidden cell, one more cell on that cell's lines is hidden.
 * 4. Zero cells are shown as zero: they describe nobody.
 *
 * Some cells can be pinned: their state was decided by an earlier solve (the figures without a
 * theme filter, when the cube of one theme is solved), so both solves agree. Should a line be
 * impossible to protect without changing a pinned cell, the solve fails closed: every free cell
 * is hidden.
 */
import { LinearAttacker } from './disclosure-audit.js';
import type { Hierarchy } from './hierarchy.js';

export { flatHierarchy, type Hierarchy } from './hierarchy.js';

import { SUPPRESSION_THRESHOLD } from './measures.js';

/** Measures 0 and 1 are the ones suppression reads: responses, and responses with a score. */
export const RESPONSES = 0;
export const SCORED = 1;

export class Cube {
  readonly sizes: number[];
  readonly strides: number[];
  readonly cells: number;
  /** values[m][cell]: measure m summed over the responses in the cell. */
  readonly values: Float64Array[];
  /** 1 where the cell is hidden. */
  readonly hidden: Uint8Array;
  /** 1 where the cell's state is fixed (decided by another solve). */
  readonly pinned: Uint8Array;
  readonly children: number[][][];
  private readonly ancestors: number[][][];

  constructor(
    readonly dims: readonly Hierarchy[],
    measures: number,
  ) {
    this.sizes = dims.map((d) => d.parent.length);
    this.strides = [];
    let stride = 1;
    for (let d = dims.length - 1; d >= 0; d--) {
      this.strides[d] = stride;
      stride *= this.sizes[d] as number;
    }
    this.cells = stride;
    this.values = Array.from({ length: Math.max(2, measures) }, () => new Float64Array(stride));
    this.hidden = new Uint8Array(stride);
    this.pinned = new Uint8Array(stride);
    this.children = dims.map((d) => {
      const kids: number[][] = d.parent.map(() => []);
      d.parent.forEach((p, i) => {
        if (i === 0) {
          if (p !== -1) throw new Error('node 0 must be the root');
          return;
        }
        if (p < 0 || p >= i) throw new Error(`node ${i}: its parent must come before it`);
        (kids[p] as number[]).push(i);
      });
      return kids;
    });
    this.ancestors = dims.map((d) =>
      d.parent.map((_, i) => {
        const path: number[] = [];
        for (let n = i; n >= 0; n = d.parent[n] as number) path.push(n);
        return path;
      }),
    );
  }

  /** The cell at these nodes, one per dimension. */
  index(nodes: readonly number[]): number {
    let c = 0;
    for (let d = 0; d < nodes.length; d++) c += (nodes[d] as number) * (this.strides[d] as number);
    return c;
  }

  /** The node of dimension d at cell c. */
  coordinate(c: number, d: number): number {
    return Math.floor(c / (this.strides[d] as number)) % (this.sizes[d] as number);
  }

  /** Adds a group of responses at these nodes (usually leaves) to every cell that contains it. */
  add(nodes: readonly number[], measures: readonly number[]): void {
    const paths = nodes.map((n, d) => this.ancestors[d]?.[n] as number[]);
    const walk = (d: number, base: number) => {
      if (d === paths.length) {
        for (let m = 0; m < measures.length; m++) {
          const column = this.values[m] as Float64Array;
          column[base] = (column[base] as number) + (measures[m] as number);
        }
        return;
      }
      for (const n of paths[d] as number[]) walk(d + 1, base + n * (this.strides[d] as number));
    };
    walk(0, 0);
  }

  value(measure: number, c: number): number {
    return (this.values[measure] as Float64Array)[c] as number;
  }
}

export interface SolveResult {
  /** Cells hidden by the first rule, then by the second. */
  primary: number;
  complementary: number;
  /** Rounds of audit and repair after the line rules (0: the line rules were enough). */
  auditRounds: number;
  /** True when a line could not be protected and every free cell was hidden instead. */
  failedClosed: boolean;
}

const small = (v: number, threshold: number) => v > 0 && v < threshold;

/**
 * Hides cells of the cube until every line is safe and the audit recovers nothing (see the rules
 * above). `audit: false` stops after the line rules (for measuring what the audit adds).
 */
export function protect(
  cube: Cube,
  options: { threshold?: number; audit?: boolean } = {},
): SolveResult {
  const threshold = options.threshold ?? SUPPRESSION_THRESHOLD;
  const responses = cube.values[RESPONSES] as Float64Array;
  const scored = cube.values[SCORED] as Float64Array;
  const { hidden, pinned } = cube;
  const dims = cube.dims.length;
  // A part that is the only non-empty part of a pinned, shown total equals that total: it cannot
  // be hidden, so it is pinned as shown (and so on down).
  for (let changed = true; changed; ) {
    changed = false;
    for (let c = 0; c < cube.cells; c++) {
      if (!pinned[c] || hidden[c] || (responses[c] as number) === 0) continue;
      for (let d = 0; d < dims; d++) {
        const node = cube.coordinate(c, d);
        const kids = cube.children[d]?.[node] as number[];
        let only = -1;
        let nonEmpty = 0;
        for (const k of kids) {
          const p = c + (k - node) * (cube.strides[d] as number);
          if ((responses[p] as number) > 0) {
            nonEmpty++;
            only = p;
          }
        }
        if (nonEmpty === 1 && !pinned[only]) {
          pinned[only] = 1;
          hidden[only] = 0;
          changed = true;
        }
      }
    }
  }
  let primary = 0;
  for (let c = 0; c < cube.cells; c++) {
    if (pinned[c]) continue;
    if (small(responses[c] as number, threshold) || small(scored[c] as number, threshold)) {
      hidden[c] = 1;
      primary++;
    }
  }

  let complementary = 0;
  let failed = false;
  const parts: number[] = [];
  /** The smallest visible, free, non-empty part, or -1. */
  const smallestVisible = () => {
    let best = -1;
    for (const p of parts) {
      if (hidden[p] || pinned[p] || (responses[p] as number) === 0) continue;
      if (best < 0 || (responses[p] as number) < (responses[best] as number)) best = p;
    }
    return best;
  };
  const fixLine = (total: number): boolean => {
    let changed = false;
    for (;;) {
      let hiddenCount = 0;
      let nonEmpty = 0;
      let hiddenResponses = 0;
      let hiddenScored = 0;
      let allPinned = pinned[total] === 1;
      for (const p of parts) {
        if (!pinned[p]) allPinned = false;
        if ((responses[p] as number) === 0) continue;
        nonEmpty++;
        if (hidden[p]) {
          hiddenCount++;
          hiddenResponses += responses[p] as number;
          hiddenScored += scored[p] as number;
        }
      }
      if (allPinned || nonEmpty === 0) return changed;
      let pick = -1;
      if (hidden[total]) {
        if (hiddenCount > 0) return changed;
        pick = smallestVisible();
      } else {
        if (hiddenCount === 0) return changed;
        const safe =
          hiddenCount >= 2 &&
          hiddenResponses >= threshold &&
          (hiddenScored === 0 || hiddenScored >= threshold);
        if (safe) return changed;
        pick = smallestVisible();
        if (pick < 0 && !pinned[total]) pick = total;
      }
      if (pick < 0) {
        failed = true;
        return changed;
      }
      hidden[pick] = 1;
      complementary++;
      changed = true;
    }
  };

  const settleLines = () => {
    for (let pass = 0; !failed; pass++) {
      let changed = false;
      for (let c = 0; c < cube.cells && !failed; c++) {
        if ((responses[c] as number) === 0) continue;
        for (let d = 0; d < dims; d++) {
          const node = cube.coordinate(c, d);
          const kids = cube.children[d]?.[node] as number[];
          if (kids.length === 0) continue;
          const stride = cube.strides[d] as number;
          parts.length = 0;
          for (const k of kids) parts.push(c + (k - node) * stride);
          if (fixLine(c)) changed = true;
        }
      }
      if (!changed) break;
      if (pass > cube.cells) throw new Error('disclosure control did not settle');
    }
  };

  // The line rules, then the audit: while the differencing attacker can work out a small hidden
  // cell, hide the smallest shown cell on one of its lines and settle the lines again.
  let audited = 0;
  for (let round = 0; !failed; round++) {
    settleLines();
    if (failed || options.audit === false) break;
    const leaked = recoverableSmallCells(cube, threshold);
    audited = round;
    if (leaked.length === 0) break;
    let pick = -1;
    for (const c of leaked) {
      for (const n of lineMates(cube, c)) {
        if (hidden[n] || pinned[n] || (responses[n] as number) === 0) continue;
        if (pick < 0 || (responses[n] as number) < (responses[pick] as number)) pick = n;
      }
      if (pick >= 0) break;
    }
    if (pick < 0 || round > cube.cells) {
      failed = true;
      break;
    }
    hidden[pick] = 1;
    complementary++;
  }

  if (failed) {
    for (let c = 0; c < cube.cells; c++) if (!pinned[c]) hidden[c] = 1;
  }
  return { primary, complementary, auditRounds: audited, failedClosed: failed };
}

/** The cells that share a line with c: its parent, siblings and children along each dimension. */
function lineMates(cube: Cube, c: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < cube.dims.length; d++) {
    const node = cube.coordinate(c, d);
    const stride = cube.strides[d] as number;
    const parent = cube.dims[d]?.parent[node] as number;
    if (parent >= 0) {
      out.push(c + (parent - node) * stride);
      for (const k of cube.children[d]?.[parent] ?? []) {
        if (k !== node) out.push(c + (k - node) * stride);
      }
    }
    for (const k of cube.children[d]?.[node] ?? []) out.push(c + (k - node) * stride);
  }
  return out;
}

/**
 * The audit: hidden cells with 1-9 responses (or scored responses) whose value follows from the
 * shown cells by sums and differences (disclosure-audit.ts). The unknowns are the finest cells
 * that are hidden; every shown cell is an equation over them. Meant for small cubes (tables of
 * two dimensions): the work grows with the cube of the number of hidden finest cells.
 */
export function recoverableSmallCells(cube: Cube, threshold = SUPPRESSION_THRESHOLD): number[] {
  const responses = cube.values[RESPONSES] as Float64Array;
  const scored = cube.values[SCORED] as Float64Array;
  const isLeaf = cube.children.map((kids) => kids.map((k) => k.length === 0));
  // The hidden finest cells with responses: the attacker's unknowns.
  const unknown = new Map<number, number>();
  for (let c = 0; c < cube.cells; c++) {
    if (!cube.hidden[c] || (responses[c] as number) === 0) continue;
    let leaf = true;
    for (let d = 0; d < cube.dims.length && leaf; d++) {
      leaf = isLeaf[d]?.[cube.coordinate(c, d)] === true;
    }
    if (leaf) unknown.set(c, unknown.size);
  }
  if (unknown.size === 0) return [];
  // Each cell's row: the unknowns it contains.
  const rows = new Map<number, number[]>();
  const ancestorsOf = (c: number): number[] => {
    let cells = [0];
    for (let d = 0; d < cube.dims.length; d++) {
      const path: number[] = [];
      for (let n = cube.coordinate(c, d); n >= 0; n = cube.dims[d]?.parent[n] as number)
        path.push(n);
      const stride = cube.strides[d] as number;
      cells = cells.flatMap((base) => path.map((n) => base + n * stride));
    }
    return cells;
  };
  for (const [leaf, k] of unknown) {
    for (const cell of ancestorsOf(leaf)) {
      const row = rows.get(cell) ?? [];
      row.push(k);
      rows.set(cell, row);
    }
  }
  const vector = (indices: number[]) => {
    const v = new Float64Array(unknown.size);
    for (const k of indices) v[k] = 1;
    return v;
  };
  const attacker = new LinearAttacker(unknown.size);
  for (const [cell, indices] of rows) if (!cube.hidden[cell]) attacker.learn(vector(indices));
  const out: number[] = [];
  for (const [cell, indices] of rows) {
    if (!cube.hidden[cell]) continue;
    if (!small(responses[cell] as number, threshold) && !small(scored[cell] as number, threshold)) {
      continue;
    }
    if (attacker.knows(vector(indices))) out.push(cell);
  }
  return out;
}

/**
 * Checks every line of a solved cube against the rules, independently of `protect`: the list of
 * lines that would let a hidden cell (or a small group of them) be recovered. Empty when safe.
 */
export function unsafeLines(cube: Cube, threshold = SUPPRESSION_THRESHOLD): string[] {
  const problems: string[] = [];
  for (let c = 0; c < cube.cells; c++) {
    if (cube.value(RESPONSES, c) === 0) continue;
    for (let d = 0; d < cube.dims.length; d++) {
      const node = cube.coordinate(c, d);
      const kids = cube.children[d]?.[node] as number[];
      if (kids.length === 0) continue;
      const parts = kids
        .map((k) => c + (k - node) * (cube.strides[d] as number))
        .filter((p) => cube.value(RESPONSES, p) > 0);
      const hiddenParts = parts.filter((p) => cube.hidden[p]);
      if (cube.hidden[c]) {
        if (parts.length > 0 && hiddenParts.length === 0) {
          problems.push(`cell ${c}: hidden, but the sum of its visible parts along dimension ${d}`);
        }
        continue;
      }
      if (hiddenParts.length === 0) continue;
      const sum = (m: number) => hiddenParts.reduce((s, p) => s + cube.value(m, p), 0);
      if (hiddenParts.length < 2 || sum(RESPONSES) < threshold) {
        problems.push(`cell ${c}, dimension ${d}: hidden parts recoverable by subtraction`);
      } else if (small(sum(SCORED), threshold)) {
        problems.push(`cell ${c}, dimension ${d}: hidden scored responses recoverable`);
      }
    }
  }
  for (let c = 0; c < cube.cells; c++) {
    if (cube.hidden[c]) continue;
    if (small(cube.value(RESPONSES, c), threshold) || small(cube.value(SCORED, c), threshold)) {
      problems.push(`cell ${c}: visible with fewer than ${threshold} responses`);
    }
  }
  return problems;
}
