import type {
  CustomerGroup,
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
  statusOf,
  suppress,
  targetInForce,
} from '@ipo/domain';
import type { Queryable } from '../derive/rules.js';
import { HttpError } from '../plugins/errors.js';
import { MARK_END, MARK_START, searchComments } from '../queries/feedback-comments.js';
import { cleanFilters } from '../queries/feedback-filters.js';
import { groupTallies } from '../queries/feedback-groups.js';
import { distinctComments } from '../queries/feedback-phrases.js';
import { feedbackBuckets } from '../queries/feedback-series.js';
import { feedbackTotals } from '../queries/feedback-summary.js';
import { themeTallies } from '../queries/feedback-themes.js';
import { loadStandards } from '../scorecard/standards.js';
import { cell, countCell, shareCell } from './cells.js';
import { loadTaxonomy } from './taxonomy.js';
import { candidatePhrases } from './text.js';

const CSAT = 'csat';
const DEFAULT_TARGET = { target: 0.85, tolerance: 0.02 };

/** The csat standard's target in force on a date (ministerial target 85% by default). */
async function csatTarget(db: Queryable) {
  const standards = await loadStandards(db);
  const csat = standards.find((s) => s.code === CSAT);
  return {
    minimumSample: csat?.minimumSample ?? 30,
    on: (d: IsoDate) => (csat ? targetInForce(csat.targets, d) : null) ?? DEFAULT_TARGET,
  };
}

function statusFor(
  share: { value: number | null; n: number },
  t: { target: number; tolerance: number },
) {
  return statusOf({
    measure: 'satisfied_share',
    value: share.value,
    n: share.value === null ? 0 : share.n,
    target: t.target,
    tolerance: t.tolerance,
  });
}

export async function feedbackSummary(
  db: Queryable,
  range: FeedbackRange,
  filters: FeedbackFilters,
): Promise<FeedbackSummary> {
  const [t, csat] = await Promise.all([feedbackTotals(db, range, filters), csatTarget(db)]);
  const target = csat.on(range.from);
  const satisfied = shareCell(t.satisfied, t.scored);
  return {
    range,
    filters: cleanFilters(filters),
    responses: countCell(t.responses),
    satisfied,
    target: target.target,
    status: statusFor(satisfied, target),
    lowVolume: t.scored > 0 && t.scored < csat.minimumSample,
    meanScore: cell(t.scored ? t.scoreSum / t.scored : null, t.scored),
    distribution: t.scores.map((count, i) => ({ score: i + 1, count: countCell(count) })),
    types: (['compliment', 'complaint', 'suggestion', 'general'] as const).map((type) => ({
      type,
      count: countCell(t[type]),
    })),
    sentiment: cell(t.withSentiment ? t.sentimentSum / t.withSentiment : null, t.withSentiment),
  };
}

export async function feedbackSeries(
  db: Queryable,
  range: FeedbackRange,
  granularity: 'week' | 'month',
  filters: FeedbackFilters,
): Promise<FeedbackSeries> {
  const periods: Period[] = periodsBetween(
    periodContaining(range.from, granularity),
    periodContaining(range.to, granularity),
  );
  if (periods.length > 260) {
    throw new HttpError(400, 'from: the series has more than 260 points; choose months', [
      { field: 'from', message: 'too many points' },
    ]);
  }
  const [buckets, csat, actions] = await Promise.all([
    feedbackBuckets(db, granularity, range, filters),
    csatTarget(db),
    filters.theme
      ? db.query<{
          id: number;
          title: string;
          status: 'planned' | 'in_progress' | 'done';
          on: string;
        }>(
          `SELECT id, title, status, coalesce(started_on, completed_on) AS on FROM action
            WHERE theme_code = $1 AND coalesce(started_on, completed_on) BETWEEN $2 AND $3
            ORDER BY 4, id`,
          [filters.theme, range.from, range.to],
        )
      : Promise.resolve({ rows: [] }),
  ]);
  return {
    range,
    granularity,
    filters: cleanFilters(filters),
    points: periods.map((period) => {
      const b = buckets.get(period.start) ?? { responses: 0, scored: 0, satisfied: 0 };
      const target = csat.on(period.start);
      const satisfied = shareCell(b.satisfied, b.scored);
      return {
        period: { id: period.id, start: period.start, end: period.end, label: period.label },
        responses: countCell(b.responses),
        satisfied,
        target: target.target,
        status: statusFor(satisfied, target),
      };
    }),
    actions: actions.rows.map((a) => ({ id: a.id, title: a.title, status: a.status, on: a.on })),
  };
}

