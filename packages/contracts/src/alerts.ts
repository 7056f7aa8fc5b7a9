import { z } from 'zod';

/**
 * Alerts (decision 14): what the rules found, who subscribes to which, the in-app notifications
 * and, for administrators, the e-mails sent and failed.
 */

export const ALERT_RULE_CODES = [
  'missed',
  'at_risk',
  'stale_source',
  'satisfaction_below',
  'theme_rising',
] as const;
export const AlertRuleSchema = z.enum(ALERT_RULE_CODES);
export type AlertRuleCode = z.infer<typeof AlertRuleSchema>;

export const ALERT_RULE_LABELS: Record<AlertRuleCode, string> = {
  missed: 'A standard missed its target in the month just closed',
  at_risk: 'The forecast says a standard will miss its target this month',
  stale_source: 'A data source has stopped sending data',
  satisfaction_below: 'Satisfaction is clearly below target (its whole interval below)',
  theme_rising: 'A theme’s share of comments rises sharply on the month before',
};

export const AlertFrequencySchema = z.enum(['immediate', 'daily', 'weekly']);
export type AlertFrequency = z.infer<typeof AlertFrequencySchema>;

const StandardCode = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9-]+$/, 'must be a standard code such as csc-calls');

/** What a user hears of, and how. */
export const AlertSubscriptionSchema = z
  .object({
    rules: z.array(AlertRuleSchema).max(ALERT_RULE_CODES.length),
    allStandards: z.boolean(),
    standardCodes: z.array(StandardCode).max(100),
    /** Alerts about every team (managers only). */
    allTeams: z.boolean(),
    /** Alerts about these teams (a team lead: only their own). */
    teamIds: z.array(z.number().int().positive()).max(500),
    frequency: AlertFrequencySchema,
    email: z.boolean(),
    inApp: z.boolean(),
    /** The monthly report pack by e-mail (those who may publish). */
    monthlyReport: z.boolean(),
  })
  .strict();
export type AlertSubscription = z.infer<typeof AlertSubscriptionSchema>;

export const AlertSubscriptionResponseSchema = z.object({
  /** Null: not subscribed. */
  subscription: AlertSubscriptionSchema.nullable(),
  choices: z.object({
    rules: z.array(z.object({ code: AlertRuleSchema, label: z.string() })),
    standards: z.array(z.object({ code: z.string(), title: z.string() })),
    teams: z.array(z.object({ id: z.number().int(), name: z.string() })),
    allTeams: z.boolean(),
    monthlyReport: z.boolean(),
    /** Whether this server can send e-mail at all. */
    email: z.boolean(),
  }),
});
export type AlertSubscriptionResponse = z.infer<typeof AlertSubscriptionResponseSchema>;

export const AlertSchema = z.object({
  id: z.number().int(),
  rule: AlertRuleSchema,
  subject: z.string(),
  standardCode: z.string().nullable(),
  teamId: z.number().int().nullable(),
  period: z.string(),
  periodLabel: z.string(),
  title: z.string(),
  /** What happened, in one sentence. */
  sentence: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  n: z.number().int().nullable(),
  /** The dashboard page about it. */
  path: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  clearedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const AlertsResponseSchema = z.object({ alerts: z.array(AlertSchema) });
export type AlertsResponse = z.infer<typeof AlertsResponseSchema>;

export const AlertNotificationSchema = z.object({
  id: z.number().int(),
  event: z.enum(['opened', 'cleared']),
  rule: AlertRuleSchema,
  sentence: z.string(),
  title: z.string(),
  periodLabel: z.string(),
  path: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type AlertNotification = z.infer<typeof AlertNotificationSchema>;

export const NotificationsQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const NotificationsResponseSchema = z.object({
  notifications: z.array(AlertNotificationSchema),
  unread: z.number().int(),
});
export type NotificationsResponse = z.infer<typeof NotificationsResponseSchema>;

export const NotificationParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const UnreadCountSchema = z.object({ unread: z.number().int() });

export const AdminSubscriptionsResponseSchema = z.object({
  subscriptions: z.array(
    AlertSubscriptionSchema.extend({
      user: z.object({
        id: z.number().int(),
        email: z.string(),
        name: z.string(),
        roles: z.array(z.string()),
      }),
      updatedAt: z.string(),
    }),
  ),
});
export type AdminSubscriptionsResponse = z.infer<typeof AdminSubscriptionsResponseSchema>;

export const DeliveryStatusSchema = z.enum(['pending', 'sending', 'sent', 'failed']);

export const AdminDeliveriesQuerySchema = z.object({
  status: DeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const AdminDeliveriesResponseSchema = z.object({
  deliveries: z.array(
    z.object({
      id: z.number().int(),
      key: z.string(),
      kind: z.enum(['alert', 'digest', 'report']),
      status: DeliveryStatusSchema,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      transport: z.string().nullable(),
      email: z.string(),
      createdAt: z.string(),
      updatedAt: z.string(),
      sentAt: z.string().nullable(),
    }),
  ),
});
export type AdminDeliveriesResponse = z.infer<typeof AdminDeliveriesResponseSchema>;
