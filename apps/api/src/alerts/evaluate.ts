/**
 * Evaluation: the rules' observations turned into alerts, notifications and e-mails to send, in
 * one transaction (decision 14). One alert per rule, subject and period (a unique key): a rule
 * that goes on holding updates its alert's figures and tells nobody again; one that stops holding
 * for the same period clears it and every subscriber gets a notice; one whose period has gone by
 * is ended quietly. Running it twice changes nothing the second time.
 */
import type { Role } from '@ipo/domain/access';
import { ALERTS_EVALUATION_LOCK } from '../db/locks.js';
import type { Database } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.ts';
import { type Observation, observeRules, type RuleOptions } from './rules.js';
import type { AlertRule } from './words.js';

export interface EvaluateOptions extends RuleOptions {
  /** Whether e-mail can be sent (SMTP_URL or NOTIFY_API_KEY set): otherwise in-app only. */
  mail: boolean;
}

export interface EvaluationResult {
  opened: number;
  cleared: number;
  ended: number;
  /** Notifications written (in-app and e-mail). */
  notifications: number;
  /** E-mails to send now (subscribers who asked for immediate messages). */
  deliveryIds: number[];
  /** Alerts open after the evaluation. */
  open: number;
}

type Tx = Prisma.TransactionClient;

interface Subscriber {
  userId: number;
  rules: string[];
  allStandards: boolean;
  standardCodes: string[];
  allTeams: boolean;
  teamIds: number[];
  frequency: string;
  email: boolean;
  inApp: boolean;
  roles: string[];
  userTeamIds: number[];
}

interface AlertRow {
  id: number;
  rule: string;
  subject: string;
  standardCode: string | null;
  teamId: number | null;
  period: string;
}

const keyOf = (a: { rule: string; subject: string; period: string }) =>
  `${a.rule}|${a.subject}|${a.period}`;

/**
 * Whether a subscriber hears of an alert: the rule is one they chose; an alert about a standard
 * is one of their standards; an alert about a team is one of the teams they chose and may see (a
 * team lead only ever hears of their own teams, whatever the row says). Alerts about a data
 * source with no standard, or a theme, pass the standard filter.
 */
export function subscriberHears(s: Subscriber, a: AlertRow): boolean {
  if (!s.rules.includes(a.rule)) return false;
  if (a.standardCode !== null && !s.allStandards && !s.standardCodes.includes(a.standardCode)) {
    return false;
  }
  if (a.teamId !== null) {
    const manager = s.roles.includes('manager' satisfies Role);
    const chosen = (s.allTeams && manager) || s.teamIds.includes(a.teamId);
    const mayRead = manager || s.userTeamIds.includes(a.teamId);
    if (!chosen || !mayRead) return false;
  }
  return true;
}

async function loadSubscribers(tx: Tx): Promise<Subscriber[]> {
  const rows = await tx.alertSubscription.findMany({
    where: { user: { disabledAt: null } },
    include: { user: { select: { roles: true, teams: { select: { teamId: true } } } } },
    orderBy: { userId: 'asc' },
  });
  return rows.map((r) => ({
    userId: r.userId,
    rules: r.rules,
    allStandards: r.allStandards,
    standardCodes: r.standardCodes,
    allTeams: r.allTeams,
    teamIds: r.teamIds,
    frequency: r.frequency,
    email: r.email,
    inApp: r.inApp,
    roles: r.user.roles,
    userTeamIds: r.user.teams.map((t) => t.teamId),
  }));
}

