import {
  ApiTokensResponseSchema,
  CreateTokenBodySchema,
  CreateTokenResponseSchema,
  ErrorResponseSchema,
  type TokenState,
} from '@ipo/contracts';
import { addDays, type IsoDate, londonMidnightMs } from '@ipo/domain';
import type { Permission } from '@ipo/domain/access';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../admin/audit.js';
import { actorOf } from '../../auth/access-plugin.js';
import {
  createToken,
  listTokens,
  revokeToken,
  TOKEN_KINDS,
  TokenError,
  type TokenInfo,
} from '../../imports/tokens.js';
import { HttpError } from '../../plugins/errors.js';

/** Data stewards manage the tokens their systems load data with; administrators may too. */
const TOKEN_ACCESS: readonly Permission[] = ['load-data', 'administer'];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function stateOf(token: TokenInfo, now: Date): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * Ingestion tokens, for data stewards and administrators (the CLI `pnpm run token` does the same).
 */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tokens',
    {
      config: { access: TOKEN_ACCESS },
      schema: {
        tags: ['imports'],
        summary: 'Ingestion tokens: what each may send, who made it, when it was last used',
        response: { 200: ApiTokensResponseSchema },
      },
    },
    async () => {
      const now = new Date();
      return {
        tokens: (await listTokens(app.db.prisma)).map((t) => ({
          ...t,
          expiresAt: iso(t.expiresAt),
          createdAt: t.createdAt.toISOString(),
          lastUsedAt: iso(t.lastUsedAt),
          revokedAt: iso(t.revokedAt),
          state: stateOf(t, now),
        })),
      };
    },
  );

  app.post(
    '/tokens',
    {
      config: { access: TOKEN_ACCESS },
      schema: {
        tags: ['imports'],
        summary: 'Create an ingestion token (shown once, in this answer)',
        body: CreateTokenBodySchema,
        response: {
          201: CreateTokenResponseSchema,
          400: ErrorResponseSchema,
          409: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = actorOf(request);
      // It works to the end of its last day, London time.
      const expiresAt = body.expiresOn
        ? new Date(londonMidnightMs(addDays(body.expiresOn as IsoDate, 1)))
        : null;
      let token: string;
      try {
        // The token and its audit row are written together.
        token = await app.db.prisma.$transaction(async (tx) => {
          const made = await createToken(tx, body.name, {
            kinds: body.kinds ?? [...TOKEN_KINDS],
            source: body.source ?? null,
            expiresAt,
            createdBy: actor.actor,
          });
          await recordAudit(tx, {
            actor: actor.actor,
            action: 'api_token.create',
            entity: 'api_token',
            entityId: body.name,
            details: { kinds: body.kinds ?? TOKEN_KINDS, source: body.source ?? null, expiresAt },
          });
          return made;
        });
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const taken = error.message.includes('already exists');
        throw new HttpError(taken ? 409 : 400, error.message, [
          { field: taken ? 'name' : 'expiresOn', message: error.message },
        ]);
      }
      // The answer carries the token: no cache may keep it.
      return reply.code(201).header('cache-control', 'no-store').send({ name: body.name, token });
    },
  );

  app.delete(
    '/tokens/:name',
    {
      config: { access: TOKEN_ACCESS },
      schema: {
        tags: ['imports'],
        summary: 'Revoke an ingestion token',
        params: z.object({ name: z.string().min(1).max(64) }),
        response: { 204: z.null(), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      try {
        // The revocation and its audit row are written together; revoking again records nothing.
        await app.db.prisma.$transaction(async (tx) => {
          const result = await revokeToken(tx, request.params.name);
          if (!result.alreadyRevoked) {
            await recordAudit(tx, {
              actor: actorOf(request).actor,
              action: 'api_token.revoke',
              entity: 'api_token',
              entityId: request.params.name,
              details: null,
            });
          }
        });
      } catch (error) {
        if (error instanceof TokenError) throw new HttpError(404, error.message);
        throw error;
      }
      return reply.code(204).send(null);
    },
  );
};
