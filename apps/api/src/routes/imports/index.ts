import { createReadStream } from 'node:fs';
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
import { actorOf } from '../../auth/access-plugin.js';
import { listImportBatches, writeUnfinishedBatches } from '../../imports/batches.js';
import { csvRecords, ImportFileError } from '../../imports/csv-records.js';
import { runImport } from '../../imports/run-import.js';
import { type SpooledUpload, spoolUpload } from '../../imports/spool.js';
import { HttpError } from '../../plugins/errors.js';

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 11 },
  });
  // A CSV body is handed to the route as the request stream: it is written to a temporary file
  // as it arrives (never buffered whole in memory), and imported from there once complete.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => {
    done(null, payload);
  });

  app.post(
    '/imports/:kind',
    {
      config: { access: 'load-data' },
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV file of work items, quality checks or feedback',
        description: `Body: the CSV (\`text/csv\`), or a multipart form with the file in \`file\`. Columns (docs/import-contract.md): work-items \`${IMPORT_COLUMNS['work-items'].join(',')}\`; quality-checks \`${IMPORT_COLUMNS['quality-checks'].join(',')}\`; feedback \`${IMPORT_COLUMNS.feedback.join(',')}\`. 200: applied. 422: rejected (a malformed file, or rows with errors: all-or-nothing mode, or every row in valid-only mode), with the same body: \`status\` 'rejected', every error's line, column and reason, and in valid-only mode the rejected rows as CSV. Other 4xx for a request that cannot be processed at all (400, 409 another import of the kind is running, 413, 415, 429).`,
        params: z.object({ kind: ImportKindSchema }),
        querystring: ImportQuerySchema,
        response: {
          200: ImportResultSchema,
          409: ErrorResponseSchema,
          413: ErrorResponseSchema,
          415: ErrorResponseSchema,
          422: ImportResultSchema,
          429: ErrorResponseSchema,
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
      let upload: SpooledUpload | null = null;
      try {
        // The whole upload first: only then does the import take a connection, a transaction
        // and its locks, so a slow sender cannot hold them.
        upload = await spoolUpload(stream, MAX_IMPORT_BYTES);
        const result = await runImport(
          app.db.pool,
          {
            kind: request.params.kind,
            mode: request.query.mode,
            dataSource: request.query.source,
            file,
            // Who sent it (their address is neither stored nor shown here; the audit trail has it).
            createdBy: actorOf(request).actor,
          },
          csvRecords(createReadStream(upload.path), IMPORT_COLUMNS[request.params.kind], {
            maxBytes: MAX_IMPORT_BYTES,
          }),
        );
        if (result.status === 'applied') app.alerts.dataChanged('import');
        // Deleted before the answer goes out (and in `finally` on the way out of a failure).
        await upload.remove();
        // A rejected file answers 422 with the whole result (the page shows its errors), as
        // ingestion does, so that scripts and tools that only look at the status see the failure.
        return reply.status(result.status === 'applied' ? 200 : 422).send(result);
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
      } finally {
        await upload?.remove();
      }
    },
  );

  app.get(
    '/imports',
    {
      config: { access: 'load-data' },
      schema: {
        tags: ['imports'],
        summary: 'Import history, newest first',
        querystring: ImportHistoryQuerySchema,
        response: { 200: ImportHistoryResponseSchema },
      },
    },
    async (request) => {
      // Failed imports whose outcome could not be written while the database was away.
      await writeUnfinishedBatches(app.db.pool);
      return listImportBatches(app.db.prisma, request.query.page, request.query.pageSize);
    },
  );
};
