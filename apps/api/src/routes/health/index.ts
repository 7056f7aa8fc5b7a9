import { HealthResponseSchema } from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';

/** The health check answers within this, database or not. */
export const HEALTH_TIMEOUT_MS = 2_000;

export interface HealthOptions {
  /** Production: the database server's version is not disclosed. */
  production: boolean;
}

class HealthTimeout extends Error {
  override name = 'HealthTimeout';
}

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, options) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Is the API up, and can it reach its database?',
        description: `503 with \`database.up\` false when the database does not answer within ${HEALTH_TIMEOUT_MS / 1000} s.`,
        response: { 200: HealthResponseSchema, 503: HealthResponseSchema },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      let up = false;
      let serverVersion: string | null = null;
      let migration: string | null = null;
      let timer: NodeJS.Timeout | undefined;
      try {
        // Bounded twice: the query itself (query_timeout), and the whole check, which includes
        // waiting for a connection (a full pool, or a server that does not answer at all).
        // (pg reads query_timeout from a query's config; its type declarations omit it.)
        const config: pg.QueryConfig & { query_timeout: number } = {
          text: `SELECT current_setting('server_version') AS version,
                        (SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1) AS migration`,
          query_timeout: HEALTH_TIMEOUT_MS,
        };
        const query = app.db.pool.query<{ version: string; migration: string | null }>(config);
        // Settled later when the timer wins; its failure is then of no interest.
        query.catch(() => {});
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(
            () => reject(new HealthTimeout(`no answer within ${HEALTH_TIMEOUT_MS} ms`)),
            HEALTH_TIMEOUT_MS,
          );
        });
        const { rows } = await Promise.race([query, timeout]);
        up = true;
        serverVersion = options.production ? null : (rows[0]?.version ?? null);
        migration = rows[0]?.migration ?? null;
      } catch (error) {
        app.log.warn({ err: error }, 'health check could not reach the database');
      } finally {
        clearTimeout(timer);
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
