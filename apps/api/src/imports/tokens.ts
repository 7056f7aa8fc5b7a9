import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/** Tokens are stored as their SHA-256 only; the token itself is shown once, at creation. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

export class TokenError extends Error {
  override name = 'TokenError';
}

export async function createToken(db: Pick<pg.ClientBase, 'query'>, name: string) {
  if (!TOKEN_NAME.test(name)) {
    throw new TokenError(
      'A token name is 1 to 64 letters, digits, spaces, dots, dashes or underscores, such as "crm-nightly".',
    );
  }
  // 32 random bytes: guessing is hopeless, so a plain hash (no salt or slow KDF) is enough.
  const token = `ipo_${randomBytes(32).toString('base64url')}`;
  const { rowCount } = await db.query(
    `INSERT INTO api_token (name, token_hash) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
    [name, hashToken(token)],
  );
  if (rowCount === 0) throw new TokenError(`A token called "${name}" already exists.`);
  return token;
}

export interface TokenInfo {
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listTokens(db: Pick<pg.ClientBase, 'query'>): Promise<TokenInfo[]> {
  const { rows } = await db.query<TokenInfo>(
    `SELECT name, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM api_token ORDER BY name`,
  );
  return rows;
}

export async function revokeToken(db: Pick<pg.ClientBase, 'query'>, name: string) {
  const { rows } = await db.query<{ already: boolean }>(
    `WITH before AS (SELECT id, revoked_at FROM api_token WHERE name = $1)
     UPDATE api_token t SET revoked_at = coalesce(t.revoked_at, now())
       FROM before WHERE t.id = before.id
     RETURNING before.revoked_at IS NOT NULL AS already`,
    [name],
  );
  if (rows.length === 0) throw new TokenError(`There is no token called "${name}".`);
  return { alreadyRevoked: rows[0]?.already ?? false };
}

export type TokenCheck =
  | { status: 'ok'; name: string }
  | { status: 'revoked'; name: string }
  | { status: 'unknown' };

/** Checks a bearer token and records its use. */
export async function authenticateToken(
  db: Pick<pg.ClientBase, 'query'>,
  token: string,
): Promise<TokenCheck> {
  const { rows } = await db.query<{ name: string; revoked: boolean }>(
    `UPDATE api_token SET last_used_at = CASE WHEN revoked_at IS NULL THEN now() ELSE last_used_at END
      WHERE token_hash = $1 RETURNING name, revoked_at IS NOT NULL AS revoked`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return { status: 'unknown' };
  return row.revoked ? { status: 'revoked', name: row.name } : { status: 'ok', name: row.name };
}
