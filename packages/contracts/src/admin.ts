import { z } from 'zod';
import {
  DivisionSchema,
  IsoDateSchema,
  MeasureSchema,
  StatusSchema,
  ThresholdUnitSchema,
} from './common.js';
import { PeriodSchema, ValueUnitSchema } from './scorecard.js';

// ---------------------------------------------------------------------------------------------
// Administration: the closure calendar, standards' thresholds and targets, and the recalculation
// jobs that keep every stored derived value in step with them (docs/measurement.md).

/** A closure day applies to one division's calendar, or to the whole organisation. */
export const ClosureScopeSchema = z.enum([
  'england_and_wales',
  'scotland',
  'northern_ireland',
  'organisation',
]);
export type ClosureScope = z.infer<typeof ClosureScopeSchema>;

/**
 * `date_holidays`: a bank holiday from the date-holidays package (not stored, cannot be deleted);
 * `govuk_import`: from a GOV.UK bank-holidays.json file; `admin`: recorded by an administrator.
 */
export const ClosureSourceSchema = z.enum(['date_holidays', 'govuk_import', 'admin']);
export type ClosureSource = z.infer<typeof ClosureSourceSchema>;

/** The range the working calendars cover; closure days outside it would change nothing. */
export const CLOSURE_CALENDAR_FROM = '2000-01-01';
export const CLOSURE_CALENDAR_TO = '2069-12-31';

const ClosureDateSchema = IsoDateSchema.refine(
  (d) => d >= CLOSURE_CALENDAR_FROM && d <= CLOSURE_CALENDAR_TO,
  { message: `must be between ${CLOSURE_CALENDAR_FROM} and ${CLOSURE_CALENDAR_TO}` },
);

export const ClosureDaySchema = z.object({
  date: IsoDateSchema,
  scope: ClosureScopeSchema,
  /** The reason an administrator gave, or the bank holiday's title. */
  reason: z.string(),
  source: ClosureSourceSchema,
  /** Null for date-holidays bank holidays, which are not stored. */
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
  /** Stored days can be deleted; date-holidays bank holidays cannot. */
  deletable: z.boolean(),
});
export type ClosureDay = z.infer<typeof ClosureDaySchema>;

export const ClosureDaysQuerySchema = z.object({
  /** Default: 1 January of last year. */
  from: ClosureDateSchema.optional(),
  /** Default: 31 December of next year. */
  to: ClosureDateSchema.optional(),
  scope: ClosureScopeSchema.optional(),
});
export type ClosureDaysQuery = z.infer<typeof ClosureDaysQuerySchema>;

export const ClosureDaysResponseSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  closureDays: z.array(ClosureDaySchema),
});
export type ClosureDaysResponse = z.infer<typeof ClosureDaysResponseSchema>;

export const CLOSURE_REASON_MAX = 500;

export const CreateClosureDayBodySchema = z.object({
  date: ClosureDateSchema,
  scope: ClosureScopeSchema,
  reason: z
    .string()
    .trim()
    .min(1, { message: 'is required: say why the office is closed' })
    .max(CLOSURE_REASON_MAX, { message: `must be at most ${CLOSURE_REASON_MAX} characters` }),
});
export type CreateClosureDayBody = z.infer<typeof CreateClosureDayBodySchema>;

export const ClosureDayParamsSchema = z.object({ date: IsoDateSchema });
export const DeleteClosureDayQuerySchema = z.object({
  scope: ClosureScopeSchema,
  /** Why the day is removed, for the audit trail and the recalculation job (the page asks). */
  reason: z
    .string()
    .trim()
    .min(1, { message: 'is required when given: say why the day is removed' })
    .max(CLOSURE_REASON_MAX, { message: `must be at most ${CLOSURE_REASON_MAX} characters` })
    .optional(),
});

// ----- recalculation jobs

export const RecalculationStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed']);
export type RecalculationStatus = z.infer<typeof RecalculationStatusSchema>;

