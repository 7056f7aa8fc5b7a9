/**
 * Which feedback figures may be shown (docs/measurement.md, 'Fairness and privacy'; decision 7).
 *
 * Every feedback figure is a cell of a table per calendar month: the organisation (the office, a
 * service, a team or 'no team') on its own, or by one split: channel, customer group, type, or a
 * theme ('about it' or not). `protect` (packages/domain/src/disclosure.ts) hides the cells with
 * 1-9 responses and enough others that no hidden cell follows from any sums and differences of
 * the shown ones (line rules, then an exact audit).
 * Figures over several months are sums of month cells, shown only when every month's cell is
 * shown: anything they reveal the months reveal already, so two overlapping ranges cannot be
 * subtracted to get at a hidden month.
 *
 * Scores are answers, not groups: the satisfied share, the mean score and the spread of scores are
 * measures of a cell, shown with the cell (it holds at least 10 responses with a score).
 */
import {
  ChannelSchema,
  CustomerGroupSchema,
  type FeedbackFilters,
  FeedbackTypeSchema,
} from '@ipo/contracts';
import { Cube, flatHierarchy, type Hierarchy, type IsoDate, protect } from '@ipo/domain';
import { inTurn } from '../db/queryable.js';
import { dataVersion } from '../db/snapshot.js';
import { VersionedCache } from '../db/versioned-cache.js';
import type { Queryable } from '../derive/rules.js';
import {
  type AtomRow,
  databaseIdentity,
  feedbackAtoms,
  organisationRows,
  themeCodes as taxonomyCodes,
} from '../queries/feedback-tables.js';

export const CHANNELS = ChannelSchema.options;
export const GROUPS = CustomerGroupSchema.options;
export const TYPES = FeedbackTypeSchema.options;

/** The measures summed in every cell. 0 and 1 are the ones suppression reads. */
export const M = {
  responses: 0,
  scored: 1,
  satisfied: 2,
  scoreSum: 3,
  /** Responses with score 1..5 are measures 4..8. */
  score1: 4,
  withSentiment: 9,
  sentimentSum: 10,
  comments: 11,
} as const;
const MEASURES = 12;

/** The organisation hierarchy: node 0 the office, then services, then teams and 'no team'. */
export interface OrgTree {
  hierarchy: Hierarchy;
  service: Map<string, number>;
  team: Map<number, number>;
  /** Responses with no team sit under their service in a node of their own. */
  noTeam: Map<string, number>;
}

export async function loadOrgTree(db: Queryable): Promise<OrgTree> {
  return orgTreeOf(await organisationRows(db));
}

/** The hierarchy of these services and teams (services and teams in a fixed order). */
export function orgTreeOf({
  services,
  teams,
}: {
  services: readonly { code: string }[];
  teams: readonly { id: number; service_code: string }[];
}): OrgTree {
  const parent = [-1];
  const service = new Map<string, number>();
  const team = new Map<number, number>();
  const noTeam = new Map<string, number>();
  for (const s of services) {
    service.set(s.code, parent.length);
    parent.push(0);
  }
  for (const s of services) {
    noTeam.set(s.code, parent.length);
    parent.push(service.get(s.code) as number);
  }
  for (const t of teams) {
    const p = service.get(t.service_code);
    if (p === undefined) continue;
    team.set(t.id, parent.length);
    parent.push(p);
  }
  return { hierarchy: { parent }, service, team, noTeam };
}

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

/** Where a filter set sits in the cube; null when it can hold no response (a team elsewhere). */
export interface Coordinates {
  org: number;
  channel: number;
  group: number;
  type: number;
}

export function coordinatesOf(tree: OrgTree, f: FeedbackFilters): Coordinates | null {
  let org = 0;
  if (f.team !== undefined) {
    const node = tree.team.get(f.team);
    if (node === undefined) return null;
    if (f.service !== undefined && tree.hierarchy.parent[node] !== tree.service.get(f.service)) {
      return null;
    }
    org = node;
  } else if (f.service !== undefined) {
    const node = tree.service.get(f.service);
    if (node === undefined) return null;
    org = node;
  }
  return {
    org,
    channel: f.channel ? CHANNELS.indexOf(f.channel) + 1 : 0,
    group: f.customerGroup ? GROUPS.indexOf(f.customerGroup) + 1 : 0,
    type: f.type ? TYPES.indexOf(f.type) + 1 : 0,
  };
}

/** A figure: the measures summed over its months, or hidden. */
export interface Figure {
  hidden: boolean;
  values: number[];
}

const EMPTY: readonly number[] = Array.from({ length: MEASURES }, () => 0);

