import {
  type BreakdownResponse,
  BreakdownResponseSchema,
  type DistributionResponse,
  DistributionResponseSchema,
  type Figure,
  type ForecastResponse,
  ForecastResponseSchema,
  type ItemsResponse,
  ItemsResponseSchema,
  type Period,
  type ScorecardEntry,
  type ScorecardResponse,
  ScorecardResponseSchema,
  type SeriesResponse,
  SeriesResponseSchema,
  type StandardDetailResponse,
  StandardDetailResponseSchema,
  type Status,
} from '@ipo/contracts';

// Fixtures for the dashboard pages. Each builder's output is parsed with its contract schema, so
// a fixture that drifts from the API contract fails loudly instead of testing a fiction.

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthPeriod(year: number, month: number): Period {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  return {
    id: `${year}-${mm}`,
    granularity: 'month',
    start: `${year}-${mm}-01`,
    end: `${year}-${mm}-${last}`,
    label: `${monthNames[month - 1]} ${year}`,
  };
}

function back(year: number, month: number, months: number): [number, number] {
  const index = year * 12 + (month - 1) - months;
  return [Math.floor(index / 12), (index % 12) + 1];
}

export function figure(
  period: Period,
  value: number | null,
  target: number | null,
  overrides: Partial<Figure> = {},
): Figure {
  const n = value === null ? 0 : 400;
  const status: Status =
    value === null
      ? 'no_data'
      : target === null
        ? 'met'
        : value >= target
          ? 'met'
          : value >= target - 0.02
            ? 'near'
            : 'missed';
  return {
    period,
    n,
    suppressed: false,
    successes: value === null ? null : Math.round(value * n),
    value,
    interval:
      value === null
        ? null
        : { lower: Math.max(0, value - 0.03), upper: Math.min(1, value + 0.02) },
    target,
    status,
    lowVolume: false,
    ...overrides,
  };
}

/**
 * A withheld satisfaction figure, as the API sends it: fewer than 10 responses (or hidden to
 * protect another small group), so no value, n, successes or interval, and status no_data.
 */
export function suppressedFigure(period: Period, target: number | null = 0.85): Figure {
  return {
    period,
    n: null,
    suppressed: true,
    successes: null,
    value: null,
    interval: null,
    target,
    status: 'no_data',
    lowVolume: false,
  };
}

const shareValues = [0.97, 0.96, 0.975, 0.98, 0.95, 0.93, 0.85, 0.82, 0.84, 0.9, 0.93, 0.942];

export function buildEntry(
  overrides: Partial<ScorecardEntry> & Pick<ScorecardEntry, 'code'>,
): ScorecardEntry {
  const sparkline = shareValues.map((value, i) => {
    const [y, m] = back(2025, 7, 11 - i);
    return figure(monthPeriod(y, m), value, 0.9);
  });
  return {
    title: `Standard ${overrides.code}`,
    kind: 'timeliness',
    measure: 'within_threshold_share',
    service: { code: 'customer-support', name: 'Customer Support Centre' },
    unit: 'share',
    threshold: { value: 60, unit: 'seconds' },
    percentile: null,
    minimumSample: 30,
    value: 0.942,
    n: 21_345,
    suppressed: false,
    successes: 20_107,
    interval: { lower: 0.939, upper: 0.945 },
    target: {
      value: 0.9,
      tolerance: 0.02,
      effectiveFrom: '2025-04-01',
      effectiveTo: null,
      reason: 'Charter',
    },
    status: 'met',
    lowVolume: false,
    previous: figure(monthPeriod(2025, 6), 0.921, 0.9),
    lastYear: figure(monthPeriod(2024, 7), 0.946, 0.9),
    yearToDate: figure(
      {
        id: '2025-26',
        granularity: 'year',
        start: '2025-04-01',
        end: '2025-07-31',
        label: 'April to July 2025',
      },
      0.931,
      0.9,
    ),
    backlog: 120,
    backlogLate: 14,
    sparkline,
    dataAsOf: '2025-08-04T05:05:00Z',
    ...overrides,
  };
}

