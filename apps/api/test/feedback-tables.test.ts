/**
 * A month's protected feedback tables (feedback/disclosure.ts) solve a split's table only when a
 * figure first needs it: a team's satisfaction on the scorecard reads the organisation's table
 * alone. The shortcut must show and hide exactly what solving every table at once does (the way
 * the tables were first built), on any tables: checked here on random months against that full
 * build, written out below from the domain's primitives.
 */
import { ChannelSchema, CustomerGroupSchema, FeedbackTypeSchema } from '@ipo/contracts';
import { Cube, flatHierarchy, protect } from '@ipo/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MonthTables,
  type OrgTree,
  orgTreeOf,
  type Split,
  themeTable,
} from '../src/feedback/disclosure.js';
import type { AtomRow } from '../src/queries/feedback-tables.js';

const CHANNELS = ChannelSchema.options;
const GROUPS = CustomerGroupSchema.options;
const TYPES = FeedbackTypeSchema.options;
const MEASURES = 12;

const measuresOf = (r: AtomRow) => [
  r.responses,
  r.scored,
  r.satisfied,
  r.score_sum,
  r.s1,
  r.s2,
  r.s3,
  r.s4,
  r.s5,
  r.with_sentiment,
  r.sentiment_sum,
  r.comments,
];

/** Every table of the month solved at once: the organisation's, then each split pinned to it. */
function fullBuild(tree: OrgTree, rows: AtomRow[], about: AtomRow[]) {
  const orgOf = (r: AtomRow) =>
    r.team === null ? tree.noTeam.get(r.service) : tree.team.get(r.team);
  const org = new Cube([tree.hierarchy], MEASURES);
  for (const r of rows) {
    const o = orgOf(r);
    if (o !== undefined) org.add([o], measuresOf(r));
  }
  protect(org);
  const table = (leaves: number, fill: (c: Cube) => void) => {
    const cube = new Cube([tree.hierarchy, flatHierarchy(leaves)], MEASURES);
    fill(cube);
    for (let o = 0; o < org.cells; o++) {
      cube.pinned[o * (leaves + 1)] = 1;
      cube.hidden[o * (leaves + 1)] = org.hidden[o] as number;
    }
    protect(cube);
    return cube;
  };
  const bySplit = (values: readonly string[], of: (r: AtomRow) => string) =>
    table(values.length, (c) => {
      for (const r of rows) {
        const o = orgOf(r);
        if (o !== undefined) c.add([o, values.indexOf(of(r)) + 1], measuresOf(r));
      }
    });
  const splits: Record<Split, Cube> = {
    channel: bySplit(CHANNELS, (r) => r.channel),
    group: bySplit(GROUPS, (r) => r.customer_group),
    type: bySplit(TYPES, (r) => r.type),
  };
  const theme = table(2, (c) => {
    for (const r of rows) {
      const o = orgOf(r);
      if (o !== undefined) c.add([o, 2], measuresOf(r));
    }
    for (const r of about) {
      const o = orgOf(r);
      if (o === undefined) continue;
      c.add([o, 1], measuresOf(r));
      c.add(
        [o, 2],
        measuresOf(r).map((v) => -v),
      );
    }
  });
  return { org, splits, theme };
}

/** Mostly small groups (where cells get hidden), some large. */
const count = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 80 }) },
);

