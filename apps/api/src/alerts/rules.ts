/**
 * The alert rules (decision 14): what each one looks at and when it holds. Each rule observes
 * every subject it can judge (a standard, a team's satisfaction, a data source, a theme) and says
 * whether it holds, with one sentence either way, so that the evaluation can open an alert when a
 * rule starts to hold and send a notice when it stops (evaluate.ts). The figures are the
 * dashboard's own: the scorecard's status, the forecast of the period in progress, the freshness
 * check, the protected satisfaction figures, and the comment themes.
 */
import type { Figure } from '@ipo/contracts';
import {
  type IsoDate,
  latestCompletePeriod,
  londonDate,
  type Period,
  periodContaining,
  previousPeriod,
  sourceOf,
  statusOf,
  suppress,
  targetInForce,
  unitOf,
} from '@ipo/domain';
import type { Database } from '../db/prisma.js';
import type { Queryable } from '../db/queryable.js';
import { withSnapshot } from '../db/snapshot.js';
import { coordinatesOf, FeedbackCubes } from '../feedback/disclosure.js';
import { themeCommentCounts } from '../queries/alert-themes.js';
import { loadStandards, type StandardDef } from '../queries/standards.js';
import { forecastOf } from '../standards/forecast.js';
import { getFreshness } from '../standards/freshness.js';
import { satisfactionFigure } from '../standards/satisfaction.js';
import { buildScorecard } from '../standards/scorecard.js';
import {
  type AlertRule,
  count,
  type Measured,
  share,
  targetShare,
  targetWords,
  valueWords,
} from './words.js';

/**
 * A theme's share of comments rises sharply when, month on month, it gains at least 5
 * percentage points and is at least 1.5 times what it was, with at least 30 comments in each
 * month and at least 10 comments about the theme in the month judged (a smaller count is never
 * shown, as everywhere in the feedback figures).
 */
export const THEME_RISE = { minPoints: 0.05, minRatio: 1.5, minComments: 30 } as const;

/**
 * The forecast is judged only once this many items are completed in the period (or the
 * standard's own minimum sample, when that is larger): a handful of late items on the first day of a
 * month is not a forecast.
 */
export const FORECAST_MIN_COMPLETED = 30;

export interface AlertDetails {
  /** What the alert is about: a standard's title, a data source, a theme. */
  title: string;
  periodLabel: string;
  /** share: a proportion; working_days: a percentile in working days; stale: working days since. */
  unit: 'share' | 'working_days' | 'working_days_since';
  value: number | null;
  target: number | null;
  n: number | null;
  /** The 95% Wilson interval of a share, where the rule used it. */
  interval?: { lower: number; upper: number } | null;
  teamName?: string | null;
  /** The dashboard page to open, as a path (the e-mails put PUBLIC_URL in front). */
  path: string;
  [more: string]: unknown;
}

export interface Observation {
  rule: AlertRule;
  /** `standard:<code>`, `team:<id>:<code>`, `source:<kind>:<work type>`, `theme:<code>`. */
  subject: string;
  standardCode: string | null;
  teamId: number | null;
  period: string;
  /** Whether the rule holds for this subject and period now. */
  holds: boolean;
  /** What is so, in one sentence: why it alerts, or (not holding) how things stand now. */
  sentence: string;
  details: AlertDetails;
}

export interface Observations {
  observations: Observation[];
  /**
   * The periods each rule judged this time. An open alert of another period has gone by (ended,
   * without a notice); a stale-source alert is judged by its subject instead.
   */
  periods: Record<AlertRule, string[]>;
  today: IsoDate;
}

export interface RuleOptions {
  now: Date;
  /** STALE_AFTER_WORKING_DAYS. */
  staleAfterWorkingDays: number;
}

const standardPath = (code: string, period: string, team?: number | null) =>
  `/standards/${encodeURIComponent(code)}?period=${encodeURIComponent(period)}${
    team == null ? '' : `&team=${team}`
  }`;

