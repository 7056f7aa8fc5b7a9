/**
 * How often a differencing attacker still recovers a small hidden feedback cell, on random cubes
 * (`pnpm --filter @ipo/api bench:disclosure [--runs N]`). The attacker knows every shown figure and
 * combines them by any sums and differences (packages/domain/src/disclosure-audit.ts). Prints, per
 * shape, the share of cubes where it recovers at least one cell of 1-9 responses, with primary
 * suppression alone and with the line rules of `protect`. Figures, not a test: the test suite
 * checks the rules themselves and the single-hierarchy case, where they are exact.
 */
import { parseArgs } from 'node:util';
import {
  atomsOf,
  Cube,
  flatHierarchy,
  type Hierarchy,
  isUnder,
  LinearAttacker,
  protect,
} from '@ipo/domain';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '2000' } } });
const runs = Number(args.runs);

// A seeded generator, so the figures can be repeated.
let state = 20261201;
const random = () => {
  state = (state * 1664525 + 1013904223) % 2 ** 32;
  return state / 2 ** 32;
};
const count = () => {
  const r = random();
  if (r < 3 / 7) return Math.floor(random() * 4);
  if (r < 6 / 7) return Math.floor(random() * 13);
  return 10 + Math.floor(random() * 71);
};

function leaks(cube: Cube, atoms: number[][]): number {
  const unknown = atoms.filter((a) => {
    const c = cube.index(a);
    return cube.hidden[c] && cube.value(0, c) > 0;
  });
  if (unknown.length === 0) return 0;
  const row = (cell: number) =>
    unknown.map((a) =>
      cube.dims.every((h, d) => isUnder(h, a[d] as number, cube.coordinate(cell, d))) ? 1 : 0,
    );
  const attacker = new LinearAttacker(unknown.length);
  for (let c = 0; c < cube.cells; c++) if (!cube.hidden[c]) attacker.learn(row(c));
  let found = 0;
  for (let c = 0; c < cube.cells; c++) {
    const n = cube.value(0, c);
    const s = cube.value(1, c);
    const small = (n > 0 && n < 10) || (s > 0 && s < 10);
    if (cube.hidden[c] && small && attacker.knows(row(c))) found++;
  }
  return found;
}

const org: Hierarchy = { parent: [-1, 0, 0, 1, 1, 2, 2] };
const shapes: [string, Hierarchy[]][] = [
  ['one hierarchy (service > team)', [org]],
  ['team x channel (2 flat x 3)', [flatHierarchy(3), flatHierarchy(3)]],
  ['service > team x channel', [org, flatHierarchy(3)]],
  ['three flat dimensions (3 x 2 x 2)', [flatHierarchy(3), flatHierarchy(2), flatHierarchy(2)]],
];

console.log(`Differencing attacker on ${runs} random cubes per shape (seeded)`);
console.log(
  'shape | cubes with a recoverable small cell: primary only | line rules | line rules and audit | cells hidden: line rules | with audit',
);
for (const [name, dims] of shapes) {
  const atoms = atomsOf(dims);
  let primaryOnly = 0;
  let lineRules = 0;
  let audited = 0;
  let hiddenLines = 0;
  let hiddenAudit = 0;
  for (let r = 0; r < runs; r++) {
    const values = atoms.map(() => {
      const n = count();
      return [n, Math.round(n * random())];
    });
    const build = () => {
      const cube = new Cube(dims, 2);
      atoms.forEach((a, i) => {
        cube.add(a, values[i] as number[]);
      });
      return cube;
    };
    const first = build();
    for (let c = 0; c < first.cells; c++) {
      const n = first.value(0, c);
      const s = first.value(1, c);
      if ((n > 0 && n < 10) || (s > 0 && s < 10)) first.hidden[c] = 1;
    }
    if (leaks(first, atoms) > 0) primaryOnly++;
    const second = build();
    protect(second, { audit: false });
    if (leaks(second, atoms) > 0) lineRules++;
    hiddenLines += second.hidden.reduce((a, h) => a + h, 0);
    const third = build();
    protect(third);
    if (leaks(third, atoms) > 0) audited++;
    hiddenAudit += third.hidden.reduce((a, h) => a + h, 0);
  }
  const pct = (k: number) => `${((100 * k) / runs).toFixed(1)}%`;
  console.log(
    `${name} | ${pct(primaryOnly)} | ${pct(lineRules)} | ${pct(audited)} | ${(hiddenLines / runs).toFixed(2)} | ${(hiddenAudit / runs).toFixed(2)}`,
  );
}
