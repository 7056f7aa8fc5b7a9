import fastifyCookie from '@fastify/cookie';
import { can, canAny, type Permission, rolesInWords } from '@ipo/domain/access';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../plugins/errors.js';
import { runInRequestContext } from './request-context.js';
import { type ActiveSession, readSession, type SessionTimeouts } from './sessions.js';
import type { SessionUser } from './users.js';

/**
 * Who may call each route (decision 11). Every route under /api declares `config.access`:
 * - 'public': anyone, signed in or not (health, sign-in, the sign-in methods);
 * - 'ingestion-token': callers with an ingestion token (the route checks the token itself);
 * - 'signed-in': any signed-in user;
 * - a permission of packages/domain/src/access.ts: a signed-in user granted it;
 * - several permissions (`['load-data', 'administer']`): a signed-in user granted any of them.
 * A route without a declaration stops the application from starting. Anonymous callers get 401,
 * a signed-in user without the permission 403 naming the roles that grant it.
 *
 * Writes made with a session cookie must come from this origin (Origin, or Sec-Fetch-Site) and
 * carry the session's CSRF token in X-CSRF-Token.
 */
export type RouteAccess =
  | 'public'
  | 'ingestion-token'
  | 'signed-in'
  | Permission
  | readonly Permission[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in user, on routes that are not public. */
    user: SessionUser | null;
    session: ActiveSession | null;
  }
  interface FastifyInstance {
    /** Every route and who may call it, as registered (for the route-table test). */
    routeAccess: { method: string; url: string; access: RouteAccess }[];
  }
}

export const SESSION_COOKIE = 'ipo_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AccessOptions {
  sessions: SessionTimeouts;
}

/** Who made a change, for the audit trail: the user or token, the request and the address. */
export interface Actor {
  actor: string;
  requestId: string;
  address: string;
}

export function actorOf(request: FastifyRequest): Actor {
  const name =
    request.user?.email ??
    (request.apiTokenName ? `API token ${request.apiTokenName}` : 'anonymous');
  return { actor: name, requestId: String(request.id), address: request.ip };
}

function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    return new URL(origin).host.toLowerCase() === (request.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/** Sign-in itself: refused from another site's page (login CSRF), allowed from tools. */
export function assertNotCrossSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new HttpError(403, 'Sign in from the dashboard itself.');
  }
  if (typeof site !== 'string' && typeof origin === 'string' && !sameOrigin(request)) {
    throw new HttpError(403, 'Sign in from the dashboard itself.');
  }
}

export function sessionCookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Behind HTTPS (directly, or through a proxy trusted with TRUST_PROXY).
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  };
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request, 0));
}

export const accessPlugin = fp(async (app: FastifyInstance, options: AccessOptions) => {
  await app.register(fastifyCookie);
  app.decorateRequest('user', null);
  app.decorateRequest('session', null);
  app.decorate('routeAccess', []);

  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api')) {
      // The single-page app's files: the app itself asks the user to sign in.
      route.config = { ...route.config, access: route.config?.access ?? 'public' };
    } else if (url.startsWith('/api/docs')) {
      // The API documentation (registered by a plugin): for signed-in users.
      route.config = { ...route.config, access: route.config?.access ?? 'signed-in' };
    }
    const access = route.config?.access;
    if (!access) {
      throw new Error(
        `${String(route.method)} ${url} does not declare who may call it (config.access).`,
      );
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) app.routeAccess.push({ method, url, access });
  });

  // First of the hooks: what runs for this request knows its id and address (the audit trail).
  app.addHook('onRequest', (request, _reply, done) => {
    runInRequestContext({ requestId: String(request.id), address: request.ip }, done);
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    // No route matched (a 404 follows), or anyone may call it.
    if (!access || access === 'public' || access === 'ingestion-token') return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await readSession(app.db.prisma, options.sessions, token) : null;
    if (!session) {
      if (token) clearSessionCookie(request, reply);
      throw new HttpError(
        401,
        token ? 'Your session has ended. Sign in again.' : 'Sign in to use the dashboard.',
      );
    }
    request.session = session;
    request.user = session.user;
    if (UNSAFE.has(request.method)) {
      if (!sameOrigin(request)) {
        throw new HttpError(403, 'Changes must be made from the dashboard itself.');
      }
      if (request.headers['x-csrf-token'] !== session.csrfToken) {
        throw new HttpError(
          403,
          'The request did not carry the session check (X-CSRF-Token). Reload the page and try again.',
        );
      }
    }
    if (
      access !== 'signed-in' &&
      !(typeof access === 'string' ? can(session.user, access) : canAny(session.user, access))
    ) {
      throw new HttpError(403, `This needs the role of ${rolesInWords(access)}.`);
    }
  });
});
