/**
 * Sending each e-mail once (decision 14). An alert_delivery row is created once (a unique key);
 * a worker may send it only after moving it from pending to sending in one UPDATE, which one
 * worker alone can win, however many run. A send that fails goes back to pending (the queue
 * retries it with back-off) until its attempts run out, then it is failed and admins see it.
 *
 * At least once, not exactly once, at one point: a process that dies after the mail server
 * accepted a message but before the row says sent leaves it 'sending'; after SENDING_LEASE_MS
 * the retry takes it again and the message goes a second time. Everything else is once.
 */
import {
  type IsoDate,
  type Period,
  parsePeriod,
  periodContaining,
  previousPeriod,
} from '@ipo/domain';
import { can, type Role } from '@ipo/domain/access';
import type { Database } from '../db/prisma.js';
import { loadDerivationRules } from '../derive/rules.js';
import type { Mailer } from './mailer.js';
import { alertMail, digestMail, type NoticeForMail, reportMail } from './messages.js';
import type { AlertDetails } from './rules.js';
import type { AlertRule } from './words.js';

/** Tries per e-mail: the first and four retries (the queue's retryLimit is one less). */
export const DELIVERY_ATTEMPTS = 5;
/** A send claimed this long ago and never finished is taken to have died with its process. */
export const SENDING_LEASE_MS = 10 * 60_000;

export type ReportBuilder = (period: Period) => Promise<Buffer>;

export interface DeliverDeps {
  mailer: Mailer;
  publicUrl: string;
  /** The monthly report pack as a PDF (reports/monthly-report.ts). */
  buildReport?: ReportBuilder | undefined;
}

export type DeliveryOutcome = 'sent' | 'skipped' | 'failed' | 'retry';

/** The error the queue sees when a send should be tried again later. */
export class RetryDeliveryError extends Error {
  override name = 'RetryDeliveryError';
}

/**
 * Sends one delivery if this worker wins it. 'skipped': another worker has it, or it is done.
 * Throws RetryDeliveryError when the send failed and may be tried again.
 */
export async function deliver(
  db: Pick<Database, 'prisma'>,
  deliveryId: number,
  deps: DeliverDeps,
): Promise<DeliveryOutcome> {
  const prisma = db.prisma;
  const now = new Date();
  const claimed = await prisma.alertDelivery.updateMany({
    where: {
      id: deliveryId,
      OR: [
        { status: 'pending' },
        { status: 'sending', updatedAt: { lt: new Date(now.getTime() - SENDING_LEASE_MS) } },
      ],
    },
    data: { status: 'sending', attempts: { increment: 1 }, updatedAt: now },
  });
  if (claimed.count === 0) return 'skipped';
  const delivery = await prisma.alertDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { user: { select: { email: true, disabledAt: true } } },
  });
  try {
    if (delivery.user.disabledAt) throw new Error('the user is disabled: nothing is sent');
    const mail = await compose(db, delivery, deps);
    const sent = await deps.mailer.send(mail);
    await prisma.alertDelivery.update({
      where: { id: deliveryId },
      data: {
        status: 'sent',
        sentAt: new Date(),
        updatedAt: new Date(),
        transport: sent.transport,
        lastError: null,
      },
    });
    return 'sent';
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const final = delivery.attempts >= DELIVERY_ATTEMPTS || delivery.user.disabledAt !== null;
    await prisma.alertDelivery.update({
      where: { id: deliveryId },
      data: { status: final ? 'failed' : 'pending', lastError: message, updatedAt: new Date() },
    });
    if (final) return 'failed';
    throw new RetryDeliveryError(
      `delivery ${deliveryId}, attempt ${delivery.attempts}: ${message}`,
    );
  }
}

async function compose(
  db: Pick<Database, 'prisma'>,
  delivery: {
    id: number;
    key: string;
    kind: string;
    period: string | null;
    userId: number;
    user: { email: string };
  },
  deps: DeliverDeps,
) {
  const to = delivery.user.email;
  if (delivery.kind === 'report') {
    if (!delivery.period) throw new Error('a report delivery without its period');
    if (!deps.buildReport) throw new Error('the monthly report pack cannot be built here');
    const period = parsePeriod(delivery.period, 'month');
    const pdf = await deps.buildReport(period);
    return reportMail(to, delivery.key, period, pdf, deps.publicUrl);
  }
  const notices = await noticesOf(db, delivery.id);
  if (delivery.kind === 'alert') {
    const notice = notices[0];
    if (!notice) throw new Error('the notification of this delivery is gone');
    return alertMail(to, delivery.key, notice, deps.publicUrl);
  }
  const frequency = delivery.key.startsWith('digest:weekly:') ? 'weekly' : 'daily';
  return digestMail(to, delivery.key, frequency, notices, deps.publicUrl);
}

