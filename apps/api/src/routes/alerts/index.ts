import {
  AdminDeliveriesQuerySchema,
  AdminDeliveriesResponseSchema,
  AdminSubscriptionsResponseSchema,
  AlertSubscriptionResponseSchema,
  AlertSubscriptionSchema,
  AlertsResponseSchema,
  ErrorResponseSchema,
  NotificationParamsSchema,
  NotificationsQuerySchema,
  NotificationsResponseSchema,
  UnreadCountSchema,
} from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AlertDetails } from '../../alerts/rules.js';
import {
  deleteSubscription,
  notificationsOf,
  saveSubscription,
  subscriptionOf,
  toSubscription,
} from '../../alerts/subscriptions.js';
import type { AlertRule } from '../../alerts/words.js';
import { actorOf } from '../../auth/access-plugin.js';
import type { SessionUser } from '../../auth/users.js';
import { HttpError } from '../../plugins/errors.js';

const tags = ['alerts'];
const errors = { 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };

export interface AlertRouteOptions {
  /** Whether this server can send e-mail (SMTP_URL or NOTIFY_API_KEY). */
  email: boolean;
}

/** Every route here has a signed-in user (none is public). */
const userOf = (user: SessionUser | null): SessionUser => {
  if (!user) throw new HttpError(401, 'Sign in to see your alerts.');
  return user;
};

/**
 * Alerts (decision 14): the open alerts for everyone who reads figures; subscriptions for
 * managers and team leads (their own); the in-app notifications for their owner; who subscribes
 * and which e-mails failed for administrators.
 */
export const alertRoutes: FastifyPluginAsyncZod<AlertRouteOptions> = async (app, options) => {
  app.get(
    '/alerts',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary: 'Open alerts: missed and at-risk standards, stale sources, satisfaction, themes',
        response: { 200: AlertsResponseSchema },
      },
    },
    async () => {
      const rows = await app.db.prisma.alert.findMany({
        where: { clearedAt: null, endedAt: null },
        orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
      });
      return {
        alerts: rows.map((r) => {
          const d = r.details as AlertDetails;
          return {
            id: r.id,
            rule: r.rule as AlertRule,
            subject: r.subject,
            standardCode: r.standardCode,
            teamId: r.teamId,
            period: r.period,
            periodLabel: d.periodLabel,
            title: d.title,
            sentence: r.sentence,
            value: d.value,
            target: d.target,
            n: d.n,
            path: d.path,
            openedAt: r.openedAt.toISOString(),
            updatedAt: r.updatedAt.toISOString(),
            clearedAt: r.clearedAt?.toISOString() ?? null,
          };
        }),
      };
    },
  );

  app.get(
    '/alerts/subscription',
    {
      config: { access: 'read-records' },
      schema: {
        tags,
        summary: 'Your alert subscription (null when you have none) and what you may choose',
        response: { 200: AlertSubscriptionResponseSchema },
      },
    },
    async (request) =>
      subscriptionOf(app.db.prisma, userOf(request.user), { email: options.email }),
  );

  app.put(
    '/alerts/subscription',
    {
      config: { access: 'read-records' },
      schema: {
        tags,
        summary:
          'Subscribe yourself (or change what you hear of): rules, standards, teams, how often, by e-mail and in the dashboard',
        body: AlertSubscriptionSchema,
        response: { 200: AlertSubscriptionResponseSchema, ...errors },
      },
    },
    async (request) => {
      const user = userOf(request.user);
      await saveSubscription(app.db.prisma, user, request.body, actorOf(request).actor);
      return subscriptionOf(app.db.prisma, user, { email: options.email });
    },
  );

  app.delete(
    '/alerts/subscription',
    {
      config: { access: 'read-records' },
      schema: {
        tags,
        summary: 'Unsubscribe yourself from every alert',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteSubscription(app.db.prisma, userOf(request.user), actorOf(request).actor);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/notifications',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the number unread',
        querystring: NotificationsQuerySchema,
        response: { 200: NotificationsResponseSchema },
      },
    },
    async (request) =>
      notificationsOf(app.db.prisma, userOf(request.user).id, {
        unreadOnly: request.query.unread === 'true',
        limit: request.query.limit,
      }),
  );

  app.post(
    '/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: NotificationParamsSchema,
        response: { 200: UnreadCountSchema, ...errors },
      },
    },
    async (request) => {
      const user = userOf(request.user);
      const { count } = await app.db.prisma.notification.updateMany({
        where: { id: request.params.id, userId: user.id, inApp: true },
        data: { readAt: new Date() },
      });
      // Someone else's notification is as absent as one that never existed.
      if (count === 0) throw new HttpError(404, `You have no notification ${request.params.id}.`);
      return {
        unread: await app.db.prisma.notification.count({
          where: { userId: user.id, inApp: true, readAt: null },
        }),
      };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mark every one of your notifications read',
        response: { 200: UnreadCountSchema, ...errors },
      },
    },
    async (request) => {
      const user = userOf(request.user);
      await app.db.prisma.notification.updateMany({
        where: { userId: user.id, inApp: true, readAt: null },
        data: { readAt: new Date() },
      });
      return { unread: 0 };
    },
  );

  app.get(
    '/admin/alerts/subscriptions',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin', ...tags],
        summary: 'Who subscribes to which alerts',
        response: { 200: AdminSubscriptionsResponseSchema },
      },
    },
    async () => {
      const rows = await app.db.prisma.alertSubscription.findMany({
        include: { user: { select: { id: true, email: true, name: true, roles: true } } },
        orderBy: { user: { email: 'asc' } },
      });
      return {
        subscriptions: rows.map((r) => ({
          ...toSubscription(r),
          user: r.user,
          updatedAt: r.updatedAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/admin/alerts/deliveries',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin', ...tags],
        summary: 'E-mails sent, waiting and failed (status=failed for the failures), newest first',
        querystring: AdminDeliveriesQuerySchema,
        response: { 200: AdminDeliveriesResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const rows = await app.db.prisma.alertDelivery.findMany({
        where: request.query.status ? { status: request.query.status } : {},
        include: { user: { select: { email: true } } },
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        take: request.query.limit,
      });
      return {
        deliveries: rows.map((r) => ({
          id: r.id,
          key: r.key,
          kind: r.kind as 'alert' | 'digest' | 'report',
          status: r.status as 'pending' | 'sending' | 'sent' | 'failed',
          attempts: r.attempts,
          lastError: r.lastError,
          transport: r.transport,
          email: r.user.email,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