export const scorecardEntries: ScorecardEntry[] = [
  buildEntry({ code: 'csc-calls', title: 'Answer calls within 60 seconds' }),
  buildEntry({
    code: 'csc-written',
    title: 'Reply to written enquiries within 5 working days',
    threshold: { value: 5, unit: 'working_days' },
    value: 0.887,
    status: 'missed',
    target: {
      value: 0.95,
      tolerance: 0.02,
      effectiveFrom: '2025-10-01',
      effectiveTo: null,
      reason: 'Raised',
    },
    previous: figure(monthPeriod(2025, 6), 0.908, 0.95),
  }),
  buildEntry({
    code: 'tm-exam',
    title: 'Examine trade mark applications within 10 working days',
    service: { code: 'trade-marks', name: 'Trade Marks' },
    measure: 'percentile_turnaround',
    unit: 'working_days',
    threshold: { value: 10, unit: 'working_days' },
    percentile: 90,
    value: 11,
    interval: null,
    successes: null,
    status: 'near',
    target: {
      value: 10,
      tolerance: 1,
      effectiveFrom: '2025-04-01',
      effectiveTo: null,
      reason: 'Charter',
    },
    previous: figure(monthPeriod(2025, 6), 9, 10, { interval: null, status: 'met' }),
    lastYear: figure(monthPeriod(2024, 7), 12, 10, { interval: null, status: 'missed' }),
    yearToDate: figure(
      {
        id: '2025-26',
        granularity: 'year',
        start: '2025-04-01',
        end: '2025-07-31',
        label: 'April to July 2025',
      },
      10,
      10,
      { interval: null, status: 'met' },
    ),
    sparkline: [8, 9, 9, 10, 10, 11, 12, 11, 10, 9, 9, 11].map((value, i) => {
      const [y, m] = back(2025, 7, 11 - i);
      return figure(monthPeriod(y, m), value, 10, {
        interval: null,
        status: value <= 10 ? 'met' : value <= 11 ? 'near' : 'missed',
      });
    }),
  }),
  buildEntry({
    code: 'quality-tm',
    title: 'Trade mark and designs examination quality',
    kind: 'accuracy',
    measure: 'pass_rate',
    threshold: null,
    value: 0.96,
    n: 24,
    lowVolume: true,
    target: {
      value: 0.95,
      tolerance: 0.02,
      effectiveFrom: '2025-04-01',
      effectiveTo: null,
      reason: 'Charter',
    },
    backlog: null,
    backlogLate: null,
  }),
  buildEntry({
    code: 'csat',
    title: 'Customers satisfied with our service',
    kind: 'satisfaction',
    measure: 'satisfied_share',
    service: null,
    threshold: null,
    value: null,
    n: 0,
    successes: null,
    interval: null,
    status: 'no_data',
    target: {
      value: 0.85,
      tolerance: 0.02,
      effectiveFrom: '2025-04-01',
      effectiveTo: null,
      reason: 'Charter',
    },
    backlog: null,
    backlogLate: null,
    dataAsOf: null,
  }),
];

export function buildScorecard(overrides: Partial<ScorecardResponse> = {}): ScorecardResponse {
  const standards = overrides.standards ?? scorecardEntries;
  const count = (status: Status) => standards.filter((entry) => entry.status === status).length;
  return ScorecardResponseSchema.parse({
    period: monthPeriod(2025, 7),
    generatedAt: '2025-08-04T07:00:00Z',
    dataAsOf: '2025-08-04T05:05:00Z',
    summary: {
      met: count('met'),
      near: count('near'),
      missed: count('missed'),
      noData: count('no_data'),
      total: standards.length,
    },
    recalculating: false,
    standards,
    ...overrides,
  });
}

export function buildForecast(
  code: string,
  overrides: Partial<ForecastResponse> = {},
): ForecastResponse {
  return ForecastResponseSchema.parse({
    code,
    period: {
      id: '2025-26-Q2',
      granularity: 'quarter',
      start: '2025-07-01',
      end: '2025-09-30',
      label: 'Q2 2025-26',
    },
    asOf: '2025-08-04',
    unit: 'share',
    hasForecast: true,
    workingDaysElapsed: 24,
    workingDaysInPeriod: 64,
    completedSoFar: 150,
    lateSoFar: 10,
    valueSoFar: 0.933,
    expected: 400,
    projectedValue: 0.933,
    target: 0.9,
    allowance: 30,
    reachable: true,
    sentence:
      'At the current pace Q2 2025-26 ends at 93.3% against a 90% target; 30 more late replies can be absorbed out of about 400 expected.',
    ...overrides,
  });
}