/** The splits beside the organisation; a figure uses at most one of them. */
export type Split = 'channel' | 'group' | 'type';
const SPLITS: Record<Split, readonly string[]> = {
  channel: CHANNELS,
  group: GROUPS,
  type: TYPES,
};

/** The filter (query field) of each split, for messages. */
export const SPLIT_FIELDS = ['channel', 'customerGroup', 'type', 'theme'] as const;

/**
 * The split a filter set uses besides the organisation: none, one of channel, customer group and
 * type, or a theme. Two at once is refused (see FeedbackCubes): the field named is the second.
 */
export function splitOf(f: {
  channel?: unknown;
  customerGroup?: unknown;
  type?: unknown;
  theme?: unknown;
}): { field: (typeof SPLIT_FIELDS)[number] | null; second: string | null } {
  const set = SPLIT_FIELDS.filter((k) => f[k] !== undefined);
  return { field: set[0] ?? null, second: set[1] ?? null };
}

/**
 * The protected tables of a run of whole months. Per month: the organisation on its own, and the
 * organisation by each split (channel, customer group, type, and each theme: about it or not),
 * each table's organisation margin pinned to the first so a figure reads the same in every table.
 * Tables of two dimensions keep the audit exact and cheap; a figure with two splits at once (say
 * e-mail from attorneys) would need the tables of every combination, where the audit grows too
 * costly to run per request, so such filters are refused.
 * A split's table is solved when a figure first needs it (MonthTables): solving it never changes
 * the organisation's table or another split's, so what is shown is the same either way.
 */
export class FeedbackCubes {
  private constructor(
    readonly tree: OrgTree,
    readonly months: readonly string[],
    private readonly base: Map<string, MonthTables>,
    private readonly themes: Map<string, Map<string, Cube>>,
  ) {}

  static async load(
    db: Queryable,
    months: readonly { id: string; start: IsoDate; end: IsoDate }[],
    options: { themes?: 'none' | 'all' | string } = {},
  ): Promise<FeedbackCubes> {
    const themes = options.themes ?? 'none';
    const [version, where, tree, themeCodes] = await inTurn(
      () => dataVersion(db),
      () => databaseIdentity(db),
      () => loadOrgTree(db),
      () =>
        themes === 'none'
          ? Promise.resolve([])
          : themes === 'all'
            ? taxonomyCodes(db)
            : Promise.resolve([themes]),
    );
    const base = new Map<string, MonthTables>();
    const themeCubes = new Map<string, Map<string, Cube>>();
    // Solved tables are kept per month for the data version they were solved at: a year's
    // figures re-solve nothing until the next import.
    const shape = `${where}|${tree.hierarchy.parent.join(',')}`;
    // Months not solved at this version are read in one query per kind (all themes at once).
    const missing = months.filter((m) => !solved.has(`${m.id}|${shape}`, version));
    const missingThemes = months.filter((m) =>
      themeCodes.some((code) => !solvedThemes.has(`${m.id}|${code}|${shape}`, version)),
    );
    const span = (list: typeof months) =>
      list.length
        ? feedbackAtoms(
            db,
            (list[0] as (typeof months)[number]).start,
            (list.at(-1) as (typeof months)[number]).end,
            'none',
          )
        : Promise.resolve([]);
    const [baseRows, themeRows] = await inTurn(
      () => span(missing),
      () =>
        missingThemes.length
          ? feedbackAtoms(
              db,
              (missingThemes[0] as (typeof months)[number]).start,
              (missingThemes.at(-1) as (typeof months)[number]).end,
              themes === 'all' ? 'all' : themes,
            )
          : Promise.resolve([]),
    );
    const baseByMonth = groupRows(baseRows, (r) => r.month);
    const themeByMonth = groupRows(themeRows, (r) => `${r.theme}|${r.month}`);
    for (const m of months) {
      const tables = await solved.get(
        `${m.id}|${shape}`,
        version,
        async () => new MonthTables(tree, baseByMonth.get(m.id) ?? []),
      );
      base.set(m.id, tables);
      for (const code of themeCodes) {
        const cube = await solvedThemes.get(`${m.id}|${code}|${shape}`, version, async () =>
          themeTable(tree, tables, themeByMonth.get(`${code}|${m.id}`) ?? []),
        );
        const key = `theme:${code}`;
        const perMonth = themeCubes.get(key) ?? new Map<string, Cube>();
        perMonth.set(m.id, cube);
        themeCubes.set(key, perMonth);
      }
    }
    return new FeedbackCubes(
      tree,
      months.map((m) => m.id),
      base,
      themeCubes,
    );
  }

