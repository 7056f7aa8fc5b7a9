import {
  AnnotationInputSchema,
  AnnotationParamsSchema,
  AnnotationSchema,
  AnnotationsQuerySchema,
  AnnotationsResponseSchema,
  ErrorResponseSchema,
} from '@ipo/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AnnotationWriter,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  updateAnnotation,
} from '../../annotations/annotations.js';
import { actorOf } from '../../auth/access-plugin.js';

const tags = ['annotations'];
const errors = { 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema };

const writer = (request: FastifyRequest): AnnotationWriter => ({
  actor: actorOf(request).actor,
  user: request.user,
});

/**
 * Notes on the trend charts: a date or a date range marked on one standard or on all, such as
 * 'telephony outage'. Everyone reads them; managers and administrators add them ('annotate');
 * the author or an administrator changes or deletes them (checked per annotation: 403 otherwise).
 */
export const annotationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/annotations',
    {
      config: { access: 'read-figures' },
      schema: {
        tags,
        summary:
          'Annotations of the trend charts: of one standard (with those of every standard) or all, overlapping from..to',
        querystring: AnnotationsQuerySchema,
        response: { 200: AnnotationsResponseSchema, 400: ErrorResponseSchema },
      },
    },
    async (request) => ({ annotations: await listAnnotations(app.db.prisma, request.query) }),
  );
  app.post(
    '/annotations',
    {
      config: { access: 'annotate' },
      schema: {
        tags,
        summary: 'Mark a date or a date range on one standard (or all, standardCode null)',
        body: AnnotationInputSchema,
        response: { 201: AnnotationSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return createAnnotation(app.db.prisma, request.body, writer(request));
    },
  );
  app.put(
    '/annotations/:id',
    {
      config: { access: 'annotate' },
      schema: {
        tags,
        summary: 'Change an annotation (its author or an administrator)',
        params: AnnotationParamsSchema,
        body: AnnotationInputSchema,
        response: { 200: AnnotationSchema, ...errors },
      },
    },
    async (request) =>
      updateAnnotation(app.db.prisma, request.params.id, request.body, writer(request)),
  );
  app.delete(
    '/annotations/:id',
    {
      config: { access: 'annotate' },
      schema: {
        tags,
        summary: 'Delete an annotation (its author or an administrator)',
        params: AnnotationParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAnnotation(app.db.prisma, request.params.id, writer(request));
      return reply.status(204).send(null);
    },
  );
};
