import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Cube,
  flatHierarchy,
  type Hierarchy,
  protect,
  RESPONSES,
  SCORED,
  unsafeLines,
} from '../src/disclosure.js';
import { atomsOf, isUnder, LinearAttacker } from '../src/disclosure-audit.js';

/**
 * The differencing attacker: knows every visible cell's count (each one an equation over the
 * atoms) and the atoms shown on their own. Returns the hidden cells whose count follows exactly
 * from the visible ones by linear algebra (sums and differences of any visible figures).
 */
function recoverable(cube: Cube, atoms: number[][]): number[] {
  const atomCells = atoms.map((a) => cube.index(a));
  // Atoms whose own cell is visible are known; the rest are the unknowns.
  const unknown = atomCells
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => cube.hidden[c] && cube.value(RESPONSES, c) > 0);
  if (unknown.length === 0) return [];
  const contains = (cell: number, atom: number[]) =>
    cube.dims.every((h, d) => isUnder(h, atom[d] as number, cube.coordinate(cell, d)));
  const row = (cell: number) =>
    unknown.map(({ i }) => (contains(cell, atoms[i] as number[]) ? 1 : 0));
  const attacker = new LinearAttacker(unknown.length);
  for (let c = 0; c < cube.cells; c++) if (!cube.hidden[c]) attacker.learn(row(c));
  const out: number[] = [];
  for (let c = 0; c < cube.cells; c++) if (cube.hidden[c] && attacker.knows(row(c))) out.push(c);
  return out;
}

const isSmall = (v: number) => v > 0 && v < 10;

