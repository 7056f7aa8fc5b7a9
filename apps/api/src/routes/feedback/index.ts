import {
  ActionHistorySchema,
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
import { teamScope } from '@ipo/domain/access';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PoolClient } from 'pg';
import { z } from 'zod';
import { actorOf } from '../../auth/access-plugin.js';
import { assertTeamInScope } from '../../auth/scope.js';
import {
  actionHistory,
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
import { withFeedbackRanges } from '../../feedback/range.js';
import { createTheme, deleteTheme, listThemes, updateTheme } from '../../feedback/taxonomy.js';
import { CachedFigures } from '../../plugins/cached-figures.js';

const errors = { 400: ErrorResponseSchema, 404: ErrorResponseSchema };
const tags = ['feedback'];

/**
 * A figure takes a service or team and at most one of channel, customer group, type and theme
 * (decision 7): a second is a 400 naming it.
 */
function oneSplit(q: Parameters<typeof splitOf>[0], ctx: z.RefinementCtx) {
  const { field, second } = splitOf(q);
  if (second) {
    const message = `combine ${field} with a service or team only: feedback figures take one of channel, customer group, type and theme at a time`;
    ctx.addIssue({ code: 'custom', path: [second], message });
  }
}

// The queries of the figures: the filters are checked first, then period/from/to arrive parsed
// as `ranges` (the months covered and the previous range); the other fields are the filters.
const RangedQuerySchema = withFeedbackRanges(FeedbackQuerySchema.superRefine(oneSplit));
const RangedSeriesQuerySchema = withFeedbackRanges(FeedbackSeriesQuerySchema.superRefine(oneSplit));
const RangedCommentsQuerySchema = withFeedbackRanges(
  FeedbackCommentsQuerySchema.superRefine(oneSplit),
);
const RangedPhrasesQuerySchema = withFeedbackRanges(FeedbackPhrasesQuerySchema);

const actionWriter = (request: FastifyRequest) => ({
  actor: actorOf(request).actor,
  scope: teamScope(request.user, 'write-actions'),
});

export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
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
      config: { access: 'read-figures' },
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
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary: 'Satisfaction against the 85% target, scores, types and sentiment for a range',
        querystring: RangedQuerySchema,
        response: { 200: FeedbackSummarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, ...rest } = request.query;
      return cached(request, reply, ['summary', ranges.range, rest], FeedbackSummarySchema, (c) =>
        feedbackSummary(c, ranges, rest),
      );
    },
  );

  app.get(
    '/feedback/series',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary: 'Satisfaction and responses by week or month',
        querystring: RangedSeriesQuerySchema,
        response: { 200: FeedbackSeriesSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, ...rest } = request.query;
      const { granularity, ...filters } = rest;
      return cached(request, reply, ['series', ranges.range, rest], FeedbackSeriesSchema, (c) =>
        feedbackSeries(c, ranges, granularity, filters),
      );
    },
  );

  app.get(
    '/feedback/themes',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary:
          'Themes of comments, with the change against the previous range of the same length',
        querystring: RangedQuerySchema,
        response: { 200: FeedbackThemesSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, ...rest } = request.query;
      return cached(request, reply, ['themes', ranges.range, rest], FeedbackThemesSchema, (c) =>
        feedbackThemes(c, ranges, rest),
      );
    },
  );

  app.get(
    '/feedback/comments',
    {
      config: { access: 'read-records' },
      schema: {
        tags,
        summary: 'Redacted comments, newest first, with full-text search and highlighted matches',
        querystring: RangedCommentsQuerySchema,
        response: { 200: FeedbackCommentsSchema, ...errors },
      },
    },
    async (request) => {
      const { ranges, ...rest } = request.query;
      const { q, cursor, limit, ...filters } = rest;
      assertTeamInScope(request, 'read-records', filters.team);
      return feedbackComments(app.db.pool, ranges, filters, { q, cursor, limit });
    },
  );

  app.get(
    '/feedback/groups',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary: 'Satisfaction by customer group, each compared with all others (fairness test)',
        querystring: RangedQuerySchema,
        response: { 200: FeedbackGroupsSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { ranges, ...rest } = request.query;
      return cached(request, reply, ['groups', ranges.range, rest], FeedbackGroupsSchema, (c) =>
        feedbackGroups(c, ranges, rest),
      );
    },
  );

  app.get(
    '/feedback/performance',
    {
      config: { access: 'read-figures' },
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
      // Phrase discovery grows the taxonomy, which is the administrators' (decision 11).
      config: { access: 'administer' },
      schema: {
        tags,
        summary:
          'Frequent phrases (stems) that no theme covers yet, with up to 3 sample comments each, to grow the taxonomy',
        querystring: RangedPhrasesQuerySchema,
        response: { 200: FeedbackPhrasesSchema, ...errors },
      },
    },
    async (request) => {
      const { ranges, ...rest } = request.query;
      return feedbackPhrases(app.db.pool, ranges.range, rest);
    },
  );

  // 'You said, we did' -------------------------------------------------------------------------
  app.get(
    '/feedback/actions',
    {
      config: { access: 'read-figures' },
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
      config: { access: 'read-figures' },
      schema: {
        tags,
        params: ActionParamsSchema,
        response: { 200: ActionSchema, ...errors },
      },
    },
    async (request) => getAction(app.db.prisma, request.params.id),
  );
  app.get(
    '/feedback/actions/:id/history',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary: 'The changes to an action, oldest first: who, when, each field before and after',
        params: ActionParamsSchema,
        response: { 200: ActionHistorySchema, ...errors },
      },
    },
    async (request) => actionHistory(app.db.prisma, request.params.id),
  );
  app.post(
    '/feedback/actions',
    {
      config: { access: 'write-actions' },
      schema: {
        tags,
        summary: 'Record an action taken on a theme',
        body: ActionInputSchema,
        response: { 201: ActionSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createAction(app.db.prisma, request.body, actionWriter(request));
    },
  );
  app.put(
    '/feedback/actions/:id',
    {
      config: { access: 'write-actions' },
      schema: {
        tags,
        params: ActionParamsSchema,
        body: ActionInputSchema,
        response: { 200: ActionSchema, ...errors },
      },
    },
    async (request) =>
      updateAction(app.db.prisma, request.params.id, request.body, actionWriter(request)),
  );
  app.delete(
    '/feedback/actions/:id',
    {
      config: { access: 'write-actions' },
      schema: { tags, params: ActionParamsSchema, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await deleteAction(app.db.prisma, request.params.id, actionWriter(request));
      return reply.status(204).send(null);
    },
  );

  // Taxonomy: every signed-in user reads it; administrators change it. Every change re-tags the stored comments
  // in the same transaction, so figures never mix two taxonomies (feedback/taxonomy.ts).

  app.get(
    '/feedback/themes/taxonomy',
    {
      config: { access: 'read-figures' },
      schema: { tags, summary: 'The theme taxonomy', response: { 200: TaxonomyResponseSchema } },
    },
    async () => ({ themes: await listThemes(app.db.prisma) }),
  );
  app.post(
    '/feedback/themes/taxonomy',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Add a theme and re-tag every comment',
        body: ThemeCreateSchema,
        response: { 201: TaxonomyChangeResponseSchema, 409: ErrorResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await createTheme(app.db.pool, request.body, actorOf(request).actor);
      reply.status(201);
      return result;
    },
  );
  app.put(
    '/feedback/themes/taxonomy/:code',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Rename a theme or change its phrases, and re-tag every comment',
        params: ThemeParamsSchema,
        body: ThemeUpdateSchema,
        response: { 200: TaxonomyChangeResponseSchema, ...errors },
      },
    },
    async (request) =>
      updateTheme(app.db.pool, request.params.code, request.body, actorOf(request).actor),
  );
  app.delete(
    '/feedback/themes/taxonomy/:code',
    {
      config: { access: 'administer' },
      schema: {
        tags,
        summary: 'Remove a theme (not while actions refer to it) and re-tag every comment',
        params: ThemeParamsSchema,
        response: { 200: TaxonomyChangeResponseSchema, 409: ErrorResponseSchema, ...errors },
      },
    },
    async (request) => deleteTheme(app.db.pool, request.params.code, actorOf(request).actor),
  );
};