/** Evaluates every rule now and records what changed; the caller sends `deliveryIds`. */
export async function evaluateAlerts(
  db: Pick<Database, 'pool' | 'prisma'>,
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  // The figures first, outside the writing transaction (they take a while and only read).
  const seen = await observeRules(db, options);
  return db.prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${ALERTS_EVALUATION_LOCK}::bigint)`;
      const subscribers = await loadSubscribers(tx);
      const result: EvaluationResult = {
        opened: 0,
        cleared: 0,
        ended: 0,
        notifications: 0,
        deliveryIds: [],
        open: 0,
      };
      const notify = async (alert: AlertRow, event: 'opened' | 'cleared', sentence: string) => {
        for (const s of subscribers) {
          if (!subscriberHears(s, alert)) continue;
          const email = s.email && options.mail;
          if (!email && !s.inApp) continue;
          // One notice per user, alert and event, ever (a unique key): nothing is said twice.
          const created = await tx.notification.createManyAndReturn({
            data: [{ userId: s.userId, alertId: alert.id, event, sentence, inApp: s.inApp, email }],
            skipDuplicates: true,
            select: { id: true },
          });
          const notification = created[0];
          if (!notification) continue;
          result.notifications++;
          if (email && s.frequency === 'immediate') {
            const delivery = await tx.alertDelivery.create({
              data: { key: `notification:${notification.id}`, kind: 'alert', userId: s.userId },
              select: { id: true },
            });
            await tx.notification.update({
              where: { id: notification.id },
              data: { deliveryId: delivery.id },
            });
            result.deliveryIds.push(delivery.id);
          }
        }
      };

      const now = new Date();
      const holding = new Map<string, Observation>();
      const observedSubjects = new Map<string, Observation>();
      for (const o of seen.observations) {
        if (o.holds) holding.set(keyOf(o), o);
        observedSubjects.set(`${o.rule}|${o.subject}`, o);
      }
      const byKey = new Map(seen.observations.map((o) => [keyOf(o), o]));

      // Rules that hold: open an alert, or bring an open one's figures up to date.
      for (const o of holding.values()) {
        const data = {
          sentence: o.sentence,
          details: o.details as Prisma.InputJsonValue,
          standardCode: o.standardCode,
          teamId: o.teamId,
          updatedAt: now,
        };
        const existing = await tx.alert.findUnique({
          where: { rule_subject_period: { rule: o.rule, subject: o.subject, period: o.period } },
        });
        if (!existing) {
          const alert = await tx.alert.create({
            data: { rule: o.rule, subject: o.subject, period: o.period, ...data, openedAt: now },
          });
          result.opened++;
          await notify(alert, 'opened', o.sentence);
        } else {
          // Holding again after it cleared: open once more, without a second notice (the
          // subscribers heard of this rule and period already).
          await tx.alert.update({
            where: { id: existing.id },
            data: { ...data, clearedAt: null, endedAt: null },
          });
        }
      }

      // Open alerts whose rule no longer holds: cleared (with a notice) when the same period was
      // judged and found fine, ended quietly when the period has gone by.
      const open = await tx.alert.findMany({ where: { clearedAt: null, endedAt: null } });
      for (const alert of open) {
        if (holding.has(keyOf(alert))) continue;
        const rule = alert.rule as AlertRule;
        let now_: Observation | undefined;
        if (rule === 'stale_source') {
          const latest = observedSubjects.get(`${alert.rule}|${alert.subject}`);
          // New data arrived: cleared when the source is fresh now; a new stale spell has its
          // own alert, and this one ends.
          now_ = latest && !latest.holds ? latest : undefined;
        } else if (seen.periods[rule]?.includes(alert.period)) {
          now_ = byKey.get(keyOf(alert));
        }
        if (now_) {
          await tx.alert.update({
            where: { id: alert.id },
            data: {
              clearedAt: now,
              updatedAt: now,
              sentence: now_.sentence,
              details: now_.details as Prisma.InputJsonValue,
            },
          });
          result.cleared++;
          await notify(alert, 'cleared', now_.sentence);
        } else {
          await tx.alert.update({
            where: { id: alert.id },
            data: { endedAt: now, updatedAt: now },
          });
          result.ended++;
        }
      }
      result.open = await tx.alert.count({ where: { clearedAt: null, endedAt: null } });
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
