import {
  AdminStandardParamsSchema,
  ClosureDayChangeResponseSchema,
  ClosureDayParamsSchema,
  ClosureDaysQuerySchema,
  ClosureDaysResponseSchema,
  ClosureImportResponseSchema,
  CreateClosureDayBodySchema,
  CreateTargetVersionBodySchema,
  DeleteClosureDayQuerySchema,
  ErrorResponseSchema,
  GovUkBankHolidaysFileSchema,
  RecalculationJobSchema,
  RecalculationParamsSchema,
  RecalculationsQuerySchema,
  RecalculationsResponseSchema,
  TargetPreviewBodySchema,
  TargetPreviewResponseSchema,
  TargetVersionsResponseSchema,
  UpdateStandardBodySchema,
  UpdateStandardResponseSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addClosureDayChange,
  checkClosureDayDeletion,
  checkNewClosureDay,
  deleteClosureDayChange,
  importClosureDaysChange,
  listClosureDays,
  planGovUkImport,
} from '../../admin/closure-days.js';
import {
  addTargetVersion,
  checkTargetVersion,
  loadAdminStandard,
  planStandardUpdate,
  standardUpdateChange,
  updateStandardDirectly,
} from '../../admin/standards.js';
import { actorOf } from '../../auth/access-plugin.js';
import { withSnapshot } from '../../db/snapshot.js';
import {
  getRecalculation,
  listRecalculations,
  startRecalculation,
  waitForRecalculations,
} from '../../derive/recalculate.js';
import { HttpError } from '../../plugins/errors.js';
import { findStandard } from '../../standards/find.js';
import { previewTargetVersion } from '../../standards/target-preview.js';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema };
const recalculationLocation = (id: number) => `/api/admin/recalculations/${id}`;

/**
 * Administration of the closure calendar, standards and targets, and the recalculation jobs
 * that follow: for administrators (decision 11); every change is audited with its actor.
 */