export const RecalculationJobSchema = z.object({
  id: z.number().int(),
  reason: z.string(),
  /** The rules version the job computes (while queued: the version it was queued under). */
  rulesVersion: z.number().int(),
  /** `queued` waits for the job before it; figures change only when a job `succeeded`. */
  status: RecalculationStatusSchema,
  /** Work items to recompute, known once the job runs. */
  total: z.number().int(),
  done: z.number().int(),
  error: z.string().nullable(),
  createdBy: z.string(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type RecalculationJob = z.infer<typeof RecalculationJobSchema>;

export const RecalculationParamsSchema = z.object({ id: z.coerce.number().int().positive() });
export const RecalculationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const RecalculationsResponseSchema = z.object({
  recalculations: z.array(RecalculationJobSchema),
});
export type RecalculationsResponse = z.infer<typeof RecalculationsResponseSchema>;

/** The answer to a change that starts a recalculation (202, Location: the job). */
export const ClosureDayChangeResponseSchema = z.object({
  closureDay: ClosureDaySchema,
  recalculation: RecalculationJobSchema,
});
export type ClosureDayChangeResponse = z.infer<typeof ClosureDayChangeResponseSchema>;

// ----- GOV.UK bank-holidays.json import

/** The division keys of https://www.gov.uk/bank-holidays.json. */
export const GOVUK_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type GovUkDivision = (typeof GOVUK_DIVISIONS)[number];

export const GovUkBankHolidayEventSchema = z.object({
  title: z.string().trim().min(1).max(CLOSURE_REASON_MAX),
  date: ClosureDateSchema,
  notes: z.string().max(CLOSURE_REASON_MAX).optional(),
  bunting: z.boolean().optional(),
});

export const GovUkDivisionEventsSchema = z.object({
  division: z.string(),
  events: z.array(GovUkBankHolidayEventSchema).max(5_000),
});

/**
 * The GOV.UK `bank-holidays.json` shape. An unknown division key, or a `division` field that
 * disagrees with its key, is an error naming that key (a file for another country is refused).
 */
export const GovUkBankHolidaysFileSchema = z
  .looseObject({
    'england-and-wales': GovUkDivisionEventsSchema.optional(),
    scotland: GovUkDivisionEventsSchema.optional(),
    'northern-ireland': GovUkDivisionEventsSchema.optional(),
  })
  .superRefine((file, ctx) => {
    const known = new Set<string>(GOVUK_DIVISIONS);
    let divisions = 0;
    for (const [key, value] of Object.entries(file)) {
      if (!known.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `unknown division "${key}": expected ${GOVUK_DIVISIONS.join(', ')}`,
        });
        continue;
      }
      if (value === undefined) continue;
      divisions++;
      const division = (value as { division?: unknown }).division;
      if (division !== key) {
        ctx.addIssue({
          code: 'custom',
          path: [key, 'division'],
          message: `must be "${key}", the key it is filed under`,
        });
      }
    }
    if (divisions === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `has no division: expected at least one of ${GOVUK_DIVISIONS.join(', ')}`,
      });
    }
  });
export type GovUkBankHolidaysFileBody = z.infer<typeof GovUkBankHolidaysFileSchema>;

export const ClosureImportResponseSchema = z.object({
  /** Days stored by this import. */
  added: z.number().int(),
  /** Days already known: date-holidays bank holidays, or stored before. */
  alreadyKnown: z.number().int(),
  divisions: z.array(
    z.object({
      division: DivisionSchema,
      added: z.number().int(),
      alreadyKnown: z.number().int(),
    }),
  ),
  addedDays: z.array(
    z.object({ date: IsoDateSchema, scope: ClosureScopeSchema, reason: z.string() }),
  ),
  /** Null when nothing changed (200); otherwise the job that applies the days (202). */
  recalculation: RecalculationJobSchema.nullable(),
});
export type ClosureImportResponse = z.infer<typeof ClosureImportResponseSchema>;

// ----- standards: threshold, division, minimum sample, target versions

export const AdminStandardParamsSchema = z.object({ code: z.string().min(1).max(100) });

/** Largest threshold accepted per unit: a typo (500 working days) is refused, not recomputed. */
export const THRESHOLD_MAXIMA = {
  seconds: 86_400,
  working_days: 260,
  calendar_days: 366,
  calendar_months: 36,
} as const satisfies Record<z.infer<typeof ThresholdUnitSchema>, number>;