const month = fc
  .record({
    teamsPerService: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
    atoms: fc.array(
      fc.record({
        service: fc.nat(),
        team: fc.nat(),
        channel: fc.constantFrom(...CHANNELS),
        group: fc.constantFrom(...GROUPS),
        type: fc.constantFrom(...TYPES),
        responses: count,
        scoredShare: fc.double({ min: 0, max: 1, noNaN: true }),
        satisfiedShare: fc.double({ min: 0, max: 1, noNaN: true }),
        aboutTheme: fc.boolean(),
      }),
      { maxLength: 40 },
    ),
    order: fc.shuffledSubarray<Split>(['channel', 'group', 'type']),
    themeFirst: fc.boolean(),
  })
  .map(({ teamsPerService, atoms, order, themeFirst }) => {
    const services = teamsPerService.map((_, i) => ({ code: `s${i}` }));
    const teams = teamsPerService.flatMap((n, i) =>
      Array.from({ length: n }, (_, k) => ({ id: 10 * i + k + 1, service_code: `s${i}` })),
    );
    const rows: AtomRow[] = atoms.map((a) => {
      const s = a.service % services.length;
      const own = teams.filter((t) => t.service_code === `s${s}`);
      // One choice more than the service's teams: responses with no team.
      const pick = a.team % (own.length + 1);
      const scored = Math.floor(a.responses * a.scoredShare);
      const satisfied = Math.floor(scored * a.satisfiedShare);
      return {
        month: '2025-11',
        service: `s${s}`,
        team: pick < own.length ? (own[pick]?.id as number) : null,
        channel: a.channel,
        customer_group: a.group,
        type: a.type,
        responses: a.responses,
        scored,
        satisfied,
        score_sum: 5 * satisfied + (scored - satisfied),
        s1: scored - satisfied,
        s2: 0,
        s3: 0,
        s4: 0,
        s5: satisfied,
        with_sentiment: scored,
        sentiment_sum: satisfied - (scored - satisfied),
        comments: a.responses - scored,
      };
    });
    const about = rows.filter((_, i) => atoms[i]?.aboutTheme);
    return { tree: orgTreeOf({ services, teams }), rows, about, order, themeFirst };
  });

const same = (a: Cube, b: Cube) => {
  expect(Array.from(a.hidden)).toEqual(Array.from(b.hidden));
  for (let m = 0; m < MEASURES; m++)
    expect(Array.from(a.values[m] ?? [])).toEqual(Array.from(b.values[m] ?? []));
};

describe("a month's tables, split tables solved when first needed", () => {
  it('show and hide what solving every table at once does, in any order', () => {
    let hiddenSeen = 0;
    let splitHiddenSeen = 0;
    fc.assert(
      fc.property(month, ({ tree, rows, about, order, themeFirst }) => {
        const full = fullBuild(tree, rows, about);
        const tables = new MonthTables(tree, rows);
        // The organisation's figures (a team's satisfaction) before any split is solved.
        same(tables.org, full.org);
        // The same decisions as every served table's organisation margin: no split's solve
        // changes an organisation cell, so these are the figures shown whichever tables exist.
        for (const cube of [...Object.values(full.splits), full.theme]) {
          for (let o = 0; o < full.org.cells; o++) {
            const at = cube.index([o, 0]);
            expect(cube.hidden[at]).toBe(tables.org.hidden[o]);
            expect(cube.value(0, at)).toBe(tables.org.value(0, o));
          }
        }
        hiddenSeen += tables.org.hidden.some((h) => h === 1) ? 1 : 0;
        // Splits (and a theme) solved later, in any order, some never: each as in the full build.
        if (themeFirst) same(themeTable(tree, tables, about), full.theme);
        for (const split of order) {
          same(tables.split(split), full.splits[split]);
          splitHiddenSeen += tables.split(split).hidden.some((h) => h === 1) ? 1 : 0;
        }
        if (!themeFirst) same(themeTable(tree, tables, about), full.theme);
        // The organisation's table is untouched by them.
        same(tables.org, full.org);
      }),
      { numRuns: 300, seed: 20261201 },
    );
    // The random months did exercise hidden cells (else the comparison would prove little).
    expect(hiddenSeen).toBeGreaterThan(30);
    expect(splitHiddenSeen).toBeGreaterThan(30);
  });

  it('asking for a split twice gives the same solved table', () => {
    fc.assert(
      fc.property(month, ({ tree, rows }) => {
        const tables = new MonthTables(tree, rows);
        expect(tables.split('channel')).toBe(tables.split('channel'));
      }),
      { numRuns: 20, seed: 7 },
    );
  });
});