describe('disclosure control', () => {
  // Team (service 1: teams 3, 4; service 2: teams 5, 6) by channel (phone, email).
  const org: Hierarchy = { parent: [-1, 0, 0, 1, 1, 2, 2] };
  const channel = flatHierarchy(2);

  it('hides a small cell and a partner, so a team minus its other channel reveals nothing', () => {
    const cube = new Cube([org, channel], 2);
    cube.add([3, 1], [45, 40]); // team 3 by phone
    cube.add([3, 2], [5, 5]); // team 3 by email: 5, fewer than 10
    cube.add([4, 1], [30, 30]);
    cube.add([4, 2], [20, 20]);
    cube.add([5, 1], [50, 50]);
    cube.add([6, 2], [50, 50]);
    const result = protect(cube);
    expect(result.failedClosed).toBe(false);
    expect(cube.hidden[cube.index([3, 2])]).toBe(1);
    // Without a partner, team 3 (50) minus team 3 by phone (45) would give 5.
    expect(cube.hidden[cube.index([3, 1])]).toBe(1);
    // ...and then email (all teams) minus the other teams by email would give team 3 by email.
    const emailOfService1 = [cube.index([3, 2]), cube.index([4, 2])];
    expect(emailOfService1.every((c) => cube.hidden[c])).toBe(true);
    expect(unsafeLines(cube)).toEqual([]);
    expect(recoverable(cube, atomsOf([org, channel]))).toEqual([]);
    // Big cells stay visible.
    expect(cube.hidden[cube.index([0, 0])]).toBe(0);
    expect(cube.hidden[cube.index([5, 1])]).toBe(0);
  });

  it('hides cells with few scored responses even when they have many responses', () => {
    const cube = new Cube([flatHierarchy(3)], 2);
    cube.add([1], [40, 4]);
    cube.add([2], [40, 40]);
    cube.add([3], [40, 40]);
    protect(cube);
    expect(cube.hidden[1]).toBe(1);
    expect(unsafeLines(cube)).toEqual([]);
  });

  it('hides the total when a small cell has no partner to hide with', () => {
    // Team 3 has all of service 1's responses but 4; the only other part is team 4 (4).
    const cube = new Cube([org], 2);
    cube.add([3], [4, 4]);
    cube.add([5], [50, 50]);
    cube.add([6], [50, 50]);
    protect(cube);
    expect(cube.hidden[cube.index([3])]).toBe(1);
    // Service 1 equals team 3: one hidden part under a total of 4 is hidden by the first rule.
    expect(cube.hidden[cube.index([1])]).toBe(1);
    expect(unsafeLines(cube)).toEqual([]);
    expect(recoverable(cube, atomsOf([org]))).toEqual([]);
  });

  it('keeps pinned cells as they were decided and protects the rest around them', () => {
    // A theme dimension: all, about the theme, not about it. The 'all' slice is pinned.
    const theme = flatHierarchy(2);
    const cube = new Cube([flatHierarchy(2), theme], 2);
    cube.add([1, 1], [8, 8]);
    cube.add([1, 2], [30, 30]);
    cube.add([2, 1], [25, 25]);
    cube.add([2, 2], [25, 25]);
    for (let g = 0; g < 3; g++) cube.pinned[cube.index([g, 0])] = 1;
    protect(cube);
    expect([0, 1, 2].map((g) => cube.hidden[cube.index([g, 0])])).toEqual([0, 0, 0]);
    expect(cube.hidden[cube.index([1, 1])]).toBe(1);
    // Group 1 minus its theme cell would reveal the 8 otherwise.
    expect(cube.hidden[cube.index([1, 2])]).toBe(1);
    expect(unsafeLines(cube)).toEqual([]);
  });

  it('a part equal to its pinned, shown total stays shown instead of failing closed', () => {
    // Group 1's responses are all about the theme: its theme cell equals the shown group cell.
    const cube = new Cube([flatHierarchy(3), flatHierarchy(2)], 2);
    cube.add([1, 1], [20, 20]);
    cube.add([2, 1], [4, 4]);
    cube.add([2, 2], [30, 30]);
    cube.add([3, 1], [15, 15]);
    cube.add([3, 2], [25, 25]);
    for (let g = 0; g < 4; g++) cube.pinned[cube.index([g, 0])] = 1;
    const result = protect(cube);
    expect(result.failedClosed).toBe(false);
    expect(cube.hidden[cube.index([1, 1])]).toBe(0);
    expect(cube.hidden[cube.index([2, 1])]).toBe(1);
    // The partner of group 2's theme cell in the theme slice is group 3's (group 1's is pinned).
    expect(cube.hidden[cube.index([3, 1])]).toBe(1);
    expect(unsafeLines(cube)).toEqual([]);
  });

  const hierarchies = fc.constantFrom<Hierarchy[]>(
    [org, channel],
    [org, flatHierarchy(3)],
    [flatHierarchy(3), flatHierarchy(2), flatHierarchy(2)],
    [{ parent: [-1, 0, 0, 1, 1, 1, 2, 2] }, flatHierarchy(2)],
    [flatHierarchy(4)],
  );
  // Mostly small counts and zeros, sometimes large: the cases where suppression matters.
  const count = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 80 }) },
  );
  const cubes = (shapes: fc.Arbitrary<Hierarchy[]>) =>
    shapes.chain((dims) =>
      fc.tuple(
        fc.constant(dims),
        fc.array(fc.tuple(count, fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: atomsOf(dims).length,
          maxLength: atomsOf(dims).length,
        }),
      ),
    );
  const build = (dims: Hierarchy[], values: [number, number][]) => {
    const atoms = atomsOf(dims);
    const cube = new Cube(dims, 2);
    atoms.forEach((a, i) => {
      const [n, share] = values[i] as [number, number];
      cube.add(a, [n, Math.round(n * share)]);
    });
    return { cube, atoms };
  };

  it('on random cubes every line holds, and nothing is hidden without a small cell', () => {
    fc.assert(
      fc.property(cubes(hierarchies), ([dims, values]) => {
        const { cube } = build(dims, values);
        const result = protect(cube);
        expect(unsafeLines(cube)).toEqual([]);
        const anySmall = Array.from({ length: cube.cells }, (_, c) => c).some(
          (c) => isSmall(cube.value(RESPONSES, c)) || isSmall(cube.value(SCORED, c)),
        );
        if (!anySmall) expect(cube.hidden.every((h) => h === 0)).toBe(true);
        if (!result.failedClosed) {
          expect(result.primary + result.complementary).toBe(
            cube.hidden.reduce((s, h) => s + h, 0),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on random cubes no small hidden cell follows from any sums and differences', () => {
    // The attacker here is written independently of the audit inside `protect`.
    const shapes = fc.oneof(
      hierarchies,
      fc.constantFrom<Hierarchy[]>([org], [{ parent: [-1, 0, 0, 1, 1, 1, 2, 2, 3, 3] }]),
    );
    fc.assert(
      fc.property(cubes(shapes), ([dims, values]) => {
        const { cube, atoms } = build(dims, values);
        protect(cube);
        const leaked = recoverable(cube, atoms).filter(
          (c) => isSmall(cube.value(RESPONSES, c)) || isSmall(cube.value(SCORED, c)),
        );
        expect(leaked).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('the attacker used above does find a cell when only small cells are hidden', () => {
    // Guards the test itself: with primary suppression alone, differencing recovers team 3 by email.
    const cube = new Cube([org, channel], 2);
    cube.add([3, 1], [45, 40]);
    cube.add([3, 2], [5, 5]);
    cube.add([4, 1], [30, 30]);
    cube.add([4, 2], [20, 20]);
    cube.hidden[cube.index([3, 2])] = 1;
    expect(recoverable(cube, atomsOf([org, channel]))).toContain(cube.index([3, 2]));
    expect(unsafeLines(cube).length).toBeGreaterThan(0);
  });
});
