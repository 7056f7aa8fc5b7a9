import { HealthResponseSchema } from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Is the API up, and can it reach its database?',
        response: { 200: HealthResponseSchema, 503: HealthResponseSchema },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      let up = false;
      let serverVersion: string | null = null;
      let migration: string | null = null;
      try {
        const { rows } = await app.db.pool.query<{ version: string; migration: string | null }>(
          `SELECT current_setting('server_version') AS version,
                  (SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1) AS migration`,
        );
        up = true;
        serverVersion = rows[0]?.version ?? null;
        migration = rows[0]?.migration ?? null;
      } catch (error) {
        app.log.warn({ err: error }, 'health check could not reach the database');
      }
      const body = {
        status: up ? ('ok' as const) : ('degraded' as const),
        database: {
          up,
          mode: app.dbMode,
          serverVersion,
          migration,
          latencyMs: up ? Math.round((performance.now() - started) * 10) / 10 : null,
        },
        uptimeSeconds: Math.round(process.uptime()),
      };
      return reply.status(up ? 200 : 503).send(body);
    },
  );
};
