import type { Annotation, AnnotationInputSchema, AnnotationsQuerySchema } from '@ipo/contracts';
import { mayChangeAnnotation } from '@ipo/domain/access';
import type { z } from 'zod';
import { recordAudit } from '../admin/audit.js';
import type { PrismaClient } from '../db/prisma.js';
import type { Annotation as AnnotationRow, Prisma } from '../generated/prisma/client.ts';
import { HttpError } from '../plugins/errors.js';

/**
 * Annotations of the trend charts: a date or a date range on one standard or on every standard,
 * with a short note. Rows through Prisma; every change audited in its transaction (decision 11).
 */

type Db = PrismaClient | Prisma.TransactionClient;
type AnnotationInput = z.output<typeof AnnotationInputSchema>;
type AnnotationsQuery = z.output<typeof AnnotationsQuerySchema>;

/** Who is writing: their e-mail address (the actor and the author) and roles. */
export interface AnnotationWriter {
  actor: string;
  user: Parameters<typeof mayChangeAnnotation>[0];
}

/** A DATE column comes back from Prisma as UTC midnight of the day. */
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
const dateOf = (s: string): Date => new Date(`${s}T00:00:00Z`);

const toAnnotation = (r: AnnotationRow): Annotation => ({
  id: r.id,
  standardCode: r.standardCode,
  fromDate: isoDate(r.fromDate),
  toDate: isoDate(r.toDate),
  note: r.note,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

async function assertStandard(prisma: Db, code: string | null, field: string): Promise<void> {
  if (code === null) return;
  const found = await prisma.standard.findUnique({ where: { code }, select: { code: true } });
  if (!found) {
    throw new HttpError(400, `${field}: no standard ${code}`, [
      { field, message: `no standard ${code}` },
    ]);
  }
}

/**
 * The annotations of one standard (its own and those of every standard) or of all, that overlap
 * from..to; earliest first.
 */
export async function listAnnotations(
  prisma: PrismaClient,
  q: AnnotationsQuery,
): Promise<Annotation[]> {
  if (q.standard !== undefined) await assertStandard(prisma, q.standard, 'standard');
  const rows = await prisma.annotation.findMany({
    where: {
      ...(q.standard === undefined
        ? {}
        : { OR: [{ standardCode: q.standard }, { standardCode: null }] }),
      ...(q.from === undefined ? {} : { toDate: { gte: dateOf(q.from) } }),
      ...(q.to === undefined ? {} : { fromDate: { lte: dateOf(q.to) } }),
    },
    orderBy: [{ fromDate: 'asc' }, { toDate: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toAnnotation);
}

const columns = (a: AnnotationInput) => ({
  standardCode: a.standardCode,
  fromDate: dateOf(a.fromDate),
  toDate: dateOf(a.toDate),
  note: a.note,
});

export async function createAnnotation(
  prisma: PrismaClient,
  a: AnnotationInput,
  writer: AnnotationWriter,
): Promise<Annotation> {
  await assertStandard(prisma, a.standardCode, 'standardCode');
  return prisma.$transaction(async (tx) => {
    const row = await tx.annotation.create({ data: { ...columns(a), createdBy: writer.actor } });
    const annotation = toAnnotation(row);
    await recordAudit(tx, {
      actor: writer.actor,
      action: 'annotation.create',
      entity: 'annotation',
      entityId: String(row.id),
      details: annotation,
    });
    return annotation;
  });
}

/** The row to change, if the writer may change it: its author or an administrator. */
async function changeable(
  tx: Prisma.TransactionClient,
  id: number,
  writer: AnnotationWriter,
): Promise<AnnotationRow> {
  const row = await tx.annotation.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, `No annotation ${id}`);
  if (!mayChangeAnnotation(writer.user, row)) {
    throw new HttpError(
      403,
      `Annotation ${id} was written by ${row.createdBy}: only its author or an administrator may change it.`,
    );
  }
  return row;
}

export async function updateAnnotation(
  prisma: PrismaClient,
  id: number,
  a: AnnotationInput,
  writer: AnnotationWriter,
): Promise<Annotation> {
  await assertStandard(prisma, a.standardCode, 'standardCode');
  return prisma.$transaction(async (tx) => {
    const before = toAnnotation(await changeable(tx, id, writer));
    const row = await tx.annotation.update({
      where: { id },
      data: { ...columns(a), updatedAt: new Date() },
    });
    const after = toAnnotation(row);
    await recordAudit(tx, {
      actor: writer.actor,
      action: 'annotation.update',
      entity: 'annotation',
      entityId: String(id),
      details: { before, after },
    });
    return after;
  });
}

export async function deleteAnnotation(
  prisma: PrismaClient,
  id: number,
  writer: AnnotationWriter,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const before = toAnnotation(await changeable(tx, id, writer));
    await tx.annotation.delete({ where: { id } });
    await recordAudit(tx, {
      actor: writer.actor,
      action: 'annotation.delete',
      entity: 'annotation',
      entityId: String(id),
      details: before,
    });
  });
}