export const callsDetail: StandardDetailResponse = StandardDetailResponseSchema.parse({
  code: 'csc-calls',
  title: 'Answer calls within 60 seconds',
  description: 'Calls to the Customer Support Centre answered by an adviser.',
  kind: 'timeliness',
  measure: 'within_threshold_share',
  unit: 'share',
  service: { code: 'customer-support', name: 'Customer Support Centre' },
  threshold: { value: 60, unit: 'seconds' },
  percentile: null,
  minimumSample: 30,
  target: {
    value: 0.9,
    tolerance: 0.02,
    effectiveFrom: '2025-04-01',
    effectiveTo: null,
    reason: 'Charter',
  },
  targets: [
    {
      value: 0.85,
      tolerance: 0.02,
      effectiveFrom: '2024-04-01',
      effectiveTo: '2025-03-31',
      reason: 'Charter 2024',
      changedBy: 'admin',
    },
    {
      value: 0.9,
      tolerance: 0.02,
      effectiveFrom: '2025-04-01',
      effectiveTo: null,
      reason: 'Charter 2025',
      changedBy: 'admin',
    },
  ],
  teams: [
    { id: 1, name: 'Support Team A', service: 'customer-support' },
    { id: 2, name: 'Support Team B', service: 'customer-support' },
  ],
  dataFrom: '2023-04-01',
  dataTo: '2025-08-03',
});

export function buildSeries(granularity: 'week' | 'month' | 'quarter' = 'month'): SeriesResponse {
  const points = shareValues.map((value, i) => {
    const [y, m] = back(2025, 7, 11 - i);
    // The target rose from 85% to 90% in April 2025: the step line must show it.
    return figure(monthPeriod(y, m), value, y * 12 + m >= 2025 * 12 + 4 ? 0.9 : 0.85);
  });
  return SeriesResponseSchema.parse({
    code: 'csc-calls',
    granularity,
    unit: 'share',
    filters: {},
    points,
  });
}

export function buildBreakdown(
  by: 'team' | 'channel' | 'customerGroup' = 'team',
): BreakdownResponse {
  const groups =
    by === 'team'
      ? [
          { key: '1', label: 'Support Team A', value: 0.95, n: 600 },
          { key: '2', label: 'Support Team B', value: 0.87, n: 580 },
        ]
      : by === 'channel'
        ? [{ key: 'phone', label: 'Phone', value: 0.942, n: 1180 }]
        : [
            { key: 'individual', label: 'Individuals', value: 0.86, n: 300 },
            { key: 'attorney', label: 'Attorneys and agents', value: 0.97, n: 500 },
          ];
  return BreakdownResponseSchema.parse({
    code: 'csc-calls',
    period: monthPeriod(2025, 7),
    by,
    unit: 'share',
    target: 0.9,
    overall: figure(monthPeriod(2025, 7), 0.942, 0.9),
    groups: groups.map((group) => ({
      ...group,
      suppressed: false,
      successes: Math.round(group.value * group.n),
      interval: { lower: group.value - 0.02, upper: group.value + 0.02 },
      status: group.value >= 0.9 ? 'met' : group.value >= 0.88 ? 'near' : 'missed',
      lowVolume: false,
      fairness:
        by === 'customerGroup'
          ? {
              flagged: group.key === 'individual',
              gap: group.key === 'individual' ? -0.11 : 0.05,
              p: group.key === 'individual' ? 0.0001 : 0.2,
              reason:
                group.key === 'individual'
                  ? '11 points less often within 60 seconds than other groups; unlikely to be chance (p < 0.001).'
                  : 'No difference unlikely to be chance.',
            }
          : null,
    })),
  });
}

export function buildDistribution(): DistributionResponse {
  const bins = [0, 10, 20, 30, 40, 50, 60, 70, 80].map((lower, i) => ({
    key: `b${i}`,
    label: lower === 80 ? '80+ seconds' : `${lower}-${lower + 9} seconds`,
    lower,
    upper: lower === 80 ? null : lower + 9,
    count: [300, 250, 200, 150, 100, 80, 40, 30, 30][i] ?? 0,
    withinThreshold: lower < 60 ? ([300, 250, 200, 150, 100, 80][i] ?? 0) : lower === 60 ? 10 : 0,
  }));
  return DistributionResponseSchema.parse({
    code: 'csc-calls',
    period: monthPeriod(2025, 7),
    unit: 'seconds',
    threshold: 60,
    n: bins.reduce((sum, bin) => sum + bin.count, 0),
    suppressed: false,
    bins,
  });
}

