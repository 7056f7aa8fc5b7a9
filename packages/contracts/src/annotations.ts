import { z } from 'zod';
import { IsoDateSchema } from './common.js';

/**
 * Annotations: a date or a date range marked on the trend charts of one standard or of every
 * standard, with a short note ('telephony outage', 'new case system'). Managers and
 * administrators add them ('annotate'); the author or an administrator changes them.
 */

/** Longest note: it is drawn on the chart as a label. */
export const ANNOTATION_NOTE_MAX = 120;

/** Dates before 2000 or after 2999 are typing mistakes. */
const AnnotationDateSchema = IsoDateSchema.refine(
  (d) => d >= '2000-01-01' && d <= '2999-12-31',
  'must be a date from 2000 to 2999',
);

/** One line of printable text: no control characters (PostgreSQL text cannot hold NUL). */
const oneLine = (text: string) =>
  ![...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

/** A standard's code, as GET /api/standards lists it. */
const StandardCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(oneLine, 'must be a standard code');

export const AnnotationSchema = z.object({
  id: z.number().int(),
  /** The standard it concerns; null: every standard. */
  standardCode: z.string().nullable(),
  fromDate: IsoDateSchema,
  /** Inclusive; the same as fromDate for a single date. */
  toDate: IsoDateSchema,
  note: z.string(),
  /** The author's e-mail address. */
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AnnotationInputSchema = z
  .object({
    /** A standard's code, or null (or left out) for every standard. */
    standardCode: StandardCodeSchema.nullable().default(null),
    fromDate: AnnotationDateSchema,
    /** Left out: the annotation marks fromDate alone. */
    toDate: AnnotationDateSchema.optional(),
    note: z
      .string()
      .trim()
      .min(1, 'enter a note')
      .max(ANNOTATION_NOTE_MAX, `must be ${ANNOTATION_NOTE_MAX} characters or fewer`)
      .refine(oneLine, 'must be one line, without control characters'),
  })
  .transform((a) => ({ ...a, toDate: a.toDate ?? a.fromDate }))
  .refine((a) => a.toDate >= a.fromDate, {
    message: 'must not be before fromDate',
    path: ['toDate'],
  });
export type AnnotationInput = z.input<typeof AnnotationInputSchema>;

export const AnnotationsQuerySchema = z
  .object({
    /** A standard's code: its annotations and those of every standard. Left out: all. */
    standard: StandardCodeSchema.optional(),
    /** Annotations that overlap from..to (inclusive). */
    from: AnnotationDateSchema.optional(),
    to: AnnotationDateSchema.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });

/** Annotation ids are PostgreSQL integers: a larger number is a 400, not a database error. */
export const AnnotationParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
});

export const AnnotationsResponseSchema = z.object({ annotations: z.array(AnnotationSchema) });
export type AnnotationsResponse = z.infer<typeof AnnotationsResponseSchema>;
