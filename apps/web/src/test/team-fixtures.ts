import {
  type Action,
  ActionSchema,
  type Cell,
  type FeedbackPerformance,
  FeedbackPerformanceSchema,
  type FeedbackSeries,
  FeedbackSeriesSchema,
  type FeedbackThemes,
  FeedbackThemesSchema,
  type FreshnessResponse,
  FreshnessResponseSchema,
  type ScorecardResponse,
  type ShareCell,
  type TeamsResponse,
  TeamsResponseSchema,
} from '@ipo/contracts';
import { buildScorecard, monthPeriod, scorecardEntries } from './dashboard-fixtures';

// Fixtures for one team's pages (the team lead's page, the scorecard's team filter, feedback
// beside performance, freshness), parsed with their contracts as the dashboard fixtures are.

export const teams: TeamsResponse = TeamsResponseSchema.parse({
  services: [
    {
      code: 'customer-support',
      name: 'Customer Support Centre',
      teams: [
        { id: 3, name: 'Contact Centre Newport' },
        { id: 4, name: 'Contact Centre Cardiff' },
      ],
    },
    { code: 'patents', name: 'Patents', teams: [{ id: 9, name: 'Examination Team C' }] },
  ],
});

export const contactCentre = {
  id: 3,
  name: 'Contact Centre Newport',
  service: { code: 'customer-support', name: 'Customer Support Centre' },
};

/** July 2025 for Contact Centre Newport: calls and written enquiries are theirs, the rest not. */
export function buildTeamScorecard(team = contactCentre): ScorecardResponse {
  const theirs = new Set(['csc-calls', 'csc-written', 'csat']);
  const standards = scorecardEntries.map((entry) =>
    theirs.has(entry.code)
      ? { ...entry, noWorkForTeam: false }
      : {
          ...entry,
          noWorkForTeam: true,
          value: null,
          n: 0,
          successes: null,
          interval: null,
          status: 'no_data' as const,
        },
  );
  const count = (status: string) => standards.filter((entry) => entry.status === status).length;
  return buildScorecard({
    team,
    standards,
    summary: {
      met: count('met'),
      near: count('near'),
      missed: count('missed'),
      noData: count('no_data'),
      total: standards.length,
      noWorkForTeam: standards.filter((entry) => entry.noWorkForTeam).length,
    },
  });
}

const SUPPRESSED: Cell = { value: null, n: null, suppressed: true, label: 'fewer than 10' };
export const count = (n: number): Cell =>
  n < 10 ? SUPPRESSED : { value: n, n, suppressed: false, label: null };
export const share = (s: number, n: number): ShareCell =>
  n < 10
    ? { ...SUPPRESSED, successes: null, interval: null }
    : {
        value: s / n,
        n,
        suppressed: false,
        label: null,
        successes: s,
        interval: { lower: 0.7, upper: 0.9 },
      };

/** Twelve months for a team; the last is withheld (fewer than 10 responses with a score). */
export function buildTeamSeries(options: { lastWithheld?: boolean } = {}): FeedbackSeries {
  const { lastWithheld = true } = options;
  const months = Array.from({ length: 12 }, (_, i) => {
    const index = 2024 * 12 + 7 + i; // August 2024 onwards
    return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
  });
  return FeedbackSeriesSchema.parse({
    range: {
      from: months[0]?.start,
      to: months[11]?.end,
      period: null,
      label: 'August 2024 to July 2025',
    },
    granularity: 'month',
    filters: { team: 3 },
    points: months.map((p, i) => {
      const withheld = lastWithheld && i === 11;
      return {
        period: { id: p.id, start: p.start, end: p.end, label: p.label },
        responses: count(withheld ? 6 : 50),
        satisfied: withheld ? share(4, 6) : share(44, 50),
        target: 0.85,
        status: withheld ? 'no_data' : 'met',
      };
    }),
    actions: [],
  });
}

