import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/prisma.js';
import { type SessionUser, toSessionUser, USER_SELECT } from './users.js';

/**
 * Sessions are kept in PostgreSQL (decision 11). The cookie carries a random token; the table
 * holds only its SHA-256, so a copy of the table signs nobody in. A session ends at sign-out,
 * when its user is disabled, after `idleMs` without a request, and `absoluteMs` after sign-in.
 */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export type SignInMethod = 'password' | 'oidc' | 'demo';

export interface ActiveSession {
  id: string;
  csrfToken: string;
  method: SignInMethod;
  expiresAt: Date;
  user: SessionUser;
}

// A session's last_seen_at is written at most this often: the idle timeout needs minutes, not
// a write on every request.
const TOUCH_EVERY_MS = 60_000;

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Starts a session: always a new token (a session id is never reused across a sign-in). */
export async function createSession(
  prisma: PrismaClient,
  timeouts: SessionTimeouts,
  userId: number,
  method: SignInMethod,
  address: string | null,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
  await prisma.$transaction([
    // Sessions that ended by themselves go when anyone signs in: the table stays small.
    prisma.session.deleteMany({
      where: {
        OR: [
          { expiresAt: { lt: now } },
          { lastSeenAt: { lt: new Date(now.getTime() - timeouts.idleMs) } },
        ],
      },
    }),
    prisma.session.create({
      data: {
        id: hashSessionToken(token),
        userId,
        method,
        csrfToken,
        address,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      },
    }),
  ]);
  return { token, csrfToken, expiresAt };
}

/** The session a cookie's token stands for, or null when it is unknown, ended or disabled. */
export async function readSession(
  prisma: PrismaClient,
  timeouts: SessionTimeouts,
  token: string,
  now = new Date(),
): Promise<ActiveSession | null> {
  const id = hashSessionToken(token);
  const row = await prisma.session.findUnique({
    where: { id },
    select: {
      id: true,
      csrfToken: true,
      method: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: USER_SELECT },
    },
  });
  if (!row) return null;
  const idleSince = now.getTime() - row.lastSeenAt.getTime();
  if (row.expiresAt <= now || idleSince >= timeouts.idleMs || row.user.disabledAt) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  if (idleSince >= TOUCH_EVERY_MS) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return {
    id,
    csrfToken: row.csrfToken,
    method: row.method as SignInMethod,
    expiresAt: row.expiresAt,
    user: toSessionUser(row.user),
  };
}

export async function endSession(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id } });
}