/** Runs every rule on one snapshot of the data. */
export async function observeRules(
  db: Pick<Database, 'pool' | 'prisma'>,
  options: RuleOptions,
): Promise<Observations> {
  const today = londonDate(options.now);
  // Rows (names) through Prisma; the figures from one snapshot.
  const [teams, themes] = await Promise.all([
    db.prisma.team.findMany({ select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    db.prisma.theme.findMany({ select: { code: true, name: true }, orderBy: { code: 'asc' } }),
  ]);
  return withSnapshot(db.pool, async (client) => {
    const closed = latestCompletePeriod(today, 'month');
    const current = periodContaining(today, 'month');
    const standards = await loadStandards(client);
    const observations: Observation[] = [
      ...(await missedAndSatisfaction(client, options.now, today, standards, teams)),
      ...(await atRisk(client, standards, today)),
      ...(await staleSources(client, options, standards)),
      ...(await themeRising(client, closed, themes)),
    ];
    return {
      observations,
      periods: {
        missed: [closed.id],
        at_risk: [current.id],
        stale_source: [],
        satisfaction_below: [closed.id],
        theme_rising: [closed.id],
      },
      today,
    };
  });
}

function measured(
  standard: { measure: StandardDef['measure']; percentile: number | null },
  value: number | null,
  target: number,
): Measured {
  return { unit: unitOf(standard), value, target, percentile: standard.percentile };
}

/** Missed in the closed month (the scorecard's status), and satisfaction below target. */
async function missedAndSatisfaction(
  db: Queryable,
  now: Date,
  today: IsoDate,
  standards: readonly StandardDef[],
  teams: readonly { id: number; name: string }[],
): Promise<Observation[]> {
  const scorecard = await buildScorecard(db, { period: null, now, today });
  const period = scorecard.period;
  const out: Observation[] = [];
  for (const e of scorecard.standards) {
    if (!e.target) continue;
    const m = measured(e, e.value, e.target.value);
    const figure = `${valueWords(m)} against ${targetWords(m)} (n = ${count(e.n ?? 0)}${e.lowVolume ? ', a low volume' : ''})`;
    const details: AlertDetails = {
      title: e.title,
      periodLabel: period.label,
      unit: m.unit,
      value: e.value,
      target: e.target.value,
      n: e.n,
      interval: e.interval,
      status: e.status,
      path: standardPath(e.code, period.id),
    };
    const missed = e.status === 'missed';
    out.push({
      rule: 'missed',
      subject: `standard:${e.code}`,
      standardCode: e.code,
      teamId: null,
      period: period.id,
      holds: missed,
      sentence: missed
        ? `${e.title} missed its target in ${period.label}: ${figure}.`
        : e.status === 'no_data'
          ? `${e.title} has no figure for ${period.label}${e.suppressed ? ' that can be shown (fewer than 10 responses)' : ''}.`
          : `${e.title} no longer misses its target in ${period.label}: ${figure}.`,
      details,
    });
    if (e.measure === 'satisfied_share') {
      out.push(
        satisfactionObservation(
          e,
          e,
          period,
          null,
          null,
          e.target.value,
          standardPath(e.code, period.id),
        ),
      );
    }
  }

  // Each team's satisfaction, from the protected tables (decision 7): a withheld cell never
  // alerts, and its sentence says only that it is withheld.
  const satisfaction = standards.filter((s) => s.measure === 'satisfied_share');
  if (satisfaction.length && teams.length) {
    const closed = {
      id: period.id,
      granularity: 'month' as const,
      start: period.start,
      end: period.end,
      label: period.label,
    };
    const cubes = await FeedbackCubes.load(db, [closed]);
    for (const standard of satisfaction) {
      const target = targetInForce(standard.targets, closed.start);
      if (!target) continue;
      for (const team of teams) {
        const at = coordinatesOf(cubes.tree, { team: team.id });
        if (!at) continue;
        const f = satisfactionFigure(standard, closed, cubes.figure(at, { months: [closed.id] }));
        // No responses at all: nothing to judge.
        if (!f.suppressed && (f.n ?? 0) === 0) continue;
        out.push(
          satisfactionObservation(
            { code: standard.code, title: standard.title },
            f,
            period,
            team.id,
            team.name,
            target.target,
            standardPath(standard.code, period.id, team.id),
          ),
        );
      }
    }
  }
  return out;
}

function satisfactionObservation(
  standard: { code: string; title: string },
  f: Pick<Figure, 'value' | 'n' | 'interval' | 'suppressed'>,
  period: { id: string; label: string },
  teamId: number | null,
  teamName: string | null,
  target: number,
  path: string,
): Observation {
  const forTeam = teamName ? ` for ${teamName}` : '';
  const below =
    !f.suppressed && f.value !== null && f.interval !== null && f.interval.upper < target;
  let sentence: string;
  if (f.suppressed || f.value === null || f.interval === null) {
    sentence = `${standard.title}${forTeam} in ${period.label} is withheld: fewer than 10 responses, or too few to show without revealing a small group.`;
  } else {
    const figure = `${share(f.value)} against ${targetShare(target)}, 95% interval ${share(f.interval.lower)} to ${share(f.interval.upper)} (n = ${count(f.n ?? 0)})`;
    sentence = below
      ? `${standard.title}${forTeam} fell below its target in ${period.label}, with its whole interval below: ${figure}.`
      : `${standard.title}${forTeam} is not clearly below its target in ${period.label}: ${figure}.`;
  }
  return {
    rule: 'satisfaction_below',
    subject: teamId === null ? `standard:${standard.code}` : `team:${teamId}:${standard.code}`,
    standardCode: standard.code,
    teamId,
    period: period.id,
    holds: below,
    sentence,
    details: {
      title: standard.title,
      periodLabel: period.label,
      unit: 'share',
      // A withheld figure is stored as withheld: nothing of it is kept.
      value: f.suppressed ? null : f.value,
      target,
      n: f.suppressed ? null : f.n,
      interval: f.suppressed ? null : f.interval,
      withheld: f.suppressed,
      teamName,
      path,
    },
  };
}

/**
 * The period in progress: at the current pace it ends missed (beyond the target's tolerance), or
 * the late items so far already exceed what the whole period can absorb.
 */
async function atRisk(
  db: Queryable,
  standards: readonly StandardDef[],
  today: IsoDate,
): Promise<Observation[]> {
  const out: Observation[] = [];
  for (const standard of standards) {
    const f = await forecastOf(db, standard, 'month', today);
    if (!f.hasForecast || f.target === null) continue;
    const minimum = Math.max(standard.minimumSample, FORECAST_MIN_COMPLETED);
    // The period ends a miss at the current pace (the status the scorecard would give the pace,
    // beyond the tolerance), or is already out of reach whatever the pace.
    const version = targetInForce(standard.targets, f.period.start);
    const projected = statusOf({
      measure: standard.measure,
      value: f.projectedValue ?? f.valueSoFar,
      n: f.completedSoFar,
      target: f.target,
      tolerance: version?.tolerance ?? null,
    });
    const holds = f.completedSoFar >= minimum && (f.reachable === false || projected === 'missed');
    const m = measured(standard, f.valueSoFar, f.target);
    const figure = `${valueWords(m)} so far against ${targetWords(m)} (n = ${count(f.completedSoFar)} so far)`;
    out.push({
      rule: 'at_risk',
      subject: `standard:${standard.code}`,
      standardCode: standard.code,
      teamId: null,
      period: f.period.id,
      holds,
      sentence: holds
        ? `${standard.title} is forecast to miss its target in ${f.period.label}: ${figure}.`
        : `${standard.title} is no longer forecast to miss its target in ${f.period.label}: ${figure}.`,
      details: {
        title: standard.title,
        periodLabel: f.period.label,
        unit: m.unit,
        value: f.valueSoFar,
        target: f.target,
        n: f.completedSoFar,
        lateSoFar: f.lateSoFar,
        expected: f.expected,
        allowance: f.allowance,
        forecast: f.sentence,
        path: standardPath(standard.code, f.period.id),
      },
    });
  }
  return out;
}

/**
 * A data source whose newest event is more than STALE_AFTER_WORKING_DAYS working days old. A
 * source that has never delivered anything is not called stale (there is no feed that stopped):
 * the freshness panel lists it. One alert per source and newest event: new data clears it.
 */
async function staleSources(
  db: Queryable,
  options: RuleOptions,
  standards: readonly StandardDef[],
): Promise<Observation[]> {
  const freshness = await getFreshness(db, options.staleAfterWorkingDays, options.now);
  const out: Observation[] = [];
  for (const s of freshness.sources) {
    if (!s.latestEventAt || s.workingDaysSinceLatestEvent === null) continue;
    const standard = standards.find(
      (d) =>
        sourceOf(d) === s.kind &&
        (s.kind === 'feedback' || d.workTypes.includes(s.workType?.code ?? '')),
    );
    const latest = londonDate(new Date(s.latestEventAt));
    const title = s.workType ? `${s.workType.name} ${s.kind.replace('_', ' ')}` : s.kind;
    out.push({
      rule: 'stale_source',
      subject: `source:${s.kind}:${s.workType?.code ?? ''}`,
      standardCode: standard?.code ?? null,
      teamId: null,
      period: latest,
      holds: s.stale,
      sentence: s.message,
      details: {
        title,
        periodLabel: `latest event ${latest}`,
        unit: 'working_days_since',
        value: s.workingDaysSinceLatestEvent,
        target: options.staleAfterWorkingDays,
        n: null,
        latestEventAt: s.latestEventAt,
        path: standard ? `/standards/${encodeURIComponent(standard.code)}` : '/',
      },
    });
  }
  return out;
}

/** A theme's share of the closed month's comments against the month before (THEME_RISE). */
async function themeRising(
  db: Queryable,
  closed: Period,
  themes: readonly { code: string; name: string }[],
): Promise<Observation[]> {
  const before = previousPeriod(closed);
  const rows = await themeCommentCounts(db, before.start, closed.end);
  const comments = (month: string, theme: string | null) =>
    rows.find((r) => r.month === month && r.theme === theme)?.comments ?? 0;
  const total = comments(closed.start, null);
  const totalBefore = comments(before.start, null);
  if (total < THEME_RISE.minComments || totalBefore < THEME_RISE.minComments) return [];
  const out: Observation[] = [];
  for (const theme of themes) {
    const now = comments(closed.start, theme.code);
    const was = comments(before.start, theme.code);
    const s = now / total;
    const sBefore = was / totalBefore;
    const holds =
      !suppress(now) &&
      s - sBefore >= THEME_RISE.minPoints - 1e-9 &&
      s >= THEME_RISE.minRatio * sBefore - 1e-9;
    // Fewer than 10 comments are never shown as a share (it would reveal the count).
    const nowWords = suppress(now) ? 'fewer than 10 comments' : `${share(s)} of comments`;
    const wasWords = suppress(was) ? 'fewer than 10 comments' : share(sBefore);
    const about = `Comments about ${themeWords(theme.name)}`;
    out.push({
      rule: 'theme_rising',
      subject: `theme:${theme.code}`,
      standardCode: null,
      teamId: null,
      period: closed.id,
      holds,
      sentence: holds
        ? `${about} rose to ${nowWords} in ${closed.label}, from ${wasWords} in ${before.label} (n = ${count(total)} comments).`
        : `${about} are not rising sharply in ${closed.label}: ${nowWords}, against ${wasWords} in ${before.label} (n = ${count(total)} comments).`,
      details: {
        title: `Comments about ${themeWords(theme.name)}`,
        periodLabel: closed.label,
        unit: 'share',
        value: suppress(now) ? null : s,
        target: null,
        n: total,
        previous: suppress(was) ? null : sBefore,
        previousN: totalBefore,
        path: `/feedback?theme=${encodeURIComponent(theme.code)}`,
      },
    });
  }
  return out;
}

/** 'Waiting times' -> 'waiting times'; 'IT problems' stays as it is. */
function themeWords(name: string): string {
  const first = name.split(' ')[0] ?? '';
  return first.length > 1 && first === first.toUpperCase()
    ? name
    : name.charAt(0).toLowerCase() + name.slice(1);
}