export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  // Once a recalculation has committed, the alert rules look at the figures again.
  const recalculate = async (...args: Parameters<typeof startRecalculation>) => {
    const started = await startRecalculation(...args);
    void started.finished.then((outcome) => {
      if (outcome.status === 'succeeded') app.alerts.dataChanged('recalculation');
    });
    return started;
  };
  // A job started by a request finishes (or fails) before the database connections close.
  app.addHook('onClose', async () => {
    await waitForRecalculations();
  });

  app.get(
    '/admin/closure-days',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Closure days: bank holidays from date-holidays (not stored) merged with imported and recorded days',
        querystring: ClosureDaysQuerySchema,
        response: { 200: ClosureDaysResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => {
      const year = Number(londonDate(new Date()).slice(0, 4));
      const from = request.query.from ?? `${year - 1}-01-01`;
      const to = request.query.to ?? `${year + 1}-12-31`;
      if (to < from) {
        throw new HttpError(400, `to: ${to} is before from (${from})`, [
          { field: 'to', message: `must not be before from (${from})` },
        ]);
      }
      if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) {
        throw new HttpError(400, 'to: the range may span at most 10 years', [
          { field: 'to', message: 'must be at most 10 years after from' },
        ]);
      }
      const closureDays = await listClosureDays(app.db.prisma, {
        from,
        to,
        scope: request.query.scope,
      });
      return { from, to, closureDays };
    },
  );

  app.post(
    '/admin/closure-days/import',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Import a GOV.UK bank-holidays.json file: new days are stored and the items they affect recalculated',
        body: GovUkBankHolidaysFileSchema,
        response: { 200: ClosureImportResponseSchema, 202: ClosureImportResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const plan = await planGovUkImport(app.db.prisma, request.body);
      if (plan.toAdd.length === 0)
        return reply.status(200).send({ ...plan.summary, recalculation: null });
      const { job } = await recalculate(
        app.db.pool,
        importClosureDaysChange(plan, actorOf(request).actor),
        { actor: actorOf(request).actor },
      );
      return reply
        .status(202)
        .header('location', recalculationLocation(job.id))
        .send({ ...plan.summary, recalculation: job });
    },
  );

  app.post(
    '/admin/closure-days',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Record a closure day (an interrupted day, an office closure); its items are recalculated',
        body: CreateClosureDayBodySchema,
        response: { 202: ClosureDayChangeResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const day = request.body;
      await checkNewClosureDay(app.db.prisma, day);
      const { job } = await recalculate(
        app.db.pool,
        addClosureDayChange(day, actorOf(request).actor),
        {
          actor: actorOf(request).actor,
        },
      );
      return reply
        .status(202)
        .header('location', recalculationLocation(job.id))
        .send({
          closureDay: {
            ...day,
            source: 'admin' as const,
            createdBy: actorOf(request).actor,
            createdAt: null,
            deletable: true,
          },
          recalculation: job,
        });
    },
  );

  app.delete(
    '/admin/closure-days/:date',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Remove a recorded closure day, saying why (bank holidays from date-holidays cannot be removed); its items are recalculated',
        params: ClosureDayParamsSchema,
        querystring: DeleteClosureDayQuerySchema,
        response: { 202: ClosureDayChangeResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const day = await checkClosureDayDeletion(
        app.db.prisma,
        request.params.date,
        request.query.scope,
      );
      const { job } = await recalculate(
        app.db.pool,
        deleteClosureDayChange(day, actorOf(request).actor, request.query.reason),
        {
          actor: actorOf(request).actor,
        },
      );
      return reply
        .status(202)
        .header('location', recalculationLocation(job.id))
        .send({ closureDay: day, recalculation: job });
    },
  );

  app.get(
    '/admin/recalculations',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary: 'Recalculation jobs, latest first',
        querystring: RecalculationsQuerySchema,
        response: { 200: RecalculationsResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => ({
      recalculations: await listRecalculations(app.db.prisma, request.query.limit),
    }),
  );

  app.get(
    '/admin/recalculations/:id',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary: 'One recalculation job: status, progress (done of total), error',
        params: RecalculationParamsSchema,
        response: {
          200: RecalculationJobSchema,
          400: ErrorResponseSchema,
          404: ErrorResponseSchema,
        },
      },
    },
    async (request) => {
      const job = await getRecalculation(app.db.prisma, request.params.id);
      if (!job) throw new HttpError(404, `No recalculation job ${request.params.id}`);
      return job;
    },
  );

  app.patch(
    '/admin/standards/:code',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          "Change a standard's threshold, division or minimum sample; a threshold or division change recalculates its items",
        params: AdminStandardParamsSchema,
        body: UpdateStandardBodySchema,
        response: {
          200: UpdateStandardResponseSchema,
          202: UpdateStandardResponseSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const standard = await loadAdminStandard(app.db.prisma, request.params.code);
      const plan = planStandardUpdate(standard, request.body);
      const { reason } = request.body;
      if (!plan.needsRecalculation) {
        if (Object.keys(plan.changes).length > 0) {
          await updateStandardDirectly(
            app.db.prisma,
            standard,
            plan,
            actorOf(request).actor,
            reason,
          );
        }
        return reply
          .status(200)
          .send({ code: standard.code, changes: plan.changes, recalculation: null });
      }
      const { job } = await recalculate(
        app.db.pool,
        standardUpdateChange(standard, plan, actorOf(request).actor, reason),
        { actor: actorOf(request).actor },
      );
      return reply
        .status(202)
        .header('location', recalculationLocation(job.id))
        .send({ code: standard.code, changes: plan.changes, recalculation: job });
    },
  );

  app.post(
    '/admin/standards/:code/targets/preview',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'What a new target version would change: the last 12 complete months judged under the targets now and with it (nothing is stored)',
        params: AdminStandardParamsSchema,
        body: TargetPreviewBodySchema,
        response: { 200: TargetPreviewResponseSchema, ...errors },
      },
    },
    async (request) => {
      const standard = await loadAdminStandard(app.db.prisma, request.params.code);
      // The same 400 and 409 the confirmation would answer, before anything is shown.
      await checkTargetVersion(app.db.prisma, standard, request.body);
      const today = londonDate(new Date());
      return withSnapshot(app.db.pool, async (client) =>
        previewTargetVersion(
          client,
          await findStandard(client, standard.code),
          request.body,
          today,
        ),
      );
    },
  );

  app.post(
    '/admin/standards/:code/targets',
    {
      config: { access: 'administer' },
      schema: {
        tags: ['admin'],
        summary:
          'Add a target version from a date; the version in force before it ends the day before',
        params: AdminStandardParamsSchema,
        body: CreateTargetVersionBodySchema,
        response: { 201: TargetVersionsResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const standard = await loadAdminStandard(app.db.prisma, request.params.code);
      const targets = await addTargetVersion(
        app.db.prisma,
        standard,
        request.body,
        actorOf(request).actor,
      );
      return reply.status(201).send({ code: standard.code, targets });
    },
  );
};