export function buildTeamThemes(): FeedbackThemes {
  const range = { from: '2025-07-01', to: '2025-07-31', period: '2025-07', label: 'July 2025' };
  const theme = (code: string, name: string, now: number, before: number) => ({
    code,
    name,
    count: count(now),
    previous: count(before),
    change: now < 10 || before < 10 ? null : now - before,
    changeShare: null,
    satisfied: share(Math.round(now * 0.8), now),
  });
  return FeedbackThemesSchema.parse({
    range,
    previousRange: {
      ...range,
      from: '2025-06-01',
      to: '2025-06-30',
      period: '2025-06',
      label: 'June 2025',
    },
    filters: { team: 3 },
    comments: count(120),
    themes: [
      theme('waiting-times', 'Waiting times', 40, 22),
      theme('staff-helpful', 'Helpful staff', 30, 35),
      theme('website', 'Website', 25, 12),
      theme('fees', 'Fees', 4, 3),
    ],
  });
}

export function buildAction(overrides: Partial<Action> & Pick<Action, 'id' | 'title'>): Action {
  return ActionSchema.parse({
    themeCode: 'waiting-times',
    themeName: 'Waiting times',
    description: '',
    owner: 'Priya Shah',
    status: 'in_progress',
    startedOn: '2025-07-01',
    completedOn: null,
    dueOn: null,
    overdue: false,
    published: false,
    teamId: 3,
    teamName: 'Contact Centre Newport',
    createdAt: '2025-07-01T09:00:00Z',
    updatedAt: '2025-07-01T09:00:00Z',
    ...overrides,
  });
}

/** Calls on time beside satisfaction over twelve months, with the correlation. */
export function buildPerformance(
  overrides: { correlation?: number | null; n?: number } = {},
): FeedbackPerformance {
  const months = Array.from({ length: 12 }, (_, i) => {
    const index = 2024 * 12 + 11 + i; // December 2024 onwards
    return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
  });
  return FeedbackPerformanceSchema.parse({
    service: { code: 'customer-support', name: 'Customer Support Centre' },
    team: { id: 3, name: 'Contact Centre Newport' },
    from: months[0]?.start,
    to: months[11]?.end,
    months: months.map((p, i) => ({
      month: p.id,
      start: p.start,
      satisfied: i === 3 ? share(5, 7) : share(40 + i, 50),
    })),
    standards: [
      {
        code: 'csc-calls',
        title: 'Answer calls within 60 seconds',
        onTime: months.map((p, i) => ({ month: p.id, value: 0.8 + i / 100, n: 1000 + i })),
        correlation: overrides.correlation === undefined ? 0.62 : overrides.correlation,
        n: overrides.n ?? 11,
        summary: 'A strong positive link.',
      },
    ],
  });
}

/** Every source fresh but trade mark examinations' items, last loaded eight working days ago. */
export function buildFreshness(stale = true): FreshnessResponse {
  return FreshnessResponseSchema.parse({
    asOf: '2025-08-04T07:00:00.000Z',
    staleAfterWorkingDays: 2,
    sources: [
      {
        kind: 'work_items',
        workType: { code: 'phone_call', name: 'Phone call' },
        lastChangedAt: '2025-08-04T05:05:00.000Z',
        latestEventAt: '2025-08-03T17:00:00.000Z',
        workingDaysSinceLatestEvent: 1,
        stale: false,
        message: 'Phone call work items are up to date.',
      },
      {
        kind: 'work_items',
        workType: { code: 'tm_examination', name: 'Trade mark examination' },
        lastChangedAt: '2025-07-23T09:30:00.000Z',
        latestEventAt: '2025-07-23T09:00:00.000Z',
        workingDaysSinceLatestEvent: stale ? 8 : 1,
        stale,
        message: 'Trade mark examination work items may be out of date.',
      },
      {
        kind: 'feedback',
        workType: null,
        lastChangedAt: '2025-08-04T05:05:00.000Z',
        latestEventAt: '2025-08-03T12:00:00.000Z',
        workingDaysSinceLatestEvent: 1,
        stale: false,
        message: 'Feedback responses are up to date.',
      },
    ],
  });
}