async function noticesOf(
  db: Pick<Database, 'prisma'>,
  deliveryId: number,
): Promise<NoticeForMail[]> {
  const rows = await db.prisma.notification.findMany({
    where: { deliveryId },
    include: { alert: { select: { rule: true, details: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => {
    const details = r.alert.details as unknown as AlertDetails;
    return {
      event: r.event as 'opened' | 'cleared',
      rule: r.alert.rule as AlertRule,
      sentence: r.sentence,
      title: details.title,
      periodLabel: details.periodLabel,
      path: details.path,
    };
  });
}

/**
 * Gathers each digest subscriber's e-mail notifications not yet sent into one delivery for the
 * day (`digest:daily:<user>:<date>`, or weekly). Returns the deliveries to send. A second run the
 * same day makes nothing new; what arrives after a digest waits for the next one.
 */
export async function prepareDigests(
  db: Pick<Database, 'prisma'>,
  frequency: 'daily' | 'weekly',
  today: IsoDate,
): Promise<number[]> {
  return db.prisma.$transaction(async (tx) => {
    const subscribers = await tx.alertSubscription.findMany({
      where: { frequency, email: true, user: { disabledAt: null } },
      select: { userId: true },
      orderBy: { userId: 'asc' },
    });
    const ids: number[] = [];
    for (const { userId } of subscribers) {
      const waiting = await tx.notification.count({
        where: { userId, email: true, deliveryId: null },
      });
      if (waiting === 0) continue;
      const created = await tx.alertDelivery.createManyAndReturn({
        data: [{ key: `digest:${frequency}:${userId}:${today}`, kind: 'digest', userId }],
        skipDuplicates: true,
        select: { id: true },
      });
      const delivery = created[0];
      if (!delivery) continue;
      await tx.notification.updateMany({
        where: { userId, email: true, deliveryId: null },
        data: { deliveryId: delivery.id },
      });
      ids.push(delivery.id);
    }
    return ids;
  });
}

/**
 * From the report day on (REPORT_PACK_WORKING_DAY working days after the month ends), one
 * delivery of the month's pack per subscriber who may have it ('publish'). Returns the new ones.
 */
export async function prepareMonthlyReports(
  db: Pick<Database, 'prisma'>,
  month: Period,
): Promise<number[]> {
  const subscribers = await db.prisma.alertSubscription.findMany({
    where: { monthlyReport: true, email: true, user: { disabledAt: null } },
    include: { user: { select: { roles: true } } },
    orderBy: { userId: 'asc' },
  });
  const mayHave = subscribers.filter((s) =>
    can({ roles: s.user.roles as Role[], teamIds: [] }, 'publish'),
  );
  if (!mayHave.length) return [];
  const created = await db.prisma.alertDelivery.createManyAndReturn({
    data: mayHave.map((s) => ({
      key: `report:${month.id}:${s.userId}`,
      kind: 'report',
      userId: s.userId,
      period: month.id,
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  return created.map((c) => c.id);
}

/**
 * The report day of the month before `today`'s: the `workingDay`-th working day after it ends
 * (England and Wales, with closure days).
 */
export async function reportDayOf(
  db: Pick<Database, 'pool'>,
  today: IsoDate,
  workingDay: number,
): Promise<{ month: Period; day: IsoDate }> {
  const month = previousPeriod(periodContaining(today, 'month'));
  const rules = await loadDerivationRules(db.pool);
  return {
    month,
    day: rules.calendar('england_and_wales').nthWorkingDayAfter(month.end, workingDay),
  };
}

/**
 * From the report day on (a server that was down that morning still sends it), the month's
 * deliveries of the pack; nothing before it, and nothing twice (prepareMonthlyReports).
 */
export async function dueMonthlyReports(
  db: Pick<Database, 'pool' | 'prisma'>,
  today: IsoDate,
  workingDay: number,
): Promise<number[]> {
  const { month, day } = await reportDayOf(db, today, workingDay);
  if (today < day) return [];
  return prepareMonthlyReports(db, month);
}

/**
 * A delivery waiting for a retry longer than this has lost its queue job (the back-off of every
 * retry together is minutes): the sweep queues it again.
 */
export const ORPHANED_RETRY_MS = 60 * 60_000;

/**
 * Deliveries nobody is working on: never tried (their queue job lost, or made by the command
 * line), waiting for a retry far too long, or claimed by a process that died. For the sweep after
 * each evaluation; the claim in deliver() keeps a second job for one delivery harmless.
 */
export async function pendingDeliveryIds(db: Pick<Database, 'prisma'>): Promise<number[]> {
  const now = Date.now();
  const rows = await db.prisma.alertDelivery.findMany({
    where: {
      OR: [
        { status: 'pending', attempts: 0 },
        { status: 'pending', updatedAt: { lt: new Date(now - ORPHANED_RETRY_MS) } },
        { status: 'sending', updatedAt: { lt: new Date(now - SENDING_LEASE_MS) } },
      ],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: 1000,
  });
  return rows.map((r) => r.id);
}
