import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../db/prisma.js';
import type { Prisma } from '../generated/prisma/client.ts';

/** Tokens are stored as their SHA-256 only; the token itself is shown once, at creation. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

export class TokenError extends Error {
  override name = 'TokenError';
}

// Tokens are plain rows: read and written through Prisma (decision 1).

export const TOKEN_KINDS = ['work-items', 'quality-checks', 'feedback'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/** What a new token may do: the kinds it may send, the one source (or any), until when. */
export interface TokenGrant {
  kinds?: readonly TokenKind[];
  /** The `source` its rows must carry; omitted: any source. */
  source?: string | null;
  expiresAt?: Date | null;
  /** Who made it: a user's e-mail address, or the command. */
  createdBy: string;
}

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** The client, or a transaction of it (the API writes a change and its audit row together). */
type TokenWriter = PrismaClient | Prisma.TransactionClient;

export async function createToken(prisma: TokenWriter, name: string, grant: TokenGrant) {
  if (!TOKEN_NAME.test(name)) {
    throw new TokenError(
      'A token name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, such as "crm-nightly".',
    );
  }
  const kinds = [...new Set(grant.kinds ?? TOKEN_KINDS)];
  if (kinds.length === 0) throw new TokenError('A token must be allowed at least one kind.');
  if (grant.source != null && !SOURCE.test(grant.source)) {
    throw new TokenError(
      'A source is 1 to 64 lower-case letters, digits, dots, dashes or underscores, such as "crm".',
    );
  }
  if (grant.expiresAt && grant.expiresAt.getTime() <= Date.now()) {
    throw new TokenError('A token must expire in the future.');
  }
  // 32 random bytes: guessing is hopeless, so a plain hash (no salt or slow KDF) is enough.
  const token = `ipo_${randomBytes(32).toString('base64url')}`;
  // ON CONFLICT DO NOTHING: a name taken meanwhile is told apart without a failed statement.
  const { count } = await prisma.apiToken.createMany({
    data: [
      {
        name,
        tokenHash: hashToken(token),
        kinds,
        source: grant.source ?? null,
        expiresAt: grant.expiresAt ?? null,
        createdBy: grant.createdBy,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) throw new TokenError(`A token called "${name}" already exists.`);
  return token;
}

export interface TokenInfo {
  name: string;
  kinds: string[];
  source: string | null;
  expiresAt: Date | null;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listTokens(prisma: PrismaClient): Promise<TokenInfo[]> {
  return prisma.apiToken.findMany({
    select: {
      name: true,
      kinds: true,
      source: true,
      expiresAt: true,
      createdBy: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
    orderBy: { name: 'asc' },
  });
}

export async function revokeToken(prisma: TokenWriter, name: string) {
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
  | { status: 'ok'; name: string; kinds: string[]; source: string | null }
  | { status: 'revoked'; name: string }
  | { status: 'expired'; name: string }
  | { status: 'unknown' };

/** Checks a bearer token and records its use. */
export async function authenticateToken(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<TokenCheck> {
  const tokenHash = hashToken(token);
  // One statement for a token in use: its use is recorded only while it is valid.
  const [used] = await prisma.apiToken.updateManyAndReturn({
    where: { tokenHash, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    data: { lastUsedAt: now },
    select: { name: true, kinds: true, source: true },
  });
  if (used) return { status: 'ok', ...used };
  const other = await prisma.apiToken.findUnique({
    where: { tokenHash },
    select: { name: true, revokedAt: true },
  });
  if (!other) return { status: 'unknown' };
  return other.revokedAt
    ? { status: 'revoked', name: other.name }
    : { status: 'expired', name: other.name };
}
