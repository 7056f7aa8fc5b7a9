import { z } from 'zod';
import {
  ChannelSchema,
  CustomerGroupSchema,
  FeedbackTypeSchema,
  IsoDateSchema,
  StatusSchema,
} from './common.js';
import { PeriodIdSchema } from './scorecard.js';

// ---------------------------------------------------------------------------------------------
// The feedback explorer (GET /api/feedback/...). measurement.md, 'Fairness and privacy': every
// figure carries its n, and a cell with fewer than 10 responses is suppressed (value null,
// `suppressed: true`, label 'fewer than 10').

export const THEME_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ThemeCodeSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(THEME_CODE, { message: 'must be lower-case words joined by hyphens (waiting-times)' });

export const FeedbackFiltersSchema = z.object({
  /** A team id. */
  team: z.coerce.number().int().positive().optional(),
  service: z.string().min(1).max(64).optional(),
  channel: ChannelSchema.optional(),
  customerGroup: CustomerGroupSchema.optional(),
  type: FeedbackTypeSchema.optional(),
  theme: ThemeCodeSchema.optional(),
});
export type FeedbackFilters = z.infer<typeof FeedbackFiltersSchema>;

/**
 * A month, quarter or financial year id, or from/to covering whole months (the first day of one
 * month to the last day of another); default the latest complete month.
 */
export const FeedbackRangeQuerySchema = z.object({
  period: PeriodIdSchema.optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});

export const FeedbackQuerySchema = FeedbackFiltersSchema.extend(FeedbackRangeQuerySchema.shape);
export type FeedbackQuery = z.infer<typeof FeedbackQuerySchema>;

export const FeedbackRangeSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** The period id when one was asked for. */
  period: z.string().nullable(),
  label: z.string(),
});
export type FeedbackRange = z.infer<typeof FeedbackRangeSchema>;

/**
 * A count, mean or other value over `n` responses. Suppressed cells (fewer than 10 responses, or
 * hidden so that another small cell cannot be worked out by subtraction) carry no value and no n.
 */
export const CellSchema = z.object({
  value: z.number().nullable(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  /** 'fewer than 10' when suppressed. */
  label: z.string().nullable(),
});
export type Cell = z.infer<typeof CellSchema>;

/** A share of responses (satisfied share) with its Wilson 95% interval. */
export const ShareCellSchema = CellSchema.extend({
  successes: z.number().int().nullable(),
  interval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
});
export type ShareCell = z.infer<typeof ShareCellSchema>;

// GET /api/feedback/summary ---------------------------------------------------------------------

export const FeedbackSummarySchema = z.object({
  range: FeedbackRangeSchema,
  filters: FeedbackFiltersSchema,
  /** Every response in the range, scored or not. */
  responses: CellSchema,
  /** Responses scoring 4 or 5 / responses with a score. */
  satisfied: ShareCellSchema,
  target: z.number(),
  status: StatusSchema,
  /** True when n is below the csat standard's minimum sample. */
  lowVolume: z.boolean(),
  meanScore: CellSchema,
  distribution: z.array(z.object({ score: z.number().int().min(1).max(5), count: CellSchema })),
  types: z.array(z.object({ type: FeedbackTypeSchema, count: CellSchema })),
  /** Mean sentiment (-1..1) of the comments. */
  sentiment: CellSchema,
});
export type FeedbackSummary = z.infer<typeof FeedbackSummarySchema>;

// GET /api/feedback/series ----------------------------------------------------------------------

export const FeedbackSeriesQuerySchema = FeedbackQuerySchema.extend({
  granularity: z.enum(['month', 'quarter']).default('month'),
});

export const FeedbackSeriesPointSchema = z.object({
  period: z.object({ id: z.string(), start: IsoDateSchema, end: IsoDateSchema, label: z.string() }),
  responses: CellSchema,
  satisfied: ShareCellSchema,
  target: z.number(),
  status: StatusSchema,
});
export type FeedbackSeriesPoint = z.infer<typeof FeedbackSeriesPointSchema>;

export const ActionMarkSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(['planned', 'in_progress', 'done']),
  /** The day the action started (or was completed, when no start was recorded). */
  on: IsoDateSchema,
});

export const FeedbackSeriesSchema = z.object({
  range: FeedbackRangeSchema,
  granularity: z.enum(['month', 'quarter']),
  filters: FeedbackFiltersSchema,
  points: z.array(FeedbackSeriesPointSchema),
  /** With a theme filter: when actions on that theme were taken, for marks on its trend. */
  actions: z.array(ActionMarkSchema),
});
export type FeedbackSeries = z.infer<typeof FeedbackSeriesSchema>;

// GET /api/feedback/themes ----------------------------------------------------------------------

export const FeedbackThemeStatSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Responses whose comment is about the theme. */
  count: CellSchema,
  /** The same count in the previous range of the same length. */
  previous: CellSchema,
  /** count - previous; null when either is suppressed. */
  change: z.number().int().nullable(),
  /** Relative change (0.5 = up by half); null when either is suppressed or previous is 0. */
  changeShare: z.number().nullable(),
  satisfied: ShareCellSchema,
});
export type FeedbackThemeStat = z.infer<typeof FeedbackThemeStatSchema>;

