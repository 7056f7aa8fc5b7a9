import type { Standard } from '@ipo/contracts';
import type { PrismaClient } from '../db/prisma.js';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Every standard with the target version in force on `on` (a London date, YYYY-MM-DD). */
export async function listStandards(prisma: PrismaClient, on: string): Promise<Standard[]> {
  const day = new Date(`${on}T00:00:00Z`);
  const rows = await prisma.standard.findMany({
    orderBy: { sortOrder: 'asc' },
    include: {
      service: true,
      workTypes: { orderBy: { workTypeCode: 'asc' } },
      targets: {
        where: {
          effectiveFrom: { lte: day },
          OR: [{ effectiveTo: null }, { effectiveTo: { gte: day } }],
        },
        orderBy: { effectiveFrom: 'desc' },
        take: 1,
      },
    },
  });
  return rows.map((s) => {
    const t = s.targets[0];
    return {
      code: s.code,
      title: s.title,
      description: s.description,
      kind: s.kind,
      measure: s.measure,
      service: s.service ? { code: s.service.code, name: s.service.name } : null,
      workTypes: s.workTypes.map((w) => w.workTypeCode),
      threshold:
        s.thresholdValue !== null && s.thresholdUnit !== null
          ? { value: s.thresholdValue, unit: s.thresholdUnit }
          : null,
      percentile: s.percentile,
      division: s.division,
      minimumSample: s.minimumSample,
      target: t
        ? {
            value: t.target.toNumber(),
            tolerance: t.tolerance.toNumber(),
            effectiveFrom: isoDate(t.effectiveFrom),
            effectiveTo: t.effectiveTo ? isoDate(t.effectiveTo) : null,
            reason: t.reason,
          }
        : null,
    };
  });
}
