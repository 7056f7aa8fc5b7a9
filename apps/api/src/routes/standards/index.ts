import { StandardsResponseSchema } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listStandards } from '../../queries/standards.js';

export const standardsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/standards',
    {
      schema: {
        tags: ['standards'],
        summary: 'Every customer service standard with the target in force today',
        response: { 200: StandardsResponseSchema },
      },
    },
    async () => ({ standards: await listStandards(app.db.prisma, londonDate(new Date())) }),
  );
};
