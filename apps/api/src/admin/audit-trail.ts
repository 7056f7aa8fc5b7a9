import type { AuditEventView } from '@ipo/contracts';
import { addDays, type IsoDate, londonMidnightMs } from '@ipo/domain';
import type { PrismaClient } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.ts';

/** Reading the audit trail (GET /api/audit): newest first, filtered, paged by id. */
export interface AuditFilter {
  actor?: string | undefined;
  kind?: string | undefined;
  /** London dates, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
  limit: number;
}

export async function readAuditTrail(
  prisma: PrismaClient,
  filter: AuditFilter,
): Promise<{ events: AuditEventView[]; nextBefore: number | null }> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.actor = { equals: filter.actor, mode: 'insensitive' };
  if (filter.kind) {
    where.OR = [{ action: filter.kind }, { action: { startsWith: `${filter.kind}.` } }];
  }
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: new Date(londonMidnightMs(filter.from as IsoDate)) } : {}),
      ...(filter.to ? { lt: new Date(londonMidnightMs(addDays(filter.to as IsoDate, 1))) } : {}),
    };
  }
  if (filter.before) where.id = { lt: BigInt(filter.before) };
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: { id: 'desc' },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  return {
    events: page.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      details: r.details ?? null,
      requestId: r.requestId,
      address: r.address,
    })),
    nextBefore: rows.length > filter.limit ? Number(page[page.length - 1]?.id) : null,
  };
}
