import {
  DIVISIONS,
  MEASURES,
  STANDARD_KINDS,
  STATUSES,
  THRESHOLD_UNITS,
} from '@ipo/domain/vocabulary';
import { z } from 'zod';

// The codes come from the domain's vocabulary (one list each); docs/measurement.md and
// docs/import-contract.md describe them.
export const StandardKindSchema = z.enum(STANDARD_KINDS);
export type StandardKind = z.infer<typeof StandardKindSchema>;

export const MeasureSchema = z.enum(MEASURES);
export type Measure = z.infer<typeof MeasureSchema>;

export const ThresholdUnitSchema = z.enum(THRESHOLD_UNITS);
export type ThresholdUnit = z.infer<typeof ThresholdUnitSchema>;

export const DivisionSchema = z.enum(DIVISIONS);
export type Division = z.infer<typeof DivisionSchema>;

export const ChannelSchema = z.enum(['phone', 'email', 'post', 'online']);
export type Channel = z.infer<typeof ChannelSchema>;

export const CustomerGroupSchema = z.enum([
  'individual',
  'small_business',
  'large_business',
  'attorney',
]);
export type CustomerGroup = z.infer<typeof CustomerGroupSchema>;

export const FeedbackTypeSchema = z.enum(['compliment', 'complaint', 'suggestion', 'general']);
export type FeedbackType = z.infer<typeof FeedbackTypeSchema>;

// The words for each code, beside the codes: the API's breakdown labels and every page use these.

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  post: 'Post',
  online: 'Online',
};

export const CUSTOMER_GROUP_LABELS: Record<CustomerGroup, string> = {
  individual: 'Individuals',
  small_business: 'Small businesses',
  large_business: 'Large businesses',
  attorney: 'Attorneys and agents',
};

/** Plural, as in headings and counts ('Complaints: 54'). */
export const FEEDBACK_TYPE_LABELS: Record<FeedbackType, string> = {
  compliment: 'Compliments',
  complaint: 'Complaints',
  suggestion: 'Suggestions',
  general: 'General',
};

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** A calendar date in the Europe/London local calendar, `YYYY-MM-DD`. */
export const IsoDateSchema = z.iso.date();

/** The body of every 4xx/5xx answer. */
export const ErrorResponseSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  /** For validation errors: each offending field and why. */
  issues: z
    .array(
      z.object({
        field: z.string(),
        message: z.string(),
      }),
    )
    .optional(),
  requestId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** The answer to a change that returns nothing (204 No Content). */
export const NoContentSchema = z.undefined();
