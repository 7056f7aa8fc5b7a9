import {
  BreakdownQuerySchema,
  BreakdownResponseSchema,
  DistributionQuerySchema,
  DistributionResponseSchema,
  ErrorResponseSchema,
  ForecastQuerySchema,
  ForecastResponseSchema,
  ItemsQuerySchema,
  ItemsResponseSchema,
  SeriesQuerySchema,
  SeriesResponseSchema,
  StandardDetailResponseSchema,
  StandardParamsSchema,
  StandardsResponseSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
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
import { scorecardPeriod, seriesRange } from '../../standards/period-params.js';
import { series } from '../../standards/series.js';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };

export const standardsRoutes: FastifyPluginAsyncZod = async (app) => {
  const figures = new CachedFigures();
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

  app.get(
    '/standards/:code',
    {
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
      schema: {
        tags: ['standards'],
        summary: 'The standard by week, month or quarter, with the target in force for each point',
        params: StandardParamsSchema,
        querystring: SeriesQuerySchema,
        response: { 200: SeriesResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { granularity, from, to, ...filters } = request.query;
      const { first, last } = seriesRange(granularity, from, to, londonDate(new Date()));
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
      schema: {
        tags: ['standards'],
        summary: 'The standard by team, channel or customer group, with fairness flags',
        params: StandardParamsSchema,
        querystring: BreakdownQuerySchema,
        response: { 200: BreakdownResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const period = scorecardPeriod(request.query.period, londonDate(new Date()));
      const key = JSON.stringify(['breakdown', request.params.code, request.query.by, period.id]);
      return figures.send(request, reply, app.db.pool, key, BreakdownResponseSchema, async (c) =>
        breakdown(c, await findStandard(c, request.params.code), request.query.by, period),
      );
    },
  );

  app.get(
    '/standards/:code/distribution',
    {
      schema: {
        tags: ['standards'],
        summary:
          'How long items took (per working day, or per 10-second band for calls), threshold marked',
        params: StandardParamsSchema,
        querystring: DistributionQuerySchema,
        response: { 200: DistributionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { period: periodId, ...filters } = request.query;
      const period = scorecardPeriod(periodId, londonDate(new Date()));
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
      schema: {
        tags: ['standards'],
        summary: 'The records behind a figure: late, open or all, paged',
        params: StandardParamsSchema,
        querystring: ItemsQuerySchema,
        response: { 200: ItemsResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { period: periodId, status, cursor: rawCursor, limit, ...filters } = request.query;
      const standard = await findStandard(app.db.pool, request.params.code);
      checkFilters(standard, filters);
      const now = new Date();
      const period = scorecardPeriod(periodId, londonDate(now), 'period', true);
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
