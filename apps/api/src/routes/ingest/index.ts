import {
  ErrorResponseSchema,
  ImportQuerySchema,
  ImportResultSchema,
  IngestFeedbackBodySchema,
  IngestQualityChecksBodySchema,
  IngestWorkItemsBodySchema,
  MAX_INGEST_BYTES,
  MAX_INGEST_ROWS,
} from '@ipo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { JsonRow } from '../../imports/reader.js';
import { runImport } from '../../imports/run-import.js';
import { authenticateToken } from '../../imports/tokens.js';
import { HttpError } from '../../plugins/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API token's name, once the ingestion routes have authenticated the request. */
    apiTokenName: string | null;
  }
}

const bodies = {
  'work-items': IngestWorkItemsBodySchema,
  'quality-checks': IngestQualityChecksBodySchema,
  feedback: IngestFeedbackBodySchema,
} as const;

export const ingestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.decorateRequest('apiTokenName', null);
  // Checked before the body is read, so an unauthenticated sender cannot make us parse megabytes.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new HttpError(401, 'Send an API token: Authorization: Bearer <token>.');
    }
    const check = await authenticateToken(app.db.prisma, match[1]!);
    if (check.status === 'unknown') throw new HttpError(401, 'The API token is not recognised.');
    if (check.status === 'revoked') {
      throw new HttpError(403, `The API token "${check.name}" has been revoked.`);
    }
    if (check.status === 'expired') {
      throw new HttpError(403, `The API token "${check.name}" has expired.`);
    }
    // What the token may send (decision 11): its kinds, and its one source when it has one.
    const kind = (request.routeOptions.url ?? '').split('/').pop() ?? '';
    if (!check.kinds.includes(kind)) {
      throw new HttpError(
        403,
        `The API token "${check.name}" may not send ${kind.replace('-', ' ')}; it may send ${check.kinds.map((k) => k.replace('-', ' ')).join(', ')}.`,
      );
    }
    const source = (request.query as { source?: unknown }).source ?? 'import';
    if (check.source !== null && source !== check.source) {
      throw new HttpError(
        403,
        `The API token "${check.name}" is only for the source "${check.source}": add ?source=${check.source}.`,
      );
    }
    request.apiTokenName = check.name;
  });

  for (const kind of ['work-items', 'quality-checks', 'feedback'] as const) {
    app.post(
      `/ingest/${kind}`,
      {
        config: { access: 'ingestion-token' },
        bodyLimit: MAX_INGEST_BYTES,
        schema: {
          tags: ['ingestion'],
          summary: `Send a batch of up to ${MAX_INGEST_ROWS.toLocaleString('en-GB')} ${kind.replace('-', ' ')} (API token required)`,
          description: `The same columns and validation as the CSV import, as JSON properties. 200: applied; 422: rejected, with each error's row (\`line\`, from 1), column and reason; 400: a body that is not a batch, or more than ${MAX_INGEST_ROWS.toLocaleString('en-GB')} rows (counted before any row is parsed); 401/403: no, unknown or revoked token; 413: over ${MAX_INGEST_BYTES / 1024 / 1024} MB.`,
          querystring: ImportQuerySchema.omit({ filename: true }),
          body: bodies[kind],
          response: {
            200: ImportResultSchema,
            400: ErrorResponseSchema,
            401: ErrorResponseSchema,
            403: ErrorResponseSchema,
            413: ErrorResponseSchema,
            422: ImportResultSchema,
          },
        },
      },
      async (request, reply) => {
        // At most MAX_INGEST_ROWS: the body schema counts the rows before it parses any, and
        // checks each value's type. The parsed rows go to the import's reader as they are, which
        // validates them as typed values with the CSV's row rules and messages.
        const rows: readonly JsonRow[] = request.body.rows;
        const tokenName = request.apiTokenName ?? 'unknown';
        const result = await runImport(
          app.db.pool,
          {
            kind,
            mode: request.query.mode,
            dataSource: request.query.source,
            file: tokenName,
            createdBy: `API token ${tokenName}`,
          },
          { json: rows },
        );
        if (result.status === 'applied') app.alerts.dataChanged('ingestion');
        return reply.status(result.status === 'applied' ? 200 : 422).send(result);
      },
    );
  }
};
