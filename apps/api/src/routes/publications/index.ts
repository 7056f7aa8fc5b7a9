import {
  ErrorResponseSchema,
  PublicationReviewQuerySchema,
  PublicationReviewResponseSchema,
  PublicationSchema,
  PublicationsResponseSchema,
  PublishRequestSchema,
} from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../auth/access-plugin.js';
import { listPublications, publish, reviewPeriod } from '../../publications/store.js';

const tags = ['publications'];

/**
 * Signing off figures (decision 13): a manager reviews a closed month or quarter and publishes
 * it; the figures are frozen as they stood and shown on the public page (/performance). A later
 * change is published as a revision, with a reason. Everyone signed in may list publications.
 */
export const publicationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/publications',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary: 'Every publication of figures, newest first, each version of a period listed',
        response: { 200: PublicationsResponseSchema },
      },
    },
    async () => ({ publications: await listPublications(app.db.pool) }),
  );

  app.get(
    '/publications/review',
    {
      config: { access: 'publish' },
      schema: {
        tags,
        summary:
          'A month or quarter as it stands now beside its latest publication: which public figures would change',
        querystring: PublicationReviewQuerySchema,
        response: {
          200: PublicationReviewResponseSchema,
          400: ErrorResponseSchema,
          422: ErrorResponseSchema,
        },
      },
    },
    async (request) => reviewPeriod(app.db.pool, request.query.period, new Date()),
  );

  app.post(
    '/publications',
    {
      config: { access: 'publish' },
      schema: {
        tags,
        summary:
          'Publish a closed month or quarter, or a revision of one (with a reason) when its figures changed',
        body: PublishRequestSchema,
        response: {
          201: PublicationSchema,
          400: ErrorResponseSchema,
          409: ErrorResponseSchema,
          422: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const user = request.user;
      const publication = await publish(
        app.db.pool,
        request.body,
        {
          actor: actorOf(request),
          userId: user?.id ?? null,
          name: user?.name ?? '',
        },
        new Date(),
      );
      reply.status(201);
      return publication;
    },
  );
};