export async function feedbackThemes(
  db: Queryable,
  range: FeedbackRange,
  previous: FeedbackRange,
  filters: FeedbackFilters,
): Promise<FeedbackThemes> {
  const { themes, comments } = await themeTallies(db, range, previous, filters);
  return {
    range,
    previousRange: previous,
    filters: cleanFilters(filters),
    comments: countCell(comments),
    themes: themes.map((t) => {
      const count = countCell(t.count);
      const prev = countCell(t.previous);
      const comparable = !count.suppressed && !prev.suppressed;
      return {
        code: t.code,
        name: t.name,
        count,
        previous: prev,
        change: comparable ? t.count - t.previous : null,
        changeShare: comparable && t.previous > 0 ? (t.count - t.previous) / t.previous : null,
        satisfied: shareCell(t.satisfied, t.scored),
      };
    }),
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

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(at))) {
    throw new HttpError(400, 'cursor: is not a cursor from a previous page', [
      { field: 'cursor', message: 'is not a cursor from a previous page' },
    ]);
  }
  return { at, id };
}

export async function feedbackComments(
  db: Queryable,
  range: FeedbackRange,
  filters: FeedbackFilters,
  options: { q?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<FeedbackComments> {
  const q = options.q?.trim() ? options.q.trim() : null;
  const { rows, total } = await searchComments(db, range, filters, {
    q,
    after: options.cursor ? decodeCursor(options.cursor) : null,
    limit: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    range,
    filters: cleanFilters(filters),
    q,
    total,
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
      rows.length > options.limit && last ? encodeCursor(last.submitted_at, last.id) : null,
  };
}

const GROUPS: readonly CustomerGroup[] = [
  'individual',
  'small_business',
  'large_business',
  'attorney',
];

export async function feedbackGroups(
  db: Queryable,
  range: FeedbackRange,
  filters: FeedbackFilters,
): Promise<FeedbackGroups> {
  const tallies = await groupTallies(db, range, filters);
  let scored = 0;
  let satisfied = 0;
  for (const t of tallies.values()) {
    scored += t.scored;
    satisfied += t.satisfied;
  }
  const { customerGroup: _ignored, ...rest } = filters;
  return {
    range,
    filters: cleanFilters(rest),
    groups: GROUPS.map((g) => {
      const t = tallies.get(g) ?? { scored: 0, satisfied: 0 };
      const other = { scored: scored - t.scored, satisfied: satisfied - t.satisfied };
      const share = shareCell(t.satisfied, t.scored);
      const restShare = shareCell(other.satisfied, other.scored);
      // A suppressed side is not compared: the test's words would reveal its share.
      if (suppress(t.scored) || suppress(other.scored)) {
        return {
          customerGroup: g,
          satisfied: share,
          rest: restShare,
          gap: null,
          p: null,
          flagged: false,
          reason: `Not compared: ${suppress(t.scored) ? 'this group has' : 'the other groups have'} fewer than 10 responses with a score.`,
        };
      }
      const flag = fairnessFlag({
        groupSuccesses: t.satisfied,
        groupN: t.scored,
        restSuccesses: other.satisfied,
        restN: other.scored,
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

export async function feedbackPhrases(
  db: Queryable,
  range: FeedbackRange,
  options: { minCount: number; limit: number },
): Promise<FeedbackPhrases> {
  const [comments, taxonomy] = await Promise.all([distinctComments(db, range), loadTaxonomy(db)]);
  const counts = new Map<string, { count: number; example: string }>();
  let read = 0;
  for (const { comment, n } of comments) {
    read += n;
    for (const phrase of candidatePhrases(comment, taxonomy)) {
      const c = counts.get(phrase);
      if (c) c.count += n;
      else counts.set(phrase, { count: n, example: comment });
    }
  }
  const phrases = [...counts]
    .filter(([, c]) => c.count >= options.minCount)
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, options.limit)
    .map(([phrase, c]) => ({ phrase, count: c.count, example: c.example }));
  return { range, comments: read, phrases };
}

export const today = () => londonDate(new Date());

export async function feedbackOptions(db: Queryable): Promise<FeedbackOptions> {
  const [services, teams, themes, dates] = await Promise.all([
    db.query<{ code: string; name: string }>(
      'SELECT code, name FROM service ORDER BY sort_order, code',
    ),
    db.query<{ id: number; name: string; service: string }>(
      `SELECT t.id, t.name, t.service_code AS service FROM team t
        WHERE EXISTS (SELECT 1 FROM feedback_response f WHERE f.team_id = t.id)
        ORDER BY t.service_code, t.name`,
    ),
    db.query<{ code: string; name: string }>('SELECT code, name FROM theme ORDER BY name'),
    db.query<{ from: string | null; to: string | null }>(
      'SELECT min(day) AS from, max(day) AS to FROM feedback_day',
    ),
  ]);
  return {
    services: services.rows,
    teams: teams.rows,
    themes: themes.rows,
    dataFrom: dates.rows[0]?.from ?? null,
    dataTo: dates.rows[0]?.to ?? null,
  };
}
