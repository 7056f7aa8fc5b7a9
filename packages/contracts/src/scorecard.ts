import {
  financialYearId,
  GRANULARITIES,
  MONTH_ID,
  MONTH_NAMES,
  QUARTER_ID,
  WEEK_ID,
  YEAR_ID,
} from '@ipo/domain/vocabulary';
import { z } from 'zod';
import {
  ChannelSchema,
  CustomerGroupSchema,
  FeedbackTypeSchema,
  IsoDateSchema,
  MeasureSchema,
  StandardKindSchema,
  StatusSchema,
  ThresholdUnitSchema,
} from './common.js';

// ---------------------------------------------------------------------------------------------
// Periods (measurement.md 'Time'): month 2025-07, quarter 2025-26-Q2, year 2025-26, week 2025-W27.

export const GranularitySchema = z.enum(GRANULARITIES);
export type Granularity = z.infer<typeof GranularitySchema>;

export { financialYearId, MONTH_ID, MONTH_NAMES, QUARTER_ID, WEEK_ID, YEAR_ID };

/** A scorecard period: a month, financial-year quarter or financial year. */
export const ScorecardPeriodIdSchema = z
  .string()
  .refine((s) => MONTH_ID.test(s) || QUARTER_ID.test(s) || YEAR_ID.test(s), {
    message: 'must be a month (2025-07), a financial-year quarter (2025-26-Q2) or a year (2025-26)',
  });

/** Any period identifier, including ISO weeks. */
export const PeriodIdSchema = z
  .string()
  .refine((s) => MONTH_ID.test(s) || QUARTER_ID.test(s) || YEAR_ID.test(s) || WEEK_ID.test(s), {
    message: 'must be a period such as 2025-07, 2025-26-Q2, 2025-26 or 2025-W27',
  });

export const PeriodSchema = z.object({
  id: z.string(),
  granularity: GranularitySchema,
  start: IsoDateSchema,
  /** Inclusive. */
  end: IsoDateSchema,
  label: z.string(),
});
export type Period = z.infer<typeof PeriodSchema>;

// ---------------------------------------------------------------------------------------------
// Figures

/** Wilson score 95% interval of a proportion; null for percentiles and when n = 0. */
export const IntervalSchema = z.object({ lower: z.number(), upper: z.number() }).nullable();

/**
 * What `value` is measured in: `share` (0 to 1) for within_threshold_share, pass_rate and
 * satisfied_share; `working_days` for percentile_turnaround.
 */
export const ValueUnitSchema = z.enum(['share', 'working_days']);
export type ValueUnit = z.infer<typeof ValueUnitSchema>;

export const TargetInForceSchema = z.object({
  value: z.number(),
  tolerance: z.number(),
  effectiveFrom: IsoDateSchema,
  effectiveTo: IsoDateSchema.nullable(),
  reason: z.string(),
});
export type TargetInForce = z.infer<typeof TargetInForceSchema>;

/** One measured value of a standard over a period. */
export const FigureSchema = z.object({
  period: PeriodSchema,
  /** Null when suppressed. */
  n: z.number().int().nullable(),
  /**
   * Satisfaction only: true when the figure is withheld ('fewer than 10': too few responses, or
   * hidden so that another small group cannot be worked out by subtraction). Value, n, successes
   * and interval are then null and the status no_data.
   */
  suppressed: z.boolean(),
  /** Successes counted in the measure: items within threshold, checks passed, satisfied responses. */
  successes: z.number().int().nullable(),
  value: z.number().nullable(),
  interval: IntervalSchema,
  /** The target in force on the period's first day. */
  target: z.number().nullable(),
  status: StatusSchema,
  lowVolume: z.boolean(),
});
export type Figure = z.infer<typeof FigureSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/scorecard

