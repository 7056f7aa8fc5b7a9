import { ErrorResponseSchema } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../../plugins/errors.js';
import { buildMonthlyReport, reportFileName, reportMonth } from '../../reports/monthly-report.js';
import { issuesOf } from '../../standards/period-params.js';

/** `period`: a month that has ended, arriving parsed; anything else is a 400 naming it. */
const MonthlyReportQuerySchema = z
  .object({
    period: z.string().max(32).describe('A month that has ended, such as 2026-10'),
  })
  .transform((query, ctx) => {
    const today = londonDate(new Date());
    return {
      period: issuesOf(ctx, () => {
        try {
          return reportMonth(query.period, today);
        } catch (error) {
          const message = error instanceof Error ? error.message : 'is not a month';
          throw new HttpError(400, `period: ${message}`, [{ field: 'period', message }]);
        }
      }),
    };
  });

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reports/monthly',
    {
      config: { access: 'publish' },
      schema: {
        tags: ['reports'],
        summary: 'The board’s monthly report pack for a month that has ended, as a PDF',
        description:
          'A tagged, text-based PDF (application/pdf, downloaded as ipo-service-standards-YYYY-MM.pdf): the scorecard at a glance, the standards missed or at risk with the forecast of the quarter in progress, customer satisfaction and its main themes, the "you said, we did" actions, and each standard’s 12-month trend against its target. Office-wide figures, as GET /api/scorecard gives them.',
        querystring: MonthlyReportQuerySchema,
        response: { 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const { period } = request.query;
      const pdf = await buildMonthlyReport({ db: app.db }, period);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${reportFileName(period)}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf as never);
    },
  );
};
