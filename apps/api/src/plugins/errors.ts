import type { ErrorResponse } from '@ipo/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** Thrown by handlers for expected failures (404 unknown standard, 400 bad combination...). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: { field: string; message: string }[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const reasons: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one error path: validation errors name the field; 5xx never leak internals. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    let body: ErrorResponse;
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
    } else {
      const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
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
