import { FreshnessResponseSchema } from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getFreshness } from '../../standards/freshness.js';

export const freshnessRoutes: FastifyPluginAsyncZod<{ staleAfterWorkingDays: number }> = async (
  app,
  options,
) => {
  app.get(
    '/freshness',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['imports'],
        summary: 'How recent each data source is, and whether it looks stale',
        response: { 200: FreshnessResponseSchema },
      },
    },
    async () => getFreshness(app.db.pool, options.staleAfterWorkingDays),
  );
};
