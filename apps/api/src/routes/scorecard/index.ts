import { ErrorResponseSchema, ScorecardQuerySchema, ScorecardResponseSchema } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scorecardPeriod } from '../../scorecard/period-params.js';
import { buildScorecard } from '../../scorecard/scorecard.js';

export const scorecardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/scorecard',
    {
      schema: {
        tags: ['scorecard'],
        summary:
          'Every standard against its target for a period (default: the latest complete month)',
        querystring: ScorecardQuerySchema,
        response: { 200: ScorecardResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const now = new Date();
      const today = londonDate(now);
      const period = request.query.period ? scorecardPeriod(request.query.period, today) : null;
      return buildScorecard(app.db.pool, { period, now, today });
    },
  );
};