export const FeedbackThemesSchema = z.object({
  range: FeedbackRangeSchema,
  previousRange: FeedbackRangeSchema,
  filters: FeedbackFiltersSchema,
  /** Responses with a comment in the range. */
  comments: CellSchema,
  themes: z.array(FeedbackThemeStatSchema),
});
export type FeedbackThemes = z.infer<typeof FeedbackThemesSchema>;

// GET /api/feedback/comments --------------------------------------------------------------------

export const FeedbackCommentsQuerySchema = FeedbackQuerySchema.extend({
  /** Web-search syntax: words, "a phrase", -excluded, or. */
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A piece of a comment; `match` pieces are the search hits (rendered as <mark>). */
export const TextSegmentSchema = z.object({ text: z.string(), match: z.boolean() });
export type TextSegment = z.infer<typeof TextSegmentSchema>;

export const FeedbackCommentSchema = z.object({
  id: z.string(),
  submittedDate: IsoDateSchema,
  service: z.string(),
  team: z.string().nullable(),
  channel: ChannelSchema,
  customerGroup: CustomerGroupSchema,
  score: z.number().int().nullable(),
  type: FeedbackTypeSchema,
  themes: z.array(z.string()),
  sentiment: z.number().nullable(),
  /** The redacted comment, split into plain and matching segments. */
  segments: z.array(TextSegmentSchema),
});
export type FeedbackComment = z.infer<typeof FeedbackCommentSchema>;

export const FeedbackCommentsSchema = z.object({
  range: FeedbackRangeSchema,
  filters: FeedbackFiltersSchema,
  q: z.string().nullable(),
  /** Comments matching, over all pages (0 when withheld). */
  total: z.number().int(),
  /**
   * True when the filters select fewer than 10 responses (or a group hidden to protect one):
   * no comment is listed, so that a small group's answers cannot be read one by one.
   */
  withheld: z.boolean(),
  comments: z.array(FeedbackCommentSchema),
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type FeedbackComments = z.infer<typeof FeedbackCommentsSchema>;

// GET /api/feedback/groups ----------------------------------------------------------------------

export const FeedbackGroupSchema = z.object({
  customerGroup: CustomerGroupSchema,
  satisfied: ShareCellSchema,
  /** Everyone else in the same filters. */
  rest: ShareCellSchema,
  /** Group share minus the rest's share; null when suppressed. */
  gap: z.number().nullable(),
  p: z.number().nullable(),
  flagged: z.boolean(),
  /** The comparison in words. */
  reason: z.string(),
});
export type FeedbackGroup = z.infer<typeof FeedbackGroupSchema>;

export const FeedbackGroupsSchema = z.object({
  range: FeedbackRangeSchema,
  filters: FeedbackFiltersSchema,
  groups: z.array(FeedbackGroupSchema),
});
export type FeedbackGroups = z.infer<typeof FeedbackGroupsSchema>;

// GET /api/feedback/performance -----------------------------------------------------------------

export const FeedbackPerformanceQuerySchema = z.object({
  service: z.string().min(1).max(64).optional(),
  team: z.coerce.number().int().positive().optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});

export const FeedbackPerformanceSchema = z.object({
  service: z.object({ code: z.string(), name: z.string() }),
  team: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  /** Calendar months: feedback figures are kept to whole months (decision 7). */
  months: z.array(
    z.object({
      month: z.string(),
      start: IsoDateSchema,
      satisfied: ShareCellSchema,
    }),
  ),
  standards: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      /** Share completed within the threshold, per month (same order as `months`). */
      onTime: z.array(
        z.object({ month: z.string(), value: z.number().nullable(), n: z.number().int() }),
      ),
      /** Pearson correlation of monthly satisfied share with monthly share on time. */
      correlation: z.number().nullable(),
      /** Months with both values (satisfaction not suppressed). */
      n: z.number().int(),
      summary: z.string(),
    }),
  ),
});
export type FeedbackPerformance = z.infer<typeof FeedbackPerformanceSchema>;

// GET /api/feedback/phrases ---------------------------------------------------------------------

export const FeedbackPhrasesQuerySchema = FeedbackRangeQuerySchema.extend({
  /** Phrases used in fewer than 10 comments are never listed. */
  minCount: z.coerce.number().int().min(10).max(10_000).default(10),
  limit: z.coerce.number().int().min(1).max(200).default(30),
});

export const FeedbackPhrasesSchema = z.object({
  range: FeedbackRangeSchema,
  /** Comments read. */
  comments: z.number().int(),
  phrases: z.array(
    z.object({
      /** Stems joined by spaces ('payment page'). */
      phrase: z.string(),
      /** Comments using it. */
      count: z.number().int(),
      /** One comment that uses it, as an example (the first of `examples`). */
      example: z.string(),
      /** Up to 3 comments that use it, redacted as stored. */
      examples: z.array(z.string()).min(1).max(3),
    }),
  ),
});
export type FeedbackPhrases = z.infer<typeof FeedbackPhrasesSchema>;

// Taxonomy (admin) ------------------------------------------------------------------------------

export const ThemeSchema = z.object({
  code: z.string(),
  name: z.string(),
  phrases: z.array(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Theme = z.infer<typeof ThemeSchema>;

const PhrasesSchema = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/[A-Za-z]/, { message: 'needs a word' }),
  )
  .min(1)
  .max(100);

export const ThemeCreateSchema = z.object({
  code: ThemeCodeSchema,
  name: z.string().trim().min(1).max(120),
  phrases: PhrasesSchema,
});
export const ThemeUpdateSchema = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  phrases: PhrasesSchema.optional(),
});
export const ThemeParamsSchema = z.object({ code: ThemeCodeSchema });

