import { existsSync } from 'node:fs';
import path from 'node:path';
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
import { healthRoutes } from './routes/health/index.js';
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
      await api.register(scorecardRoutes);
    },
    { prefix: '/api' },
  );

  const webDist = options.webDist;
  const serveSpa = Boolean(webDist && existsSync(path.join(webDist, 'index.html')));
  if (serveSpa) {
    await app.register(fastifyStatic, {
      root: webDist as string,
      wildcard: false,
      index: 'index.html',
    });
  }
  // Client-side routes (/standards/csc-calls, ...) get the SPA; unknown /api paths are 404 JSON.
  app.setNotFoundHandler((request, reply) => {
    if (serveSpa && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
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
