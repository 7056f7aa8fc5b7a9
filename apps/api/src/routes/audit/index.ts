import { AuditPageSchema, AuditQuerySchema, ErrorResponseSchema, toCsv } from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { readAuditTrail } from '../../admin/audit-trail.js';
import { HttpError } from '../../plugins/errors.js';

/** Most rows one CSV export carries; narrow the filter for more. */
const CSV_LIMIT = 50_000;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary: 'The audit trail: every change, who made it, from where, newest first',
        description:
          'Filters: actor (exact, any case), kind (an action such as `closure_day.create`, or its first part `closure_day`), from and to (London dates, inclusive). Pages of `limit` events; pass `nextBefore` as `before` for the next. `format=csv` exports every matching event (up to 50,000).',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 400: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      if (q.from && q.to && q.from > q.to) {
        throw new HttpError(400, 'to: must not be before from', [
          { field: 'to', message: 'must not be before from' },
        ]);
      }
      if (q.format === 'csv') {
        const { events } = await readAuditTrail(app.db.prisma, { ...q, limit: CSV_LIMIT });
        const csv = toCsv(
          [
            { header: 'id', value: (e) => e.id },
            { header: 'at', value: (e) => e.at },
            { header: 'actor', value: (e) => e.actor },
            { header: 'action', value: (e) => e.action },
            { header: 'entity', value: (e) => e.entity },
            { header: 'entity_id', value: (e) => e.entityId },
            { header: 'request_id', value: (e) => e.requestId },
            { header: 'address', value: (e) => e.address },
            {
              header: 'details',
              value: (e) => (e.details == null ? '' : JSON.stringify(e.details)),
            },
          ],
          events,
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="audit-trail.csv"')
          .serializer((body: string) => body)
          .send(csv as never);
      }
      return readAuditTrail(app.db.prisma, q);
    },
  );
};
