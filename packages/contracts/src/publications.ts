import { z } from 'zod';
import { StatusSchema } from './common.js';
import { ValueUnitSchema } from './scorecard.js';

/**
 * Publishing (decision 13): a manager signs off a closed month or financial-year quarter, which
 * freezes the office's figures for it as they stood; later imports do not change them. When a
 * recalculation would change a published figure, a manager may publish a revision with a reason:
 * a new version of the period, never a change to the old one. The public transparency page
 * (/performance) shows only what was published.
 */

/** Longest revision reason: it is shown on the public page beside the revised figures. */
export const PUBLICATION_REASON_MAX = 500;

/** One line of printable text: no control characters (PostgreSQL text cannot hold NUL). */
const oneLine = (text: string) =>
  ![...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

/**
 * A period as sent: checked by the route, which answers 422 naming `period` when it is not a
 * month (2026-10) or a financial-year quarter (2026-27-Q2), or has not ended yet.
 */
const PublicationPeriodParamSchema = z.string().trim().min(1, 'enter a period').max(16);

export const PublicationSchema = z.object({
  id: z.number().int(),
  /** A month ('2026-10') or a financial-year quarter ('2026-27-Q2'). */
  period: z.string(),
  /** 'October 2026'. */
  periodLabel: z.string(),
  /** 1 = the first publication of the period; 2, 3 ... = revisions. */
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime({ offset: true }),
  /** The publisher's name, or e-mail address when the name is unknown. */
  publishedBy: z.string(),
  /** When the data behind the figures last changed, as of publishing; null: no data yet. */
  dataAsOf: z.iso.datetime({ offset: true }).nullable(),
  /** Why a revision was published; null for a first publication. */
  reason: z.string().nullable(),
  /** False once a later version of the same period exists. */
  current: z.boolean(),
});
export type Publication = z.infer<typeof PublicationSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/publications

export const PublicationsResponseSchema = z.object({
  /** Newest first. */
  publications: z.array(PublicationSchema),
});
export type PublicationsResponse = z.infer<typeof PublicationsResponseSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/publications/review?period=2026-10

export const PublicationReviewQuerySchema = z.object({ period: PublicationPeriodParamSchema });

/** A figure as the public sees it. */
export const PublishedValueSchema = z.object({
  /**
   * As the scorecard has it: a share from 0 to 1, or working days. Null when there is no figure
   * (no data, or a satisfaction figure withheld).
   */
  value: z.number().nullable(),
  /** 0 when there is no data or the figure is withheld. */
  n: z.number().int(),
  status: StatusSchema,
  /** Satisfaction only: withheld ('Fewer than 10 responses'); value null, n 0, status no_data. */
  withheld: z.boolean(),
});
export type PublishedValue = z.infer<typeof PublishedValueSchema>;

export const PublicationReviewRowSchema = z.object({
  standardCode: z.string(),
  title: z.string(),
  /** As in the scorecard: `share` (0 to 1) or `working_days`. */
  unit: ValueUnitSchema,
  /** The target in words: '90%' or '10 working days'; 'No target' when none is in force. */
  target: z.string(),
  /** As last published (the latest version); null when never published. */
  published: PublishedValueSchema.nullable(),
  /** As the figures stand now. */
  current: PublishedValueSchema,
  /**
   * True when the figure shown to the public (the value as displayed, or the status, or n)
   * differs from the latest publication. False when the period was never published.
   */
  changed: z.boolean(),
});
export type PublicationReviewRow = z.infer<typeof PublicationReviewRowSchema>;

export const PublicationReviewResponseSchema = z.object({
  period: z.string(),
  periodLabel: z.string(),
  /** True when the period's last day is before today (Europe/London): it may be published. */
  closed: z.boolean(),
  /** The latest version published for the period; null when never published. */
  latest: PublicationSchema.nullable(),
  /** How many rows are `changed`. */
  changedCount: z.number().int(),
  rows: z.array(PublicationReviewRowSchema),
});
export type PublicationReviewResponse = z.infer<typeof PublicationReviewResponseSchema>;

// ---------------------------------------------------------------------------------------------
// POST /api/publications

export const PublishRequestSchema = z.object({
  period: PublicationPeriodParamSchema,
  /**
   * Required (422 naming `reason`) when the period has been published before: why the figures
   * are revised. Not needed for a first publication (and not kept with it: a first publication
   * has no reason).
   */
  reason: z
    .string()
    .trim()
    .max(PUBLICATION_REASON_MAX, `must be ${PUBLICATION_REASON_MAX} characters or fewer`)
    .refine(oneLine, 'must be one line, without control characters')
    .optional(),
});
export type PublishRequest = z.input<typeof PublishRequestSchema>;
