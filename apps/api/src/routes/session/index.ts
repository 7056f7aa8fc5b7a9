import {
  DemoSignInBodySchema,
  ErrorResponseSchema,
  SessionSchema,
  SignInBodySchema,
  SignInMethodsSchema,
} from '@ipo/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../admin/audit.js';
import {
  assertNotCrossSite,
  clearSessionCookie,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../../auth/access-plugin.js';
import { DEMO_USERS, demoDescription } from '../../auth/demo-users.js';
import { verifyDecoy, verifyPassword } from '../../auth/passwords.js';
import {
  type ActiveSession,
  createSession,
  endSession,
  type SessionTimeouts,
  type SignInMethod,
} from '../../auth/sessions.js';
import { recordFailure, type ThrottleLimits, throttledFor } from '../../auth/throttle.js';
import { normaliseEmail, type SessionUser, toSessionUser, USER_SELECT } from '../../auth/users.js';
import type { PrismaClient } from '../../db/prisma.js';
import { HttpError } from '../../plugins/errors.js';

export interface SessionRouteOptions {
  sessions: SessionTimeouts;
  throttle: ThrottleLimits;
  /** One-click demo users (DEMO_DATA on and no identity provider). */
  demo: boolean;
  /** The identity provider's button label, when one is configured. */
  oidcLabel: string | null;
}

const WRONG = 'The e-mail address or password is not right.';

function sessionView(
  user: SessionUser,
  session: Pick<ActiveSession, 'csrfToken' | 'expiresAt' | 'method'>,
  timeouts: SessionTimeouts,
) {
  return {
    user: { email: user.email, name: user.name, roles: user.roles, teams: user.teams },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    idleTimeoutMinutes: Math.round(timeouts.idleMs / 60_000),
    method: session.method,
  };
}

/** Starts a session for a user who has proved who they are; sets the cookie, audits it. */
export async function signIn(
  prisma: PrismaClient,
  timeouts: SessionTimeouts,
  request: FastifyRequest,
  reply: FastifyReply,
  user: SessionUser,
  method: SignInMethod,
) {
  const started = await createSession(prisma, timeouts, user.id, method, request.ip);
  reply.setCookie(
    SESSION_COOKIE,
    started.token,
    sessionCookieOptions(request, Math.floor(timeouts.absoluteMs / 1000)),
  );
  await recordAudit(prisma, {
    actor: user.email,
    action: 'session.sign_in',
    entity: 'user',
    entityId: user.email,
    details: { method },
  });
  return sessionView(user, { ...started, method }, timeouts);
}

export const sessionRoutes: FastifyPluginAsyncZod<SessionRouteOptions> = async (app, options) => {
  const prisma = app.db.prisma;
  const demoOn = options.demo && !options.oidcLabel;

  app.get(
    '/session/methods',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'How people sign in here: password, the identity provider, demo users',
        response: { 200: SignInMethodsSchema },
      },
    },
    async () => {
      // The demo users as the database has them (their teams included).
      const rows = demoOn
        ? await prisma.user.findMany({
            where: { email: { in: DEMO_USERS.map((u) => u.email) }, disabledAt: null },
            select: USER_SELECT,
          })
        : [];
      const byEmail = new Map(rows.map((r) => [r.email, toSessionUser(r)]));
      return {
        password: true,
        oidc: options.oidcLabel ? { label: options.oidcLabel } : null,
        demoUsers: DEMO_USERS.flatMap((u) => {
          const user = byEmail.get(u.email);
          return user
            ? [
                {
                  email: user.email,
                  name: user.name,
                  roles: user.roles,
                  teams: user.teams,
                  description: demoDescription(user.roles),
                },
              ]
            : [];
        }),
      };
    },
  );

  app.post(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in with an e-mail address and password (sets the session cookie)',
        body: SignInBodySchema,
        response: {
          200: SessionSchema,
          401: ErrorResponseSchema,
          403: ErrorResponseSchema,
          429: ErrorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      assertNotCrossSite(request);
      const email = normaliseEmail(request.body.email);
      const wait = await throttledFor(prisma, options.throttle, email, request.ip);
      if (wait > 0) {
        await recordAudit(prisma, {
          actor: email,
          action: 'session.sign_in_throttled',
          entity: 'user',
          entityId: email,
          details: null,
        });
        throw new HttpError(
          429,
          `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}.`,
          undefined,
          { 'retry-after': String(wait) },
        );
      }
      const row = await prisma.user.findUnique({
        where: { email },
        select: { ...USER_SELECT, passwordHash: true },
      });
      const ok =
        row?.passwordHash && !row.disabledAt
          ? await verifyPassword(row.passwordHash, request.body.password)
          : await verifyDecoy(request.body.password);
      if (!row || !ok) {
        await recordFailure(prisma, options.throttle, email, request.ip);
        await recordAudit(prisma, {
          actor: email,
          action: 'session.sign_in_failed',
          entity: 'user',
          entityId: email,
          details: null,
        });
        throw new HttpError(401, WRONG);
      }
      return signIn(prisma, options.sessions, request, reply, toSessionUser(row), 'password');
    },
  );

  app.post(
    '/session/demo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in as a demo user (only while the demo data is on)',
        body: DemoSignInBodySchema,
        response: { 200: SessionSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      if (!demoOn) throw new HttpError(404, 'Demo sign-in is off on this installation.');
      assertNotCrossSite(request);
      const email = normaliseEmail(request.body.email);
      if (!DEMO_USERS.some((u) => u.email === email)) {
        throw new HttpError(404, `${email} is not one of the demo users.`);
      }
      const row = await prisma.user.findUnique({ where: { email }, select: USER_SELECT });
      if (!row || row.disabledAt) throw new HttpError(404, `${email} is not available.`);
      return signIn(prisma, options.sessions, request, reply, toSessionUser(row), 'demo');
    },
  );

  app.get(
    '/session',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['session'],
        summary: 'Who is signed in, and the CSRF token for changes',
        response: { 200: SessionSchema, 401: ErrorResponseSchema },
      },
    },
    async (request) => {
      const session = request.session as ActiveSession;
      return sessionView(session.user, session, options.sessions);
    },
  );

  app.delete(
    '/session',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['session'],
        summary: 'Sign out (ends the session everywhere it is used)',
        response: { 204: z.null(), 401: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      const session = request.session as ActiveSession;
      await endSession(prisma, session.id);
      clearSessionCookie(request, reply);
      await recordAudit(prisma, {
        actor: session.user.email,
        action: 'session.sign_out',
        entity: 'user',
        entityId: session.user.email,
        details: null,
      });
      return reply.code(204).send(null);
    },
  );
};
