import type {
  FeedbackComments,
  FeedbackFilters,
  FeedbackGroups,
  FeedbackOptions,
  FeedbackPhrases,
  FeedbackRange,
  FeedbackSeries,
  FeedbackSummary,
  FeedbackThemes,
  TextSegment,
} from '@ipo/contracts';
import {
  fairnessFlag,
  type IsoDate,
  londonDate,
  type Period,
  periodContaining,
  periodsBetween,
  SUPPRESSION_THRESHOLD,
  statusOf,
  suppress,
  targetInForce,
} from '@ipo/domain';
import { inTurn, type Queryable } from '../db/queryable.js';
import { HttpError } from '../plugins/errors.js';
import { MARK_END, MARK_START, searchComments } from '../queries/feedback-comments.js';
import {
  feedbackDataRange,
  servicesInOrder,
  teamsWithFeedback,
  themeActionsBetween,
} from '../queries/feedback-explorer.js';
import { cleanFilters } from '../queries/feedback-filters.js';
import { distinctComments } from '../queries/feedback-phrases.js';
import { loadStandards } from '../queries/standards.js';
import { themeNames } from '../queries/taxonomy.js';
import { cell, countCell, hiddenShare, satisfiedCell } from './cells.js';
import {
  coordinatesOf,
  FeedbackCubes,
  type Figure,
  GROUPS,
  M,
  splitOf,
  TYPES,
} from './disclosure.js';
import type { FeedbackRanges } from './range.js';
import { loadTaxonomy } from './taxonomy.js';
import { candidatePhrases } from './text.js';

const CSAT = 'csat';
const DEFAULT_TARGET = { target: 0.85, tolerance: 0.02 };

/** The csat standard's target in force on a date (ministerial target 85% by default). */
async function csatTarget(db: Queryable) {
  const [csat] = await loadStandards(db, { code: CSAT });
  return {
    minimumSample: csat?.minimumSample ?? 30,
    on: (d: IsoDate) => (csat ? targetInForce(csat.targets, d) : null) ?? DEFAULT_TARGET,
  };
}

function statusFor(
  share: { value: number | null; n: number | null },
  t: { target: number; tolerance: number },
) {
  return statusOf({
    measure: 'satisfied_share',
    value: share.value,
    n: share.value === null ? 0 : (share.n ?? 0),
    target: t.target,
    tolerance: t.tolerance,
  });
}

/** The protected cubes of these months (see disclosure.ts), and the csat target. */
async function load(db: Queryable, months: Period[], themes: 'none' | 'all' | string = 'none') {
  const [cubes, csat] = await inTurn(
    () => FeedbackCubes.load(db, months, { themes }),
    () => csatTarget(db),
  );
  return { cubes, csat };
}

export async function feedbackSummary(
  db: Queryable,
  ranges: FeedbackRanges,
  filters: FeedbackFilters,
): Promise<FeedbackSummary> {
  const { range } = ranges;
  const { cubes, csat } = await load(db, ranges.months, filters.theme ?? 'none');
  const at = coordinatesOf(cubes.tree, filters);
  const f = cubes.figure(at, { theme: filters.theme });
  const v = (m: number) => f.values[m] as number;
  const target = csat.on(range.from);
  const satisfied = satisfiedCell(f);
  const scored = v(M.scored);
  return {
    range,
    filters: cleanFilters(filters),
    responses: countCell(f),
    satisfied,
    target: target.target,
    status: statusFor(satisfied, target),
    lowVolume: !satisfied.suppressed && scored < csat.minimumSample,
    meanScore: cell(f, scored ? v(M.scoreSum) / scored : null, scored),
    // Scores are answers of the figure's responses: shown with it, as shares of those scored.
    distribution: [1, 2, 3, 4, 5].map((score) => ({
      score,
      count: cell(f, v(M.score1 + score - 1), scored),
    })),
    // The split by type is a table of its own: given with no other split than type.
    types:
      splitOf(filters).field === null || filters.type !== undefined
        ? TYPES.map((type, i) => {
            const typed =
              at && (at.type === 0 || at.type === i + 1) ? { ...at, type: i + 1 } : null;
            return { type, count: countCell(cubes.figure(typed)) };
          })
        : [],
    sentiment: cell(
      f,
      v(M.withSentiment) ? v(M.sentimentSum) / v(M.withSentiment) : null,
      v(M.withSentiment),
    ),
  };
}