export const TaxonomyResponseSchema = z.object({ themes: z.array(ThemeSchema) });
export const TaxonomyChangeResponseSchema = z.object({
  theme: ThemeSchema.nullable(),
  /** Stored comments whose themes changed. */
  retagged: z.number().int(),
});

// Actions ('you said, we did') ------------------------------------------------------------------

export const ActionStatusSchema = z.enum(['planned', 'in_progress', 'done']);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

export const ActionSchema = z.object({
  id: z.number().int(),
  themeCode: z.string(),
  themeName: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  owner: z.string(),
  status: ActionStatusSchema,
  startedOn: IsoDateSchema.nullable(),
  completedOn: IsoDateSchema.nullable(),
  /** When it should be done by; null when no date was set. */
  dueOn: IsoDateSchema.nullable(),
  /** Not done and due before today (London). */
  overdue: z.boolean(),
  published: z.boolean(),
  /** The team that recorded it; null for an action of the whole office. */
  teamId: z.number().int().nullable(),
  teamName: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Action = z.infer<typeof ActionSchema>;

export const ActionInputSchema = z
  .object({
    themeCode: ThemeCodeSchema,
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(4000).default(''),
    owner: z.string().trim().min(1).max(200),
    status: ActionStatusSchema.default('planned'),
    startedOn: IsoDateSchema.nullable().default(null),
    completedOn: IsoDateSchema.nullable().default(null),
    dueOn: IsoDateSchema.nullable().default(null),
    published: z.boolean().default(false),
    /** The team recording it: a team lead's must be one of theirs; managers may leave it null. */
    teamId: z.number().int().positive().nullable().default(null),
  })
  .refine((a) => !a.completedOn || !a.startedOn || a.completedOn >= a.startedOn, {
    message: 'must not be before startedOn',
    path: ['completedOn'],
  });
export type ActionInput = z.input<typeof ActionInputSchema>;

export const ActionsQuerySchema = z.object({
  published: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  theme: ThemeCodeSchema.optional(),
});
/** Action ids are PostgreSQL integers: a larger number is a 400, not a database error. */
export const ActionParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});
export const ActionsResponseSchema = z.object({ actions: z.array(ActionSchema) });

/** A value of an action's field as the audit trail kept it (dates as ISO strings). */
export const ActionFieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One change to an action, from its audit events: what it was and what it became. */
export const ActionChangeSchema = z.object({
  /** The action's field, as ActionSchema names it: 'status', 'dueOn', 'owner', ... */
  field: z.string(),
  /** Null for a field set when the action was recorded. */
  before: ActionFieldValueSchema,
  after: ActionFieldValueSchema,
});
export type ActionChange = z.infer<typeof ActionChangeSchema>;

export const ActionHistoryEventSchema = z.object({
  /** The audit event's id. */
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  /** Who made the change: the user's e-mail address, an API token or a command. */
  actor: z.string(),
  kind: z.enum(['create', 'update', 'delete']),
  /** Recorded: the fields it was recorded with; changed: the fields that changed; deleted: none. */
  changes: z.array(ActionChangeSchema),
});
export type ActionHistoryEvent = z.infer<typeof ActionHistoryEventSchema>;

/** GET /api/feedback/actions/:id/history: the action's changes, oldest first. */
export const ActionHistorySchema = z.object({
  actionId: z.number().int(),
  events: z.array(ActionHistoryEventSchema),
});
export type ActionHistory = z.infer<typeof ActionHistorySchema>;

// GET /api/feedback/options: what the explorer's filters can be set to.
export const FeedbackOptionsSchema = z.object({
  services: z.array(z.object({ code: z.string(), name: z.string() })),
  teams: z.array(z.object({ id: z.number().int(), name: z.string(), service: z.string() })),
  themes: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The first and last submission dates. */
  dataFrom: IsoDateSchema.nullable(),
  dataTo: IsoDateSchema.nullable(),
});
export type FeedbackOptions = z.infer<typeof FeedbackOptionsSchema>;
