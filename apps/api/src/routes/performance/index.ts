import { readFileSync } from 'node:fs';
import type { Publication } from '@ipo/contracts';
import { MONTH_ID, parsePeriod } from '@ipo/domain';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withSnapshot } from '../../db/snapshot.js';
import {
  currentPublications,
  detailsOf,
  listPublications,
  versionsOf,
} from '../../publications/store.js';
import { notFoundPage, overviewPage, type PerformanceOverview, periodPage } from './page.js';
import { ODS_MIME_TYPE, publishedCsv, publishedOds, publishedRows } from './spreadsheet.js';

const STYLESHEET = readFileSync(new URL('./performance.css', import.meta.url), 'utf8');

const tags = ['performance (public)'];

/** The end of a period, to put periods in order (months and quarters mixed). */
const endOf = (period: string) => parsePeriod(period).end;

/**
 * The public transparency pages (decision 13): what was published, and nothing else, for anyone
 * without signing in. Server-rendered HTML that works without JavaScript, and the published
 * figures as CSV and ODS. Registered before the single-page app's fallback, so these paths are
 * answered here and never by the app.
 */
export const performanceRoutes: FastifyPluginAsyncZod = async (app) => {
  const pool = app.db.pool;

  const page = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      // Always asked afresh: a revision must show as soon as it is published.
      .header('cache-control', 'no-cache')
      .send(body);

  app.get(
    '/performance',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'Public page: the latest published month, its trends and actions, and every published period',
        produces: ['text/html'],
      },
    },
    async (_request, reply) => {
      const data = await withSnapshot(pool, async (client): Promise<PerformanceOverview> => {
        const all = await listPublications(client);
        const byPeriod = new Map<string, Publication[]>();
        for (const p of all) byPeriod.set(p.period, [...(byPeriod.get(p.period) ?? []), p]);
        const periods = [...byPeriod.entries()]
          .map(([period, versions]) => ({
            period,
            periodLabel: versions[0]?.periodLabel ?? period,
            versions: versions.sort((a, b) => a.version - b.version),
          }))
          .sort((a, b) => endOf(b.period).localeCompare(endOf(a.period)));
        const current = periods.map((p) => p.versions.at(-1)!);
        const featured = current.find((p) => MONTH_ID.test(p.period)) ?? current[0];
        const [detail] = featured ? await detailsOf(client, [featured]) : [];
        return { featured: detail ?? null, periods };
      });
      return page(reply, overviewPage(data));
    },
  );

  app.get(
    '/performance/style.css',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The stylesheet of the public pages', produces: ['text/css'] },
    },
    async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(STYLESHEET),
  );

  app.get(
    '/performance/:period',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Public page: one published month or quarter in full, with its revision history',
        params: z.object({ period: z.string().max(64) }),
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const versions = await withSnapshot(pool, async (client) =>
        detailsOf(client, await versionsOf(client, request.params.period)),
      );
      if (!versions.length) return page(reply, notFoundPage(), 404);
      return page(reply, periodPage(versions));
    },
  );

  const published = () =>
    withSnapshot(pool, async (client) => {
      const current = (await currentPublications(client)).sort(
        (a, b) => endOf(b.period).localeCompare(endOf(a.period)) || b.id - a.id,
      );
      const latest = current
        .map((p) => p.publishedAt)
        .sort()
        .at(-1);
      return {
        rows: publishedRows(await detailsOf(client, current)),
        latest: latest ? new Date(latest) : new Date(0),
      };
    });

  app.get(
    '/performance.csv',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The published figures as CSV: every published period, latest versions',
        produces: ['text/csv'],
      },
    },
    async (_request, reply) => {
      const { rows } = await published();
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-disposition', 'attachment; filename="ipo-service-performance.csv"')
        .send(publishedCsv(rows));
    },
  );

  app.get(
    '/performance.ods',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The published figures as an OpenDocument spreadsheet: every published period, latest versions',
        produces: [ODS_MIME_TYPE],
      },
    },
    async (_request, reply) => {
      const { rows, latest } = await published();
      return reply
        .type(ODS_MIME_TYPE)
        .header('cache-control', 'no-cache')
        .header('content-disposition', 'attachment; filename="ipo-service-performance.ods"')
        .send(Buffer.from(publishedOds(rows, latest)));
    },
  );
};