export const ScorecardQuerySchema = z.object({
  /** Default: the latest complete month. */
  period: ScorecardPeriodIdSchema.optional(),
  /**
   * A team id (GET /api/feedback/options lists them): every figure for that team's work only.
   * Unknown: a 400 naming `team`.
   */
  team: z.coerce.number().int().positive().max(2_147_483_647).optional(),
});

export const ScorecardEntrySchema = z.object({
  code: z.string(),
  title: z.string(),
  kind: StandardKindSchema,
  measure: MeasureSchema,
  service: z.object({ code: z.string(), name: z.string() }).nullable(),
  unit: ValueUnitSchema,
  threshold: z.object({ value: z.number().int(), unit: ThresholdUnitSchema }).nullable(),
  percentile: z.number().int().nullable(),
  minimumSample: z.number().int(),
  value: z.number().nullable(),
  /** Null when suppressed. */
  n: z.number().int().nullable(),
  /** Satisfaction only: withheld as in Figure (fewer than 10 responses with a score). */
  suppressed: z.boolean(),
  successes: z.number().int().nullable(),
  interval: IntervalSchema,
  target: TargetInForceSchema.nullable(),
  status: StatusSchema,
  lowVolume: z.boolean(),
  previous: FigureSchema,
  lastYear: FigureSchema,
  /** From 1 April of the financial year to the end of the selected period. */
  yearToDate: FigureSchema,
  /** Open items now (timeliness standards only). */
  backlog: z.number().int().nullable(),
  /** Open items already older than the threshold. */
  backlogLate: z.number().int().nullable(),
  /** The last 12 periods of the same granularity, oldest first, ending with this one. */
  sparkline: z.array(FigureSchema),
  /** When this standard's data last changed; null when it has none. */
  dataAsOf: z.iso.datetime({ offset: true }).nullable(),
  /**
   * With a team only (absent otherwise): true when the team has no work this standard counts
   * (no items, checks or responses from the first sparkline period to the period's end, and no
   * open items). The standard is listed all the same, with empty figures and status no_data.
   */
  noWorkForTeam: z.boolean().optional(),
});
export type ScorecardEntry = z.infer<typeof ScorecardEntrySchema>;

export const ScorecardTeamSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  service: z.object({ code: z.string(), name: z.string() }),
});
export type ScorecardTeam = z.infer<typeof ScorecardTeamSchema>;

export const ScorecardResponseSchema = z.object({
  period: PeriodSchema,
  /** The team the figures are for; absent for the whole office. */
  team: ScorecardTeamSchema.optional(),
  generatedAt: z.iso.datetime({ offset: true }),
  dataAsOf: z.iso.datetime({ offset: true }).nullable(),
  summary: z.object({
    met: z.number().int(),
    near: z.number().int(),
    missed: z.number().int(),
    noData: z.number().int(),
    total: z.number().int(),
    /** With a team only: the standards with no work for the team (counted in noData too). */
    noWorkForTeam: z.number().int().optional(),
  }),
  /** True while derived values are being recalculated after a calendar or threshold change. */
  recalculating: z.boolean(),
  standards: z.array(ScorecardEntrySchema),
});
export type ScorecardResponse = z.infer<typeof ScorecardResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Filters shared by series, breakdown, distribution and items

export const StandardParamsSchema = z.object({ code: z.string().min(1).max(64) });

export const FiltersSchema = z.object({
  /** A team id from GET /api/standards/:code (`teams`). */
  team: z.coerce.number().int().positive().optional(),
  channel: ChannelSchema.optional(),
  customerGroup: CustomerGroupSchema.optional(),
});
export type Filters = z.infer<typeof FiltersSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/standards/:code

