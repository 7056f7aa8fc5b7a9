import { ErrorResponseSchema, ScorecardResponseSchema } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CachedFigures } from '../../plugins/cached-figures.js';
import { HttpError } from '../../plugins/errors.js';
import { ScorecardPeriodQuerySchema } from '../../standards/period-params.js';
import { buildScorecard } from '../../standards/scorecard.js';
import { scorecardTeam } from '../../standards/team-figures.js';

export const scorecardRoutes: FastifyPluginAsyncZod = async (app) => {
  const figures = new CachedFigures();
  app.get(
    '/scorecard',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['scorecard'],
        summary:
          'Every standard against its target for a period (default: the latest complete month), for the whole office or one team’s work (`team`)',
        // `period` arrives parsed (default: the latest complete month); a bad one is a 400.
        querystring: ScorecardPeriodQuerySchema,
        response: { 200: ScorecardResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const now = new Date();
      const today = londonDate(now);
      const { period, team: teamId } = request.query;
      const team = teamId === undefined ? undefined : await scorecardTeam(app.db.pool, teamId);
      if (team === null) {
        throw new HttpError(400, `team: there is no team ${teamId}`, [
          { field: 'team', message: `there is no team ${teamId}` },
        ]);
      }
      // One snapshot for every figure; cached per period, team and day until the data version
      // moves (ages of open items are counted in days, so a new day is a new key).
      return figures.send(
        request,
        reply,
        app.db.pool,
        team ? JSON.stringify([period.id, today, team]) : `${period.id}|${today}`,
        ScorecardResponseSchema,
        (client) => buildScorecard(client, { period, now, today, team }),
      );
    },
  );
};
