import type { PrismaClient } from '../db/prisma.js';

/**
 * Failed sign-ins are counted per account and per address over a window (decision 11). Past
 * the limit, sign-in is refused with 429 until the oldest failure in the window ages out, even
 * with the right password: guessing gets a handful of tries an hour, not thousands.
 */
export interface ThrottleLimits {
  windowMs: number;
  /** Failures for one e-mail address (from anywhere) before it is locked for the window. */
  perAccount: number;
  /** Failures from one client address (for any accounts). */
  perAddress: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  windowMs: 15 * 60_000,
  perAccount: 5,
  perAddress: 20,
};

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function throttledFor(
  prisma: PrismaClient,
  limits: ThrottleLimits,
  email: string,
  address: string,
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - limits.windowMs);
  const wait = async (where: { email: string } | { address: string }, limit: number) => {
    const recent = await prisma.signInFailure.findMany({
      where: { ...where, at: { gt: since } },
      orderBy: { at: 'desc' },
      take: limit,
      select: { at: true },
    });
    if (recent.length < limit) return 0;
    // The limit-th most recent failure must leave the window before another try.
    const oldest = recent[recent.length - 1]?.at ?? now;
    return Math.max(1, Math.ceil((oldest.getTime() + limits.windowMs - now.getTime()) / 1000));
  };
  return Math.max(
    await wait({ email }, limits.perAccount),
    await wait({ address }, limits.perAddress),
  );
}

export async function recordFailure(
  prisma: PrismaClient,
  limits: ThrottleLimits,
  email: string,
  address: string,
  now = new Date(),
): Promise<void> {
  await prisma.$transaction([
    prisma.signInFailure.deleteMany({
      where: { at: { lt: new Date(now.getTime() - limits.windowMs) } },
    }),
    prisma.signInFailure.create({ data: { email, address, at: now } }),
  ]);
}
