import type { ErrorResponse } from '@ipo/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { databaseFailure } from '../db/errors.js';

/** Thrown by handlers for expected failures (404 unknown standard, 400 bad combination...). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: { field: string; message: string }[],
    /** Sent with the answer, such as `retry-after` on a 409 or 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Seconds a client is asked to wait when the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one error path: validation errors name the field; 5xx never leak internals. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    let body: ErrorResponse;
    const failure = error instanceof HttpError ? null : databaseFailure(error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        field:
          v.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
          String(error.validationContext ?? ''),
        message: v.message ?? 'is invalid',
      }));
      body = {
        statusCode: 400,
        error: reasons[400] ?? 'Bad Request',
        message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
        issues,
        requestId: request.id,
      };
    } else if (error instanceof HttpError) {
      body = {
        statusCode: error.statusCode,
        error: reasons[error.statusCode] ?? 'Error',
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
        requestId: request.id,
      };
      if (error.headers) reply.headers(error.headers);
    } else if (failure === 'unavailable' || failure === 'timeout') {
      // The database is down or restarting, or a statement ran out of time: a 503 the client
      // can retry, in our words (the driver's text can name the server and its tables).
      const unavailable = failure === 'unavailable';
      request.log.error({ err: error }, 'request failed: database unavailable or too slow');
      body = {
        statusCode: 503,
        error: reasons[503] ?? 'Service Unavailable',
        message: unavailable
          ? 'The database cannot be reached at the moment. Try again in a few seconds.'
          : 'The request took too long and was stopped. Try again later, or ask for less at once.',
        requestId: request.id,
      };
      if (unavailable) reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else {
      // A database error is a 500 whatever it carries: its text is never passed on.
      const statusCode =
        error.statusCode && error.statusCode >= 400 && !failure ? error.statusCode : 500;
      if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
      body = {
        statusCode,
        error: reasons[statusCode] ?? 'Error',
        message:
          statusCode >= 500
            ? 'Something went wrong on our side. It has been logged.'
            : error.message,
        requestId: request.id,
      };
    }
    reply.status(body.statusCode).send(body);
  });
});