export async function feedbackSeries(
  db: Queryable,
  ranges: FeedbackRanges,
  granularity: 'month' | 'quarter',
  filters: FeedbackFilters,
): Promise<FeedbackSeries> {
  const { range } = ranges;
  const periods: Period[] = periodsBetween(
    periodContaining(range.from, granularity),
    periodContaining(range.to, granularity),
  );
  // Quarters are whole: a quarter's figure is the sum of its three months.
  const months = periodsBetween(
    periodContaining((periods[0] as Period).start, 'month'),
    periodContaining((periods[periods.length - 1] as Period).end, 'month'),
  );
  const [{ cubes, csat }, actions] = await inTurn(
    () => load(db, months, filters.theme ?? 'none'),
    () =>
      filters.theme
        ? themeActionsBetween(db, filters.theme, range.from, range.to)
        : Promise.resolve([]),
  );
  const at = coordinatesOf(cubes.tree, filters);
  return {
    range,
    granularity,
    filters: cleanFilters(filters),
    points: periods.map((period) => {
      const inPeriod = months.filter((m) => m.start >= period.start && m.end <= period.end);
      const f = cubes.figure(at, { theme: filters.theme, months: inPeriod.map((m) => m.id) });
      const target = csat.on(period.start);
      const satisfied = satisfiedCell(f);
      return {
        period: { id: period.id, start: period.start, end: period.end, label: period.label },
        responses: countCell(f),
        satisfied,
        target: target.target,
        status: statusFor(satisfied, target),
      };
    }),
    actions: actions.map((a) => ({ id: a.id, title: a.title, status: a.status, on: a.on })),
  };
}

export async function feedbackThemes(
  db: Queryable,
  ranges: FeedbackRanges,
  filters: FeedbackFilters,
): Promise<FeedbackThemes> {
  const { range, previous } = ranges;
  const [{ cubes }, themes] = await inTurn(
    () => load(db, [...ranges.previousMonths, ...ranges.months], 'all'),
    () => themeNames(db),
  );
  const current = ranges.months.map((m) => m.id);
  const before = ranges.previousMonths.map((m) => m.id);
  // With a theme filter every figure is within that theme; the list still names every theme.
  // Themes are a split of their own: with a channel, customer group or type filter, none is listed.
  const { theme: only, ...rest } = filters;
  const at = coordinatesOf(cubes.tree, rest);
  const all = cubes.figure(at, { theme: only, months: current });
  const byTheme = splitOf(rest).field === null;
  const stats = (byTheme ? themes : [])
    .map((t) => {
      const applies = only === undefined || only === t.code;
      const f = cubes.figure(applies ? at : null, { theme: t.code, months: current });
      const p = cubes.figure(applies ? at : null, { theme: t.code, months: before });
      const count = countCell(f);
      const prev = countCell(p);
      const comparable = !count.suppressed && !prev.suppressed;
      const now = f.values[M.responses] as number;
      const then = p.values[M.responses] as number;
      return {
        code: t.code,
        name: t.name,
        count,
        previous: prev,
        change: comparable ? now - then : null,
        changeShare: comparable && then > 0 ? (now - then) / then : null,
        satisfied: satisfiedCell(f),
        order: f.hidden ? -1 : now,
      };
    })
    .sort((a, b) => b.order - a.order || a.name.localeCompare(b.name))
    .map(({ order: _order, ...t }) => t);
  return {
    range,
    previousRange: previous,
    filters: cleanFilters(filters),
    comments: cell(all, all.values[M.comments] as number, all.values[M.comments] as number),
    themes: stats,
  };
}

/** Splits ts_headline output at the markers into plain and matching segments. */
export function segmentsOf(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let rest = text;
  while (rest.length) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) {
      out.push({ text: rest, match: false });
      break;
    }
    if (start > 0) out.push({ text: rest.slice(0, start), match: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const stop = end < 0 ? rest.length : end;
    const match = rest.slice(start + 1, stop);
    if (match) out.push({ text: match, match: true });
    rest = end < 0 ? '' : rest.slice(end + 1);
  }
  // Stray markers never reach the client.
  return out.map((s) => ({
    ...s,
    text: s.text.replaceAll(MARK_START, '').replaceAll(MARK_END, ''),
  }));
}

