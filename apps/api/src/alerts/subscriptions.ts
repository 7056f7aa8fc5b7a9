/**
 * Subscriptions and notifications as rows (Prisma). A subscription is its user's own: managers
 * choose any standard and team; team leads choose standards and only their own teams; the monthly
 * report pack is for those who may publish it. Every change is audited in its transaction.
 */
import {
  ALERT_RULE_CODES,
  ALERT_RULE_LABELS,
  type AlertNotification,
  type AlertSubscription,
  type AlertSubscriptionResponse,
} from '@ipo/contracts';
import { can } from '@ipo/domain/access';
import { recordAudit } from '../admin/audit.js';
import type { SessionUser } from '../auth/users.js';
import type { PrismaClient } from '../db/prisma.js';
import { HttpError } from '../plugins/errors.js';
import type { AlertDetails } from './rules.js';
import type { AlertRule } from './words.js';

const FIELDS = {
  rules: true,
  allStandards: true,
  standardCodes: true,
  allTeams: true,
  teamIds: true,
  frequency: true,
  email: true,
  inApp: true,
  monthlyReport: true,
} as const;

export function toSubscription(row: {
  rules: string[];
  allStandards: boolean;
  standardCodes: string[];
  allTeams: boolean;
  teamIds: number[];
  frequency: string;
  email: boolean;
  inApp: boolean;
  monthlyReport: boolean;
}): AlertSubscription {
  return {
    rules: ALERT_RULE_CODES.filter((r) => row.rules.includes(r)),
    allStandards: row.allStandards,
    standardCodes: row.standardCodes,
    allTeams: row.allTeams,
    teamIds: row.teamIds,
    frequency: row.frequency as AlertSubscription['frequency'],
    email: row.email,
    inApp: row.inApp,
    monthlyReport: row.monthlyReport,
  };
}

const isManager = (user: Pick<SessionUser, 'roles'>) => user.roles.includes('manager');

export async function subscriptionOf(
  prisma: PrismaClient,
  user: SessionUser,
  options: { email: boolean },
): Promise<AlertSubscriptionResponse> {
  const [row, standards, teams] = await Promise.all([
    prisma.alertSubscription.findUnique({ where: { userId: user.id }, select: FIELDS }),
    prisma.standard.findMany({
      select: { code: true, title: true },
      orderBy: { sortOrder: 'asc' },
    }),
    isManager(user)
      ? prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } })
      : Promise.resolve(user.teams.map((t) => ({ id: t.id, name: t.name }))),
  ]);
  return {
    subscription: row ? toSubscription(row) : null,
    choices: {
      rules: ALERT_RULE_CODES.map((code) => ({ code, label: ALERT_RULE_LABELS[code] })),
      standards,
      teams,
      allTeams: isManager(user),
      monthlyReport: can(user, 'publish'),
      email: options.email,
    },
  };
}

/** Checks a subscription against what the user may choose; 400 or 403 naming the field. */
async function checkChoices(prisma: PrismaClient, user: SessionUser, s: AlertSubscription) {
  const found = await prisma.standard.findMany({
    where: { code: { in: s.standardCodes } },
    select: { code: true },
  });
  const missing = s.standardCodes.filter((c) => !found.some((f) => f.code === c));
  if (missing.length) {
    throw new HttpError(400, `standardCodes: there is no standard ${missing.join(', ')}`, [
      { field: 'standardCodes', message: `there is no standard ${missing.join(', ')}` },
    ]);
  }
  if (s.allTeams && !isManager(user)) {
    throw new HttpError(403, 'Only managers can hear about every team: choose your own teams.', [
      { field: 'allTeams', message: 'only managers can choose every team' },
    ]);
  }
  if (!isManager(user)) {
    const notMine = s.teamIds.filter((id) => !user.teamIds.includes(id));
    if (notMine.length) {
      const names = user.teams.map((t) => `${t.name} (${t.id})`).join(', ') || 'none';
      throw new HttpError(403, `You can choose only your own teams: ${names}.`, [
        { field: 'teamIds', message: `must be your own teams: ${names}` },
      ]);
    }
  } else if (s.teamIds.length) {
    const teams = await prisma.team.findMany({
      where: { id: { in: s.teamIds } },
      select: { id: true },
    });
    const missingTeams = s.teamIds.filter((id) => !teams.some((t) => t.id === id));
    if (missingTeams.length) {
      throw new HttpError(400, `teamIds: there is no team ${missingTeams.join(', ')}`, [
        { field: 'teamIds', message: `there is no team ${missingTeams.join(', ')}` },
      ]);
    }
  }
  if (s.monthlyReport && !can(user, 'publish')) {
    throw new HttpError(403, 'The monthly report pack is for those who publish the figures.', [
      { field: 'monthlyReport', message: 'needs the publish permission (a manager)' },
    ]);
  }
}

export async function saveSubscription(
  prisma: PrismaClient,
  user: SessionUser,
  s: AlertSubscription,
  actor: string,
): Promise<AlertSubscription> {
  await checkChoices(prisma, user, s);
  const data = {
    rules: [...new Set(s.rules)],
    allStandards: s.allStandards,
    standardCodes: [...new Set(s.standardCodes)],
    allTeams: s.allTeams,
    teamIds: [...new Set(s.teamIds)],
    frequency: s.frequency,
    email: s.email,
    inApp: s.inApp,
    monthlyReport: s.monthlyReport,
  };
  return prisma.$transaction(async (tx) => {
    const row = await tx.alertSubscription.upsert({
      where: { userId: user.id },
      create: { userId: user.id, ...data },
      update: { ...data, updatedAt: new Date() },
      select: FIELDS,
    });
    const saved = toSubscription(row);
    await recordAudit(tx, {
      actor,
      action: 'alert_subscription.update',
      entity: 'alert_subscription',
      entityId: String(user.id),
      details: saved,
    });
    return saved;
  });
}

export async function deleteSubscription(
  prisma: PrismaClient,
  user: SessionUser,
  actor: string,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.alertSubscription.deleteMany({ where: { userId: user.id } });
    if (count) {
      await recordAudit(tx, {
        actor,
        action: 'alert_subscription.delete',
        entity: 'alert_subscription',
        entityId: String(user.id),
        details: null,
      });
    }
    return count > 0;
  });
}

export function toNotification(row: {
  id: number;
  event: string;
  sentence: string;
  createdAt: Date;
  readAt: Date | null;
  alert: { rule: string; details: unknown };
}): AlertNotification {
  const details = row.alert.details as AlertDetails;
  return {
    id: row.id,
    event: row.event as AlertNotification['event'],
    rule: row.alert.rule as AlertRule,
    sentence: row.sentence,
    title: details.title,
    periodLabel: details.periodLabel,
    path: details.path,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The user's in-app notifications, newest first, and how many are unread. */
export async function notificationsOf(
  prisma: PrismaClient,
  userId: number,
  options: { unreadOnly: boolean; limit: number },
) {
  const where = { userId, inApp: true, ...(options.unreadOnly ? { readAt: null } : {}) };
  const [rows, unread] = await Promise.all([
    prisma.notification.findMany({
      where,
      include: { alert: { select: { rule: true, details: true } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: options.limit,
    }),
    prisma.notification.count({ where: { userId, inApp: true, readAt: null } }),
  ]);
  return { notifications: rows.map(toNotification), unread };
}
