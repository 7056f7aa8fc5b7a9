import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ErrorResponse } from '@ipo/contracts';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from './db/prisma.js';
import { errorsPlugin } from './plugins/errors.js';
import { adminRoutes } from './routes/admin/index.js';
import { feedbackRoutes } from './routes/feedback/index.js';
import { freshnessRoutes } from './routes/freshness/index.js';
import { healthRoutes } from './routes/health/index.js';
import { importRoutes } from './routes/imports/index.js';
import { ingestRoutes } from './routes/ingest/index.js';
import { scorecardRoutes } from './routes/scorecard/index.js';
import { standardsRoutes } from './routes/standards/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    dbMode: 'embedded' | 'external';
  }
}

export interface AppOptions {
  db: Database;
  dbMode: 'embedded' | 'external';
  /** Serve the built SPA from this folder (production mode); omitted in tests and `pnpm dev`. */
  webDist?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Register /api/admin (config ADMIN_API). Off unless asked for: there is no sign-in yet. */
  adminApi?: boolean;
  /** STALE_AFTER_WORKING_DAYS: a source whose latest event is older is flagged stale. */
  staleAfterWorkingDays?: number;
}

/** Builds the plugin tree. Tests call `app.inject()` on it; server.ts is the one that listens. */
export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Query strings arrive as flat strings; zod schemas coerce what they need.
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('dbMode', options.dbMode);

  await app.register(errorsPlugin);
  // gzip or brotli for the app's files and the larger JSON answers, when the client accepts it.
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'IPO service standards API',
        description:
          'Figures behind the Intellectual Property Office customer service standards dashboard.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(healthRoutes);
      await api.register(standardsRoutes);
      await api.register(importRoutes);
      await api.register(ingestRoutes);
      await api.register(freshnessRoutes, {
        staleAfterWorkingDays: options.staleAfterWorkingDays ?? 2,
      });
      await api.register(scorecardRoutes);
      await api.register(feedbackRoutes, { adminApi: options.adminApi ?? false });
      if (options.adminApi) await api.register(adminRoutes);
    },
    { prefix: '/api' },
  );

  const webDist = options.webDist;
  const serveSpa = Boolean(webDist && existsSync(path.join(webDist, 'index.html')));
  if (serveSpa) {
    await app.register(fastifyStatic, {
      root: webDist as string,
      // Files are looked up per request, so a rebuilt app is served without a restart.
      wildcard: true,
      index: 'index.html',
      cacheControl: false,
      setHeaders(res, filePath) {
        // Vite names built assets by content hash: they never change, so cache them for good;
        // index.html must always be fetched afresh to pick up new asset names.
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  // Client-side routes (/standards/csc-calls, ...) get the SPA; unknown /api paths and missing
  // built assets are 404s (an asset answered with index.html would fail in confusing ways).
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (
      serveSpa &&
      request.method === 'GET' &&
      !url.startsWith('/api/') &&
      !url.startsWith('/assets/')
    ) {
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    } satisfies ErrorResponse);
  });

  return app;
}