export const StandardDetailResponseSchema = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  kind: StandardKindSchema,
  measure: MeasureSchema,
  unit: ValueUnitSchema,
  service: z.object({ code: z.string(), name: z.string() }).nullable(),
  threshold: z.object({ value: z.number().int(), unit: ThresholdUnitSchema }).nullable(),
  percentile: z.number().int().nullable(),
  minimumSample: z.number().int(),
  target: TargetInForceSchema.nullable(),
  /** Every target version, oldest first, for the step line. */
  targets: z.array(TargetInForceSchema.extend({ changedBy: z.string() })),
  teams: z.array(z.object({ id: z.number().int(), name: z.string(), service: z.string() })),
  /** The first and last dates with data, to bound date pickers. */
  dataFrom: IsoDateSchema.nullable(),
  dataTo: IsoDateSchema.nullable(),
});
export type StandardDetailResponse = z.infer<typeof StandardDetailResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/standards/:code/series

export const SeriesQuerySchema = FiltersSchema.extend({
  granularity: GranularitySchema.default('month'),
  /** A period id of the chosen granularity (2025-07) or an ISO date; default 12 periods back. */
  from: z.string().optional(),
  /** A period id of the chosen granularity or an ISO date; default the latest complete period. */
  to: z.string().optional(),
});

export const SeriesPointSchema = FigureSchema;
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;

export const SeriesResponseSchema = z.object({
  code: z.string(),
  granularity: GranularitySchema,
  unit: ValueUnitSchema,
  filters: FiltersSchema,
  points: z.array(SeriesPointSchema),
});
export type SeriesResponse = z.infer<typeof SeriesResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/standards/:code/breakdown

export const BreakdownDimensionSchema = z.enum(['team', 'channel', 'customerGroup']);
export type BreakdownDimension = z.infer<typeof BreakdownDimensionSchema>;

export const BreakdownQuerySchema = z.object({
  by: BreakdownDimensionSchema,
  period: ScorecardPeriodIdSchema.optional(),
});

export const FairnessSchema = z.object({
  flagged: z.boolean(),
  /** This group's share minus everyone else's (share points); null when not testable. */
  gap: z.number().nullable(),
  p: z.number().nullable(),
  /** The result in plain English. */
  reason: z.string(),
});

export const BreakdownGroupSchema = z.object({
  /** The filter value that selects this group (team id, channel or customer group code). */
  key: z.string(),
  label: z.string(),
  /** Null when suppressed. */
  n: z.number().int().nullable(),
  /** Satisfaction only: withheld, as in Figure. */
  suppressed: z.boolean(),
  successes: z.number().int().nullable(),
  value: z.number().nullable(),
  interval: IntervalSchema,
  status: StatusSchema,
  lowVolume: z.boolean(),
  /** Compared with all other groups on the share meeting the standard (two-proportion z-test). */
  fairness: FairnessSchema.nullable(),
});
export type BreakdownGroup = z.infer<typeof BreakdownGroupSchema>;

export const BreakdownResponseSchema = z.object({
  code: z.string(),
  period: PeriodSchema,
  by: BreakdownDimensionSchema,
  unit: ValueUnitSchema,
  target: z.number().nullable(),
  overall: FigureSchema,
  groups: z.array(BreakdownGroupSchema),
});
export type BreakdownResponse = z.infer<typeof BreakdownResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/standards/:code/distribution

export const DistributionQuerySchema = FiltersSchema.extend({
  period: ScorecardPeriodIdSchema.optional(),
});

export const DistributionBinSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Inclusive lower bound in `unit`; null for categorical bins. */
  lower: z.number().nullable(),
  /** Inclusive upper bound in `unit`; null for the open-ended last bin and categorical bins. */
  upper: z.number().nullable(),
  count: z.number().int(),
  /** How many of `count` met the standard. */
  withinThreshold: z.number().int(),
});

export const DistributionResponseSchema = z.object({
  code: z.string(),
  period: PeriodSchema,
  /** seconds (10-second bands), working_days, calendar_months, score (1-5) or outcome. */
  unit: z.enum(['seconds', 'working_days', 'calendar_months', 'score', 'outcome']),
  /** The threshold in `unit`, to mark on the chart; null when the standard has none. */
  threshold: z.number().nullable(),
  /** Null when suppressed. */
  n: z.number().int().nullable(),
  /** Satisfaction only: the responses are too few to show (bins empty), as in Figure. */
  suppressed: z.boolean(),
  bins: z.array(DistributionBinSchema),
});
export type DistributionResponse = z.infer<typeof DistributionResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/standards/:code/forecast

