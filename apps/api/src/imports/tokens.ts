import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/prisma.js';

/** Tokens are stored as their SHA-256 only; the token itself is shown once, at creation. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

export class TokenError extends Error {
  override name = 'TokenError';
}

// Tokens are plain rows: read and written through Prisma (decision 1).

export async function createToken(prisma: PrismaClient, name: string) {
  if (!TOKEN_NAME.test(name)) {
    throw new TokenError(
      'A token name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, such as "crm-nightly".',
    );
  }
  // 32 random bytes: guessing is hopeless, so a plain hash (no salt or slow KDF) is enough.
  const token = `ipo_${randomBytes(32).toString('base64url')}`;
  // ON CONFLICT DO NOTHING: a name taken meanwhile is told apart without a failed statement.
  const { count } = await prisma.apiToken.createMany({
    data: [{ name, tokenHash: hashToken(token) }],
    skipDuplicates: true,
  });
  if (count === 0) throw new TokenError(`A token called "${name}" already exists.`);
  return token;
}

export interface TokenInfo {
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listTokens(prisma: PrismaClient): Promise<TokenInfo[]> {
  return prisma.apiToken.findMany({
    select: { name: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { name: 'asc' },
  });
}

export async function revokeToken(prisma: PrismaClient, name: string) {
  const { count } = await prisma.apiToken.updateMany({
    where: { name, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 1) return { alreadyRevoked: false };
  const token = await prisma.apiToken.findUnique({ where: { name }, select: { id: true } });
  if (!token) throw new TokenError(`There is no token called "${name}".`);
  return { alreadyRevoked: true };
}

export type TokenCheck =
  | { status: 'ok'; name: string }
  | { status: 'revoked'; name: string }
  | { status: 'unknown' };

/** Checks a bearer token and records its use. */
export async function authenticateToken(prisma: PrismaClient, token: string): Promise<TokenCheck> {
  const tokenHash = hashToken(token);
  // One statement for a token in use: its use is recorded only while it is not revoked.
  const [used] = await prisma.apiToken.updateManyAndReturn({
    where: { tokenHash, revokedAt: null },
    data: { lastUsedAt: new Date() },
    select: { name: true },
  });
  if (used) return { status: 'ok', name: used.name };
  const revoked = await prisma.apiToken.findUnique({
    where: { tokenHash },
    select: { name: true },
  });
  return revoked ? { status: 'revoked', name: revoked.name } : { status: 'unknown' };
}
