import { ErrorResponseSchema } from '@ipo/contracts';
import { addDays, type IsoDate, londonMidnightMs } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../admin/audit.js';
import { actorOf } from '../../auth/access-plugin.js';
import {
  createToken,
  listTokens,
  revokeToken,
  TOKEN_KINDS,
  TOKEN_NAME,
  TokenError,
} from '../../imports/tokens.js';
import { HttpError } from '../../plugins/errors.js';

const TokenSchema = z.object({
  name: z.string(),
  kinds: z.array(z.string()),
  source: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const CreateTokenBodySchema = z.object({
  name: z
    .string()
    .trim()
    .regex(TOKEN_NAME, 'is 1 to 64 letters, digits, spaces, dots, dashes or underscores'),
  kinds: z.array(z.enum(TOKEN_KINDS)).min(1).optional(),
  source: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9][a-z0-9._-]{0,63}$/,
      'is 1 to 64 lower-case letters, digits, dots, dashes or underscores',
    )
    .optional(),
  /** The last day it works (London date); omitted: until revoked. */
  expiresOn: z.iso.date().optional(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Ingestion tokens, for data stewards (the CLI `pnpm run token` does the same). */
export const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/tokens',
    {
      config: { access: 'load-data' },
      schema: {
        tags: ['imports'],
        summary: 'Ingestion tokens: what each may send, who made it, when it was last used',
        response: { 200: z.object({ tokens: z.array(TokenSchema) }) },
      },
    },
    async () => ({
      tokens: (await listTokens(app.db.prisma)).map((t) => ({
        ...t,
        expiresAt: iso(t.expiresAt),
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: iso(t.lastUsedAt),
        revokedAt: iso(t.revokedAt),
      })),
    }),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'load-data' },
      schema: {
        tags: ['imports'],
        summary: 'Create an ingestion token (shown once, in this answer)',
        body: CreateTokenBodySchema,
        response: {
          201: z.object({ name: z.string(), token: z.string() }),
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
        token = await createToken(app.db.prisma, body.name, {
          kinds: body.kinds ?? [...TOKEN_KINDS],
          source: body.source ?? null,
          expiresAt,
          createdBy: actor.actor,
        });
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const taken = error.message.includes('already exists');
        throw new HttpError(taken ? 409 : 400, error.message, [
          { field: taken ? 'name' : 'expiresOn', message: error.message },
        ]);
      }
      await recordAudit(app.db.prisma, {
        actor: actor.actor,
        action: 'api_token.create',
        entity: 'api_token',
        entityId: body.name,
        details: { kinds: body.kinds ?? TOKEN_KINDS, source: body.source ?? null, expiresAt },
      });
      return reply.code(201).send({ name: body.name, token });
    },
  );

  app.delete(
    '/tokens/:name',
    {
      config: { access: 'load-data' },
      schema: {
        tags: ['imports'],
        summary: 'Revoke an ingestion token',
        params: z.object({ name: z.string().min(1).max(64) }),
        response: { 204: z.null(), 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      let result: { alreadyRevoked: boolean };
      try {
        result = await revokeToken(app.db.prisma, request.params.name);
      } catch (error) {
        if (error instanceof TokenError) throw new HttpError(404, error.message);
        throw error;
      }
      if (!result.alreadyRevoked) {
        await recordAudit(app.db.prisma, {
          actor: actorOf(request).actor,
          action: 'api_token.revoke',
          entity: 'api_token',
          entityId: request.params.name,
          details: null,
        });
      }
      return reply.code(204).send(null);
    },
  );
};
