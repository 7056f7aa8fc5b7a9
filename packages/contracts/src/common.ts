import { z } from 'zod';

// Names and codes exactly as in docs/measurement.md and docs/import-contract.md.
export const StandardKindSchema = z.enum(['timeliness', 'accuracy', 'satisfaction']);
export type StandardKind = z.infer<typeof StandardKindSchema>;

export const MeasureSchema = z.enum([
  'within_threshold_share',
  'percentile_turnaround',
  'pass_rate',
  'satisfied_share',
]);
export type Measure = z.infer<typeof MeasureSchema>;

export const ThresholdUnitSchema = z.enum([
  'seconds',
  'working_days',
  'calendar_days',
  'calendar_months',
]);
export type ThresholdUnit = z.infer<typeof ThresholdUnitSchema>;

export const DivisionSchema = z.enum(['england_and_wales', 'scotland', 'northern_ireland']);
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

export const StatusSchema = z.enum(['met', 'near', 'missed', 'no_data']);
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