  /**
   * The figure of a filter set (at most one split, or a theme) over the given months (default:
   * all loaded): shown only when every month's cell is.
   */
  figure(
    at: Coordinates | null,
    options: { theme?: string | undefined; months?: readonly string[] } = {},
  ): Figure {
    const values = [...EMPTY];
    if (!at) return { hidden: false, values };
    const set = [
      at.channel ? (['channel', at.channel] as const) : null,
      at.group ? (['group', at.group] as const) : null,
      at.type ? (['type', at.type] as const) : null,
      options.theme ? ([`theme:${options.theme}`, 1] as const) : null,
    ].filter((x) => x !== null);
    if (set.length > 1) throw new Error('a feedback figure takes at most one split');
    const [key, node] = set[0] ?? [null, 0];
    let hidden = false;
    for (const id of options.months ?? this.months) {
      const cube = !key
        ? this.base.get(id)?.org
        : key.startsWith('theme:')
          ? this.themes.get(key)?.get(id)
          : this.base.get(id)?.split(key as Split);
      if (!cube) continue;
      const c = key ? cube.index([at.org, node]) : cube.index([at.org]);
      if (cube.value(M.responses, c) === 0) continue;
      if (cube.hidden[c]) hidden = true;
      for (let m = 0; m < MEASURES; m++) values[m] = (values[m] as number) + cube.value(m, c);
    }
    return { hidden, values };
  }
}

/**
 * A month's protected tables. The organisation's is solved first, on its own; each split's table
 * pins its organisation margin to it, and `protect` never changes a pinned cell. So a split's
 * table depends on the rows and the organisation's table alone, and solving it changes no other
 * table: it is solved the first time a figure needs it (a team's satisfaction on the scorecard
 * needs none), and the shown and hidden cells are those of solving every table at once.
 */
export class MonthTables {
  readonly org: Cube;
  private readonly splits = new Map<Split, Cube>();

  constructor(
    readonly tree: OrgTree,
    readonly rows: AtomRow[],
  ) {
    this.org = new Cube([tree.hierarchy], MEASURES);
    for (const r of rows) {
      const o = orgOf(tree, r);
      if (o !== undefined) this.org.add([o], measuresOf(r));
    }
    protect(this.org);
  }

  /** The organisation by one split (channel, customer group or type), solved when first asked. */
  split(split: Split): Cube {
    let cube = this.splits.get(split);
    if (!cube) {
      const values = SPLITS[split];
      cube = splitTable(this.tree, this.org, values.length, (c) => {
        for (const r of this.rows) {
          const o = orgOf(this.tree, r);
          const value =
            split === 'channel' ? r.channel : split === 'group' ? r.customer_group : r.type;
          if (o !== undefined) c.add([o, values.indexOf(value) + 1], measuresOf(r));
        }
      });
      this.splits.set(split, cube);
    }
    return cube;
  }
}

const solved = new VersionedCache<MonthTables>(600);

function groupRows(rows: AtomRow[], key: (r: AtomRow) => string): Map<string, AtomRow[]> {
  const out = new Map<string, AtomRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return out;
}
const solvedThemes = new VersionedCache<Cube>(2000);

const orgOf = (tree: OrgTree, r: AtomRow) =>
  r.team === null ? tree.noTeam.get(r.service) : tree.team.get(r.team);

/** A table of the organisation by a split of `leaves` values, its margin pinned to `org`. */
function splitTable(tree: OrgTree, org: Cube, leaves: number, fill: (cube: Cube) => void): Cube {
  const cube = new Cube([tree.hierarchy, flatHierarchy(leaves)], MEASURES);
  fill(cube);
  const size = leaves + 1;
  for (let o = 0; o < org.cells; o++) {
    cube.pinned[o * size] = 1;
    cube.hidden[o * size] = org.hidden[o] as number;
  }
  protect(cube);
  return cube;
}

/** A month's responses by organisation, split into 'about the theme' (1) and not (2). */
export function themeTable(tree: OrgTree, tables: MonthTables, about: AtomRow[]): Cube {
  return splitTable(tree, tables.org, 2, (c) => {
    for (const r of tables.rows) {
      const o = orgOf(tree, r);
      if (o !== undefined) c.add([o, 2], measuresOf(r));
    }
    for (const r of about) {
      const o = orgOf(tree, r);
      if (o === undefined) continue;
      const values = measuresOf(r);
      c.add([o, 1], values);
      c.add(
        [o, 2],
        values.map((v) => -v),
      );
    }
  });
}