export const ForecastQuerySchema = z.object({
  granularity: z.enum(['month', 'quarter', 'year']).default('quarter'),
});

export const ForecastResponseSchema = z.object({
  code: z.string(),
  period: PeriodSchema,
  asOf: IsoDateSchema,
  unit: ValueUnitSchema,
  hasForecast: z.boolean(),
  workingDaysElapsed: z.number().int(),
  workingDaysInPeriod: z.number().int(),
  completedSoFar: z.number().int(),
  lateSoFar: z.number().int(),
  valueSoFar: z.number().nullable(),
  expected: z.number().nullable(),
  projectedValue: z.number().nullable(),
  target: z.number().nullable(),
  allowance: z.number().int().nullable(),
  reachable: z.boolean().nullable(),
  sentence: z.string(),
});
export type ForecastResponse = z.infer<typeof ForecastResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/standards/:code/items

export const ItemsQuerySchema = FiltersSchema.extend({
  period: ScorecardPeriodIdSchema.or(z.string().regex(WEEK_ID)).optional(),
  /**
   * late: completed in the period and not meeting the standard (failed checks, dissatisfied
   * responses); open: still open now and received by the period's end; all: everything in it.
   */
  status: z.enum(['late', 'open', 'all']).default('late'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const WorkItemRecordSchema = z.object({
  kind: z.literal('work_item'),
  id: z.string(),
  sourceRef: z.string(),
  workType: z.string(),
  team: z.string().nullable(),
  channel: ChannelSchema,
  customerGroup: CustomerGroupSchema,
  receivedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  receivedDate: IsoDateSchema,
  completedDate: IsoDateSchema.nullable(),
  elapsedSeconds: z.number().int().nullable(),
  elapsedWorkingDays: z.number().int().nullable(),
  withinThreshold: z.boolean().nullable(),
  /** For open items: age today in the threshold's unit. */
  age: z.number().int().nullable(),
  late: z.boolean(),
});

export const QualityCheckRecordSchema = z.object({
  kind: z.literal('quality_check'),
  id: z.string(),
  sourceRef: z.string(),
  workType: z.string(),
  team: z.string().nullable(),
  checkedAt: z.iso.datetime({ offset: true }),
  checkedDate: IsoDateSchema,
  passed: z.boolean(),
  errorCategory: z.string().nullable(),
});

export const FeedbackRecordSchema = z.object({
  kind: z.literal('feedback'),
  id: z.string(),
  /** The date only: the exact time (and the source system's reference) are never sent. */
  submittedDate: IsoDateSchema,
  service: z.string(),
  team: z.string().nullable(),
  channel: ChannelSchema,
  customerGroup: CustomerGroupSchema,
  score: z.number().int().nullable(),
  type: FeedbackTypeSchema,
  /** Personal data already redacted. */
  comment: z.string().nullable(),
});

export const ItemRecordSchema = z.discriminatedUnion('kind', [
  WorkItemRecordSchema,
  QualityCheckRecordSchema,
  FeedbackRecordSchema,
]);
export type ItemRecord = z.infer<typeof ItemRecordSchema>;

export const ItemsResponseSchema = z.object({
  code: z.string(),
  period: PeriodSchema,
  status: z.enum(['late', 'open', 'all']),
  filters: FiltersSchema,
  /** How many records match, across all pages. */
  total: z.number().int(),
  /**
   * Satisfaction only: true when the filters select a group whose figures are withheld; no record
   * is listed (total 0), so that a small group's answers cannot be read one by one.
   */
  withheld: z.boolean(),
  items: z.array(ItemRecordSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ItemsResponse = z.infer<typeof ItemsResponseSchema>;