export const UpdateStandardBodySchema = z
  .object({
    thresholdValue: z.number().int().min(0).optional(),
    thresholdUnit: ThresholdUnitSchema.optional(),
    division: DivisionSchema.optional(),
    minimumSample: z.number().int().min(1).max(1_000_000).optional(),
    /** Why, for the audit trail and the recalculation job. */
    reason: z.string().trim().min(1).max(CLOSURE_REASON_MAX).optional(),
  })
  .refine(
    (b) =>
      b.thresholdValue !== undefined ||
      b.thresholdUnit !== undefined ||
      b.division !== undefined ||
      b.minimumSample !== undefined,
    {
      message:
        'has nothing to change: give thresholdValue, thresholdUnit, division or minimumSample',
    },
  );
export type UpdateStandardBody = z.infer<typeof UpdateStandardBodySchema>;

const FieldChangeSchema = z.object({
  from: z.union([z.number(), z.string()]).nullable(),
  to: z.union([z.number(), z.string()]).nullable(),
});

export const UpdateStandardResponseSchema = z.object({
  code: z.string(),
  /** Each field that changes, with its old and new value. */
  changes: z.record(z.string(), FieldChangeSchema),
  /**
   * A threshold or division change applies together with the recalculation of the standard's
   * items (202): figures move from the old rules to the new ones at once, when the job succeeds.
   * Null when nothing derived depends on the change (200).
   */
  recalculation: RecalculationJobSchema.nullable(),
});
export type UpdateStandardResponse = z.infer<typeof UpdateStandardResponseSchema>;

export const CreateTargetVersionBodySchema = z.object({
  effectiveFrom: ClosureDateSchema,
  /** A share (0.9 = 90%) for proportion measures; working days for `percentile_turnaround`. */
  target: z.number().positive(),
  /** Share points (0.02) for proportion measures; working days for `percentile_turnaround`. */
  tolerance: z.number().min(0),
  changedBy: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(1).max(CLOSURE_REASON_MAX),
});
export type CreateTargetVersionBody = z.infer<typeof CreateTargetVersionBodySchema>;

export const TargetVersionSchema = z.object({
  effectiveFrom: IsoDateSchema,
  effectiveTo: IsoDateSchema.nullable(),
  target: z.number(),
  tolerance: z.number(),
  changedBy: z.string(),
  reason: z.string(),
});
export type TargetVersion = z.infer<typeof TargetVersionSchema>;

export const TargetVersionsResponseSchema = z.object({
  code: z.string(),
  /** Every version of the standard's target, oldest first. */
  targets: z.array(TargetVersionSchema),
});
export type TargetVersionsResponse = z.infer<typeof TargetVersionsResponseSchema>;

// ----- the preview of a target version (POST /api/admin/standards/:code/targets/preview)

/** What a preview needs of a new target version: no one is named and nothing is stored. */
export const TargetPreviewBodySchema = CreateTargetVersionBodySchema.pick({
  effectiveFrom: true,
  target: true,
  tolerance: true,
});
export type TargetPreviewBody = z.infer<typeof TargetPreviewBodySchema>;

/** One period as the scorecard judges it now, and as it would with the new version. */
export const TargetPreviewPeriodSchema = z.object({
  period: PeriodSchema,
  /** Null when there is no data, or a satisfaction figure is withheld (fewer than 10). */
  value: z.number().nullable(),
  n: z.number().int().nullable(),
  suppressed: z.boolean(),
  lowVolume: z.boolean(),
  /** The target in force on the period's first day under the versions stored now. */
  currentTarget: z.number().nullable(),
  currentStatus: StatusSchema,
  /** The same with the proposed version added (the one in force before it ends the day before). */
  proposedTarget: z.number().nullable(),
  proposedStatus: StatusSchema,
});
export type TargetPreviewPeriod = z.infer<typeof TargetPreviewPeriodSchema>;

export const TargetPreviewResponseSchema = z.object({
  code: z.string(),
  measure: MeasureSchema,
  unit: ValueUnitSchema,
  proposed: TargetPreviewBodySchema,
  /** The scorecard's last 12 complete months, oldest first. */
  periods: z.array(TargetPreviewPeriodSchema),
  /** Periods whose status would change. */
  changed: z.number().int(),
});
export type TargetPreviewResponse = z.infer<typeof TargetPreviewResponseSchema>;