// The cursor holds the submission date and id only: an exact time of submission is never sent.
function encodeCursor(date: string, id: string): string {
  return Buffer.from(`${date}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { date: string; id: string } {
  const [date, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!date || !id || !/^\d{1,19}$/.test(id) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new HttpError(400, 'cursor: is not a cursor from a previous page', [
      { field: 'cursor', message: 'is not a cursor from a previous page' },
    ]);
  }
  return { date, id };
}

export async function feedbackComments(
  db: Queryable,
  ranges: FeedbackRanges,
  filters: FeedbackFilters,
  options: { q?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<FeedbackComments> {
  const { range } = ranges;
  const q = options.q?.trim() ? options.q.trim() : null;
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  // No comment list for a group whose figures are withheld: its answers could be read one by one.
  const { cubes } = await load(db, ranges.months, filters.theme ?? 'none');
  const f = cubes.figure(coordinatesOf(cubes.tree, filters), { theme: filters.theme });
  if (f.hidden || suppress(f.values[M.responses] as number)) {
    return {
      range,
      filters: cleanFilters(filters),
      q,
      total: 0,
      withheld: true,
      comments: [],
      nextCursor: null,
    };
  }
  const { rows, total } = await searchComments(db, range, filters, {
    q,
    after,
    limit: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    range,
    filters: cleanFilters(filters),
    q,
    total,
    withheld: false,
    comments: page.map((r) => ({
      id: r.id,
      submittedDate: r.submitted_date,
      service: r.service_code,
      team: r.team,
      channel: r.channel,
      customerGroup: r.customer_group,
      score: r.score,
      type: r.type,
      themes: r.themes,
      sentiment: r.sentiment,
      segments: segmentsOf(r.text),
    })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(last.submitted_date, last.id) : null,
  };
}

export async function feedbackGroups(
  db: Queryable,
  ranges: FeedbackRanges,
  filters: FeedbackFilters,
): Promise<FeedbackGroups> {
  const { range } = ranges;
  // The comparison is across groups, so a customer-group filter does not apply here.
  const { customerGroup: _ignored, ...rest } = filters;
  const { cubes } = await load(db, ranges.months, rest.theme ?? 'none');
  const at = coordinatesOf(cubes.tree, rest);
  const other = splitOf(rest).field;
  if (other !== null) {
    // Customer groups are a split of their own: not within a channel, type or theme.
    return {
      range,
      filters: cleanFilters(rest),
      groups: GROUPS.map((g) => ({
        customerGroup: g,
        satisfied: hiddenShare(),
        rest: hiddenShare(),
        gap: null,
        p: null,
        flagged: false,
        reason: `Not compared: customer groups are compared only without a ${other === 'customerGroup' ? 'customer group' : other} filter.`,
      })),
    };
  }
  const whole = cubes.figure(at);
  return {
    range,
    filters: cleanFilters(rest),
    groups: GROUPS.map((g, i) => {
      const f = cubes.figure(at ? { ...at, group: i + 1 } : null);
      // Everyone else: the whole minus the group, shown only when both are (the cube keeps any
      // hidden groups together at 10 or more, so the rest is never a small group).
      const others: Figure = {
        hidden: whole.hidden || f.hidden,
        values: whole.values.map((v, m) => v - (f.values[m] as number)),
      };
      const share = satisfiedCell(f);
      const restShare = satisfiedCell(others);
      // A suppressed side is not compared: the test's words would reveal its share.
      if (share.suppressed || restShare.suppressed) {
        return {
          customerGroup: g,
          satisfied: share,
          rest: restShare,
          gap: null,
          p: null,
          flagged: false,
          reason: `Not compared: ${share.suppressed ? 'this group has' : 'the other groups have'} fewer than 10 responses with a score.`,
        };
      }
      const flag = fairnessFlag({
        groupSuccesses: share.successes as number,
        groupN: share.n as number,
        restSuccesses: restShare.successes as number,
        restN: restShare.n as number,
      });
      return {
        customerGroup: g,
        satisfied: share,
        rest: restShare,
        gap: flag.gap,
        p: flag.p,
        flagged: flag.flagged,
        reason: flag.reason,
      };
    }),
  };
}

/** Sample comments given with each phrase. */
const PHRASE_EXAMPLES = 3;

export async function feedbackPhrases(
  db: Queryable,
  range: FeedbackRange,
  options: { minCount: number; limit: number },
): Promise<FeedbackPhrases> {
  // A phrase used by fewer than 10 comments is never listed, whatever was asked.
  const minCount = Math.max(options.minCount, SUPPRESSION_THRESHOLD);
  const [comments, taxonomy] = await Promise.all([distinctComments(db, range), loadTaxonomy(db)]);
  // Comments are distinct texts, so a phrase's examples are three different comments.
  const counts = new Map<string, { count: number; examples: string[] }>();
  let read = 0;
  for (const { comment, n } of comments) {
    read += n;
    for (const phrase of candidatePhrases(comment, taxonomy)) {
      const c = counts.get(phrase);
      if (!c) counts.set(phrase, { count: n, examples: [comment] });
      else {
        c.count += n;
        if (c.examples.length < PHRASE_EXAMPLES) c.examples.push(comment);
      }
    }
  }
  const phrases = [...counts]
    .filter(([, c]) => c.count >= minCount)
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, options.limit)
    .map(([phrase, c]) => ({
      phrase,
      count: c.count,
      example: c.examples[0] as string,
      examples: c.examples,
    }));
  return { range, comments: read, phrases };
}

export const today = () => londonDate(new Date());

export async function feedbackOptions(db: Queryable): Promise<FeedbackOptions> {
  const [services, teams, themes, dates] = await Promise.all([
    servicesInOrder(db),
    teamsWithFeedback(db),
    themeNames(db),
    feedbackDataRange(db),
  ]);
  return { services, teams, themes, dataFrom: dates.from, dataTo: dates.to };
}
