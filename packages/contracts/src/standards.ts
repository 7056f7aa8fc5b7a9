import { z } from 'zod';
import {
  DivisionSchema,
  IsoDateSchema,
  MeasureSchema,
  StandardKindSchema,
  ThresholdUnitSchema,
} from './common.js';

export const TargetSchema = z.object({
  /** A share (0.9 = 90%) for proportion measures; working days for `percentile_turnaround`. */
  value: z.number(),
  /** Share points (0.02) for proportion measures; working days for `percentile_turnaround`. */
  tolerance: z.number(),
  effectiveFrom: IsoDateSchema,
  effectiveTo: IsoDateSchema.nullable(),
  reason: z.string(),
});
export type Target = z.infer<typeof TargetSchema>;

export const StandardSchema = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  kind: StandardKindSchema,
  measure: MeasureSchema,
  service: z.object({ code: z.string(), name: z.string() }).nullable(),
  workTypes: z.array(z.string()),
  threshold: z
    .object({
      value: z.number().int(),
      unit: ThresholdUnitSchema,
    })
    .nullable(),
  /** The P of a `percentile_turnaround` measure. */
  percentile: z.number().int().nullable(),
  division: DivisionSchema,
  minimumSample: z.number().int(),
  /** The target version in force today; null if none is. */
  target: TargetSchema.nullable(),
});
export type Standard = z.infer<typeof StandardSchema>;

export const StandardsResponseSchema = z.object({
  standards: z.array(StandardSchema),
});
export type StandardsResponse = z.infer<typeof StandardsResponseSchema>;