export function buildItems(
  options: {
    status?: 'late' | 'open' | 'all';
    count?: number;
    total?: number;
    nextCursor?: string | null;
    offset?: number;
  } = {},
): ItemsResponse {
  const { status = 'late', count = 3, total = count, nextCursor = null, offset = 0 } = options;
  return ItemsResponseSchema.parse({
    code: 'csc-calls',
    period: monthPeriod(2025, 7),
    status,
    filters: {},
    total,
    withheld: false,
    nextCursor,
    items: Array.from({ length: count }, (_, i) => ({
      kind: 'work_item',
      id: String(offset + i + 1),
      sourceRef: offset + i === 0 ? '=HYPERLINK("x")' : `CALL-${1000 + offset + i}`,
      workType: 'call',
      team: 'Support Team A',
      channel: 'phone',
      customerGroup: 'individual',
      receivedAt: '2025-07-01T08:14:00Z',
      completedAt: status === 'open' ? null : '2025-07-01T08:16:10Z',
      receivedDate: '2025-07-01',
      completedDate: status === 'open' ? null : '2025-07-01',
      elapsedSeconds: status === 'open' ? null : 130,
      elapsedWorkingDays: status === 'open' ? null : 0,
      withinThreshold: status === 'open' ? null : false,
      age: status === 'open' ? [10, 45, 70, 200][i % 4] : null,
      late: status === 'open' ? ([10, 45, 70, 200][i % 4] ?? 0) > 60 : true,
    })),
  });
}

// --- The satisfaction standard (csat): figures withheld below 10 responses --------------------

export const csatDetail: StandardDetailResponse = StandardDetailResponseSchema.parse({
  ...callsDetail,
  code: 'csat',
  title: 'Customers satisfied with our service',
  description: 'Customers scoring our service 4 or 5 out of 5.',
  kind: 'satisfaction',
  measure: 'satisfied_share',
  service: null,
  threshold: null,
  target: {
    value: 0.85,
    tolerance: 0.02,
    effectiveFrom: '2024-04-01',
    effectiveTo: null,
    reason: 'Charter',
  },
  targets: [
    {
      value: 0.85,
      tolerance: 0.02,
      effectiveFrom: '2024-04-01',
      effectiveTo: null,
      reason: 'Charter',
      changedBy: 'admin',
    },
  ],
});

/** Twelve months of satisfaction; June 2025 is withheld (fewer than 10 responses). */
export function buildCsatSeries(granularity: 'month' | 'quarter' = 'month'): SeriesResponse {
  const points = shareValues.map((value, i) => {
    const [y, m] = back(2025, 7, 11 - i);
    if (y === 2025 && m === 6) return suppressedFigure(monthPeriod(y, m), 0.85);
    return figure(monthPeriod(y, m), value, 0.85);
  });
  return SeriesResponseSchema.parse({
    code: 'csat',
    granularity,
    unit: 'share',
    filters: {},
    points,
  });
}

/** Satisfaction by channel in July 2025: post is withheld. */
export function buildCsatBreakdown(): BreakdownResponse {
  const shown = (key: string, label: string, value: number, n: number) => ({
    key,
    label,
    n,
    suppressed: false,
    successes: Math.round(value * n),
    value,
    interval: { lower: value - 0.03, upper: value + 0.03 },
    status: value >= 0.85 ? 'met' : 'missed',
    lowVolume: false,
    fairness: null,
  });
  return BreakdownResponseSchema.parse({
    code: 'csat',
    period: monthPeriod(2025, 7),
    by: 'channel',
    unit: 'share',
    target: 0.85,
    overall: figure(monthPeriod(2025, 7), 0.88, 0.85),
    groups: [
      shown('phone', 'Phone', 0.9, 400),
      {
        key: 'post',
        label: 'Post',
        n: null,
        suppressed: true,
        successes: null,
        value: null,
        interval: null,
        status: 'no_data',
        lowVolume: false,
        fairness: null,
      },
    ],
  });
}

export function buildCsatDistribution(suppressed: boolean): DistributionResponse {
  const counts = [20, 30, 50, 150, 150];
  return DistributionResponseSchema.parse({
    code: 'csat',
    period: monthPeriod(2025, 7),
    unit: 'score',
    threshold: 4,
    n: suppressed ? null : counts.reduce((a, b) => a + b, 0),
    suppressed,
    bins: suppressed
      ? []
      : counts.map((count, i) => ({
          key: String(i + 1),
          label: `Score ${i + 1}`,
          lower: i + 1,
          upper: i + 1,
          count,
          withinThreshold: i >= 3 ? count : 0,
        })),
  });
}

/** Feedback records: withheld (none listed) for a group too small to show. */
export function buildFeedbackItems(withheld: boolean): ItemsResponse {
  return ItemsResponseSchema.parse({
    code: 'csat',
    period: monthPeriod(2025, 7),
    status: 'late',
    filters: {},
    total: withheld ? 0 : 1,
    withheld,
    nextCursor: null,
    items: withheld
      ? []
      : [
          {
            kind: 'feedback',
            id: '7',
            submittedDate: '2025-07-14',
            service: 'customer-support',
            team: 'Support Team A',
            channel: 'phone',
            customerGroup: 'individual',
            score: 2,
            type: 'complaint',
            comment: 'Waited a long time.',
          },
        ],
  });
}
