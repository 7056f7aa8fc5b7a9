import {
  ActionInputSchema,
  ActionParamsSchema,
  ActionSchema,
  ActionsQuerySchema,
  ActionsResponseSchema,
  ErrorResponseSchema,
  FeedbackCommentsQuerySchema,
  FeedbackCommentsSchema,
  FeedbackGroupsSchema,
  FeedbackOptionsSchema,
  FeedbackPerformanceQuerySchema,
  FeedbackPerformanceSchema,
  FeedbackPhrasesQuerySchema,
  FeedbackPhrasesSchema,
  FeedbackQuerySchema,
  FeedbackSeriesQuerySchema,
  FeedbackSeriesSchema,
  FeedbackSummarySchema,
  FeedbackThemesSchema,
  TaxonomyChangeResponseSchema,
  TaxonomyResponseSchema,
  ThemeCreateSchema,
  ThemeParamsSchema,
  ThemeUpdateSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { ADMIN_ACTOR, recordAudit } from '../../admin/audit.js';
import { TAXONOMY_LOCK } from '../../db/locks.js';
import { LockTimeoutError, withTransaction } from '../../db/transaction.js';
import {
  createAction,
  deleteAction,
  getAction,
  listActions,
  updateAction,
} from '../../feedback/actions.js';
import { splitOf } from '../../feedback/disclosure.js';
import {
  feedbackComments,
  feedbackGroups,
  feedbackOptions,
  feedbackPhrases,
  feedbackSeries,
  feedbackSummary,
  feedbackThemes,
} from '../../feedback/explorer.js';
import { feedbackPerformance } from '../../feedback/performance.js';
import { feedbackRange } from '../../feedback/range.js';
import { getTheme, listThemes, retagComments } from '../../feedback/taxonomy.js';
import { CachedFigures } from '../../plugins/cached-figures.js';
import { HttpError } from '../../plugins/errors.js';

/** How long a theme change waits for running feedback imports before answering 409. */
const TAXONOMY_LOCK_WAIT_MS = 5_000;
const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };
const tags = ['feedback'];

/**
 * Splits a query into its months and its filters. A figure takes a service or team and at most
 * one of channel, customer group, type and theme (decision 7): a second is a 400 naming it.
 */
function split<T extends { period?: string; from?: string; to?: string }>(q: T) {
  const { period, from, to, ...rest } = q;
  const { field, second } = splitOf(rest as Parameters<typeof splitOf>[0]);
  if (second) {
    const message = `combine ${field} with a service or team only: feedback figures take one of channel, customer group, type and theme at a time`;
    throw new HttpError(400, `${second}: ${message}`, [{ field: second, message }]);
  }
  return { ranges: feedbackRange({ period, from, to }, londonDate(new Date())), rest };
}

