import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import {
  ErrorResponseSchema,
  IMPORT_COLUMNS,
  ImportHistoryQuerySchema,
  ImportHistoryResponseSchema,
  ImportKindSchema,
  ImportQuerySchema,
  ImportResultSchema,
  MAX_IMPORT_BYTES,
} from '@ipo/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csvRecords, ImportFileError } from '../../imports/csv-records.js';
import { runImport } from '../../imports/run-import.js';
import { HttpError } from '../../plugins/errors.js';
import { listImportBatches } from '../../queries/import-history.js';

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11 },
  });
  // A CSV body is handed to the route as the request stream: it is parsed as it arrives, never
  // buffered whole.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => {
    done(null, payload);
  });

  app.post(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV file of work items, quality checks or feedback',
        description: `Body: the CSV (\`text/csv\`), or a multipart form with the file in \`file\`. Columns (architecture.md): work-items \`${IMPORT_COLUMNS['work-items'].join(',')}\`; quality-checks \`${IMPORT_COLUMNS['quality-checks'].join(',')}\`; feedback \`${IMPORT_COLUMNS.feedback.join(',')}\`. 200 whenever the file was processed: \`status\` says applied or rejected (with every error's line, column and reason). 4xx only for a request that cannot be processed at all (400, 413, 415).`,
        params: z.object({ kind: ImportKindSchema }),
        querystring: ImportQuerySchema,
        response: {
          200: ImportResultSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      let stream: Readable;
      let file = request.query.filename ?? 'upload.csv';
      if (request.isMultipart()) {
        const part = await request.file();
        if (!part)
          throw new HttpError(400, 'The form has no file: send the CSV in the field "file".');
        stream = part.file;
        file = part.filename || file;
      } else if (request.body && typeof (request.body as Readable).pipe === 'function') {
        stream = request.body as Readable;
      } else {
        throw new HttpError(415, 'Send the CSV as text/csv, or as a file in a multipart form.');
      }
      try {
        const result = await runImport(
          app.db.pool,
          {
            kind: request.params.kind,
            mode: request.query.mode,
            dataSource: request.query.source,
            file,
            createdBy: `web upload (${request.ip})`,
          },
          csvRecords(stream, IMPORT_COLUMNS[request.params.kind], { maxBytes: MAX_IMPORT_BYTES }),
        );
        // A rejected file is a normal outcome of the upload, reported in the body (the page shows
        // the errors); a 4xx would also be logged as a failed request by every browser.
        return reply.status(200).send(result);
      } catch (error) {
        if (error instanceof ImportFileError) {
          throw new HttpError(error.statusCode, error.errors[0]?.reason ?? error.message);
        }
        // @fastify/multipart's file-size limit.
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new HttpError(
            413,
            'The file is larger than the 1,024 MB limit: split it into smaller files.',
          );
        }
        throw error;
      }
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import history, newest first',
        querystring: ImportHistoryQuerySchema,
        response: { 200: ImportHistoryResponseSchema },
      },
    },
    async (request) => listImportBatches(app.db.pool, request.query.page, request.query.pageSize),
  );
};
