import {
  BreakdownResponseSchema,
  DistributionResponseSchema,
  ErrorResponseSchema,
  ForecastQuerySchema,
  ForecastResponseSchema,
  ItemsResponseSchema,
  SeriesResponseSchema,
  StandardDetailResponseSchema,
  StandardParamsSchema,
  StandardsResponseSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { assertTeamInScope } from '../../auth/scope.js';
import { CachedFigures } from '../../plugins/cached-figures.js';
import { HttpError } from '../../plugins/errors.js';
import { decodeCursor } from '../../queries/items.js';
import { listStandards } from '../../queries/standards.js';
import { breakdown } from '../../standards/breakdown.js';
import { standardDetail } from '../../standards/detail.js';
import { distributionOf } from '../../standards/distribution.js';
import { checkFilters, findStandard } from '../../standards/find.js';
import { forecastOf } from '../../standards/forecast.js';
import { itemsOf } from '../../standards/items.js';
import {
  BreakdownPeriodQuerySchema,
  DistributionPeriodQuerySchema,
  ItemsPeriodQuerySchema,
  SeriesRangeQuerySchema,
} from '../../standards/period-params.js';
import { series } from '../../standards/series.js';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };

export const standardsRoutes: FastifyPluginAsyncZod = async (app) => {
  const figures = new CachedFigures();
  app.get(
    '/standards',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary: 'Every customer service standard with the target in force today',
        response: { 200: StandardsResponseSchema },
      },
    },
    async () => ({ standards: await listStandards(app.db.prisma, londonDate(new Date())) }),
  );

  app.get(
    '/standards/:code',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary: 'One standard: its target history, teams and the dates its data covers',
        params: StandardParamsSchema,
        response: { 200: StandardDetailResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const today = londonDate(new Date());
      const key = JSON.stringify(['detail', request.params.code, today]);
      return figures.send(
        request,
        reply,
        app.db.pool,
        key,
        StandardDetailResponseSchema,
        async (c) => standardDetail(c, await findStandard(c, request.params.code), today),
      );
    },
  );

  app.get(
    '/standards/:code/series',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary: 'The standard by week, month or quarter, with the target in force for each point',
        params: StandardParamsSchema,
        querystring: SeriesRangeQuerySchema,
        response: { 200: SeriesResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { granularity, range, ...filters } = request.query;
      const { first, last } = range;
      const key = JSON.stringify([request.params.code, granularity, first.id, last.id, filters]);
      return figures.send(
        request,
        reply,
        app.db.pool,
        key,
        SeriesResponseSchema,
        async (client) => {
          const standard = await findStandard(client, request.params.code);
          checkFilters(standard, filters);
          return series(client, standard, granularity, first, last, filters);
        },
      );
    },
  );

  app.get(
    '/standards/:code/breakdown',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary: 'The standard by team, channel or customer group, with fairness flags',
        params: StandardParamsSchema,
        querystring: BreakdownPeriodQuerySchema,
        response: { 200: BreakdownResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { by, period } = request.query;
      const key = JSON.stringify(['breakdown', request.params.code, by, period.id]);
      return figures.send(request, reply, app.db.pool, key, BreakdownResponseSchema, async (c) =>
        breakdown(c, await findStandard(c, request.params.code), by, period),
      );
    },
  );

  app.get(
    '/standards/:code/distribution',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary:
          'How long items took (per working day, or per 10-second band for calls), threshold marked',
        params: StandardParamsSchema,
        querystring: DistributionPeriodQuerySchema,
        response: { 200: DistributionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { period, ...filters } = request.query;
      const key = JSON.stringify(['distribution', request.params.code, period.id, filters]);
      return figures.send(
        request,
        reply,
        app.db.pool,
        key,
        DistributionResponseSchema,
        async (c) => {
          const standard = await findStandard(c, request.params.code);
          checkFilters(standard, filters);
          return distributionOf(c, standard, period, filters);
        },
      );
    },
  );

  app.get(
    '/standards/:code/forecast',
    {
      config: { access: 'read-figures' },
      schema: {
        tags: ['standards'],
        summary: 'Whether the period in progress will end on target, in numbers and in words',
        params: StandardParamsSchema,
        querystring: ForecastQuerySchema,
        response: { 200: ForecastResponseSchema, ...errors },
      },
    },
    async (request) => {
      const standard = await findStandard(app.db.pool, request.params.code);
      return forecastOf(app.db.pool, standard, request.query.granularity, londonDate(new Date()));
    },
  );

  app.get(
    '/standards/:code/items',
    {
      config: { access: 'read-records' },
      schema: {
        tags: ['standards'],
        summary: 'The records behind a figure: late, open or all, paged',
        params: StandardParamsSchema,
        querystring: ItemsPeriodQuerySchema,
        response: { 200: ItemsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { period, status, cursor: rawCursor, limit, ...filters } = request.query;
      assertTeamInScope(request, 'read-records', filters.team);
      const standard = await findStandard(app.db.pool, request.params.code);
      checkFilters(standard, filters);
      const now = new Date();
      const cursor = rawCursor === undefined ? null : decodeCursor(rawCursor);
      if (rawCursor !== undefined && cursor === null) {
        throw new HttpError(400, 'cursor: not a cursor this API issued', [
          { field: 'cursor', message: 'is not a cursor from a previous page' },
        ]);
      }
      return itemsOf(app.db.pool, standard, period, status, filters, cursor, limit, now);
    },
  );
};