export const feedbackRoutes: FastifyPluginAsyncZod<{ adminApi?: boolean }> = async (
  app,
  options,
) => {
  // Figures are computed in one snapshot and kept as validated JSON until the data moves.
  const figures = new CachedFigures();
  const cached = <S extends z.ZodType>(
    request: FastifyRequest,
    reply: FastifyReply,
    key: unknown[],
    schema: S,
    compute: (client: PoolClient) => Promise<z.input<S>>,
  ) => figures.send(request, reply, app.db.pool, JSON.stringify(key), schema, compute);

  app.get(
    '/feedback/options',
    {
      schema: {
        tags,
        summary: 'Services, teams and themes the filters can be set to',
        response: { 200: FeedbackOptionsSchema },
      },
    },
    async () => feedbackOptions(app.db.pool),
  );

  app.get(
    '/feedback/summary',
    {
      schema: {
        tags,
        summary: 'Satisfaction against the 85% target, scores, types and sentiment for a range',
        querystring: FeedbackQuerySchema,
        response: { 200: FeedbackSummarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, rest } = split(request.query);
      return cached(request, reply, ['summary', ranges.range, rest], FeedbackSummarySchema, (c) =>
        feedbackSummary(c, ranges, rest),
      );
    },
  );

  app.get(
    '/feedback/series',
    {
      schema: {
        tags,
        summary: 'Satisfaction and responses by week or month',
        querystring: FeedbackSeriesQuerySchema,
        response: { 200: FeedbackSeriesSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, rest } = split(request.query);
      const { granularity, ...filters } = rest;
      return cached(request, reply, ['series', ranges.range, rest], FeedbackSeriesSchema, (c) =>
        feedbackSeries(c, ranges, granularity, filters),
      );
    },
  );

  app.get(
    '/feedback/themes',
    {
      schema: {
        tags,
        summary:
          'Themes of comments, with the change against the previous range of the same length',
        querystring: FeedbackQuerySchema,
        response: { 200: FeedbackThemesSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, rest } = split(request.query);
      return cached(request, reply, ['themes', ranges.range, rest], FeedbackThemesSchema, (c) =>
        feedbackThemes(c, ranges, rest),
      );
    },
  );

  app.get(
    '/feedback/comments',
    {
      schema: {
        tags,
        summary: 'Redacted comments, newest first, with full-text search and highlighted matches',
        querystring: FeedbackCommentsQuerySchema,
        response: { 200: FeedbackCommentsSchema, ...errors },
      },
    },
    async (request) => {
      const { ranges, rest } = split(request.query);
      const { q, cursor, limit, ...filters } = rest;
      return feedbackComments(app.db.pool, ranges, filters, { q, cursor, limit });
    },
  );

  app.get(
    '/feedback/groups',
    {
      schema: {
        tags,
        summary: 'Satisfaction by customer group, each compared with all others (fairness test)',
        querystring: FeedbackQuerySchema,
        response: { 200: FeedbackGroupsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, rest } = split(request.query);
      return cached(request, reply, ['groups', ranges.range, rest], FeedbackGroupsSchema, (c) =>
        feedbackGroups(c, ranges, rest),
      );
    },
  );

  app.get(
    '/feedback/performance',
    {
      schema: {
        tags,
        summary:
          'Monthly satisfaction beside the share on time of the service’s timeliness standards',
        querystring: FeedbackPerformanceQuerySchema,
        response: { 200: FeedbackPerformanceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const today = londonDate(new Date());
      return cached(
        request,
        reply,
        ['performance', request.query, today],
        FeedbackPerformanceSchema,
        (c) => feedbackPerformance(c, request.query, today),
      );
    },
  );

  app.get(
    '/feedback/phrases',
    {
      schema: {
        tags,
        summary: 'Frequent phrases (stems) that no theme covers yet, to grow the taxonomy',
        querystring: FeedbackPhrasesQuerySchema,
        response: { 200: FeedbackPhrasesSchema, ...errors },
      },
    },
    async (request) => {
      const { ranges, rest } = split(request.query);
      return feedbackPhrases(app.db.pool, ranges.range, rest);
    },
  );

  // 'You said, we did' -------------------------------------------------------------------------
  app.get(
    '/feedback/actions',
    {
      schema: {
        tags,
        summary: 'Actions taken on feedback themes (published=true: the public list)',
        querystring: ActionsQuerySchema,
        response: { 200: ActionsResponseSchema, ...errors },
      },
    },
    async (request) => ({ actions: await listActions(app.db.prisma, request.query) }),
  );
  app.get(
    '/feedback/actions/:id',
    {
      schema: {
        tags,
        params: ActionParamsSchema,
        response: { 200: ActionSchema, ...errors },
      },
    },
    async (request) => getAction(app.db.prisma, request.params.id),
  );
  app.post(
    '/feedback/actions',
    {
      schema: {
        tags,
        summary: 'Record an action taken on a theme',
        body: ActionInputSchema,
        response: { 201: ActionSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createAction(app.db.prisma, request.body);
    },
  );
  app.put(
    '/feedback/actions/:id',
    {
      schema: {
        tags,
        params: ActionParamsSchema,
        body: ActionInputSchema,
        response: { 200: ActionSchema, ...errors },
      },
    },
    async (request) => updateAction(app.db.prisma, request.params.id, request.body),
  );
  app.delete(
    '/feedback/actions/:id',
    {
      schema: { tags, params: ActionParamsSchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deleteAction(app.db.prisma, request.params.id);
      return reply.status(204).send(null);
    },
  );

  // Taxonomy: administrators only (config ADMIN_API). Every change re-tags the stored comments
  // in the same transaction, so figures never mix two taxonomies.
  if (!options.adminApi) return;

  // One taxonomy change at a time, and none while a feedback import holds the taxonomy steady:
  // the wait is bounded, then 409 with Retry-After (as a second import is refused).
  const inTransaction = async <T>(fn: (client: PoolClient) => Promise<T>): Promise<T> => {
    try {
      return await withTransaction(app.db.pool, fn, {
        lock: TAXONOMY_LOCK,
        lockTimeoutMs: TAXONOMY_LOCK_WAIT_MS,
      });
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      throw new HttpError(
        409,
        'A feedback import or another theme change is running. Try again in a minute or two.',
        undefined,
        { 'retry-after': '30' },
      );
    }
  };

  app.get(
    '/feedback/themes/taxonomy',
    { schema: { tags, summary: 'The theme taxonomy', response: { 200: TaxonomyResponseSchema } } },
    async () => ({ themes: await listThemes(app.db.prisma) }),
  );
  app.post(
    '/feedback/themes/taxonomy',
    {
      schema: {
        tags,
        summary: 'Add a theme and re-tag every comment',
        body: ThemeCreateSchema,
        response: { 201: TaxonomyChangeResponseSchema, 409: ErrorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await inTransaction(async (client) => {
        const inserted = await client.query(
          `INSERT INTO theme (code, name, phrases) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
          [body.code, body.name, body.phrases],
        );
        if (!inserted.rowCount) throw new HttpError(409, `Theme ${body.code} already exists`);
        await recordAudit(client, {
          actor: ADMIN_ACTOR,
          action: 'theme.create',
          entity: 'theme',
          entityId: body.code,
          details: body,
        });
        const retagged = await retagComments(client);
        return { theme: await getTheme(client, body.code), retagged };
      });
      reply.status(201);
      return result;
    },
  );
  app.put(
    '/feedback/themes/taxonomy/:code',
    {
      schema: {
        tags,
        summary: 'Rename a theme or change its phrases, and re-tag every comment',
        params: ThemeParamsSchema,
        body: ThemeUpdateSchema,
        response: { 200: TaxonomyChangeResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { code } = request.params;
      const body = request.body;
      return inTransaction(async (client) => {
        const updated = await client.query(
          `UPDATE theme SET name = coalesce($2, name), phrases = coalesce($3, phrases), updated_at = now()
            WHERE code = $1`,
          [code, body.name ?? null, body.phrases ?? null],
        );
        if (!updated.rowCount) throw new HttpError(404, `No theme ${code}`);
        await recordAudit(client, {
          actor: ADMIN_ACTOR,
          action: 'theme.update',
          entity: 'theme',
          entityId: code,
          details: body,
        });
        const retagged = await retagComments(client);
        return { theme: await getTheme(client, code), retagged };
      });
    },
  );
  app.delete(
    '/feedback/themes/taxonomy/:code',
    {
      schema: {
        tags,
        summary: 'Remove a theme (not while actions refer to it) and re-tag every comment',
        params: ThemeParamsSchema,
        response: { 200: TaxonomyChangeResponseSchema, 409: ErrorResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { code } = request.params;
      return inTransaction(async (client) => {
        const { rows } = await client.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM action WHERE theme_code = $1',
          [code],
        );
        if ((rows[0]?.n ?? 0) > 0) {
          throw new HttpError(
            409,
            `Theme ${code} has ${rows[0]?.n} actions; move or delete them first`,
          );
        }
        const deleted = await client.query('DELETE FROM theme WHERE code = $1', [code]);
        if (!deleted.rowCount) throw new HttpError(404, `No theme ${code}`);
        await recordAudit(client, {
          actor: ADMIN_ACTOR,
          action: 'theme.delete',
          entity: 'theme',
          entityId: code,
          details: null,
        });
        return { theme: null, retagged: await retagComments(client) };
      });
    },
  );
};
