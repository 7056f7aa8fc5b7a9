import { ErrorResponseSchema } from '@ipo/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../admin/audit.js';
import {
  identityFromClaims,
  OidcClient,
  type OidcSettings,
  OidcSignInError,
  providerErrorMessage,
  userFromIdentity,
} from '../../auth/oidc.js';
import type { SessionTimeouts } from '../../auth/sessions.js';
import { escapeHtml } from '../../html.js';
import { signIn } from '../session/index.js';

export interface OidcRouteOptions {
  sessions: SessionTimeouts;
  oidc: OidcSettings;
}

/**
 * Ties a sign-in to the browser that started it: the callback is honoured only from the browser
 * holding the state in this cookie, so a callback URL made by someone else (their own sign-in,
 * sent as a link) cannot sign a person in as them (login CSRF).
 */
export const OIDC_LOGIN_COOKIE = 'ipo_oidc_login';

/** How long a sign-in may take at the provider; older oidc_login rows are deleted. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

/**
 * Where to go after signing in: a path of this site only, starting with a single `/` (not `//`
 * or `/\`, which browsers take for another host), without spaces, control characters or
 * backslashes.
 */
export function isSafeReturnTo(value: string): boolean {
  return /^\/(?![/\\])[^\s\\\p{Cc}]*$/u.test(value);
}

const LoginQuerySchema = z.object({
  returnTo: z
    .string()
    .max(2000)
    .refine(isSafeReturnTo, {
      message: 'must be a path of this site, starting with a single /',
    })
    .default('/')
    .describe('The dashboard path to return to after signing in (default /).'),
});

// The provider's parameters are passed on to openid-client as received (iss among them).
const CallbackQuerySchema = z.looseObject({
  state: z.string().max(1000).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

/** A refusal as a page, for the person's browser (no inline styles or scripts: the CSP). */
function refusalPage(error: OidcSignInError): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>You have not been signed in</title></head>
<body>
<h1>You have not been signed in</h1>
<p>${escapeHtml(error.message)}</p>
<p><a href="/">Go to the dashboard</a></p>
</body>
</html>
`;
}

function wantsPage(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/**
 * Answers a refusal: a page for a browser that navigated here, the usual JSON error otherwise
 * (the same status and words either way).
 */
function refuse(request: FastifyRequest, reply: FastifyReply, error: OidcSignInError) {
  reply.header('cache-control', 'no-store');
  if (wantsPage(request)) {
    return reply.code(error.statusCode).type('text/html; charset=utf-8').send(refusalPage(error));
  }
  const reasons: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    409: 'Conflict',
    503: 'Service Unavailable',
  };
  return reply.code(error.statusCode).send({
    statusCode: error.statusCode,
    error: reasons[error.statusCode] ?? 'Error',
    message: error.message,
    requestId: request.id,
  });
}

export const oidcRoutes: FastifyPluginAsyncZod<OidcRouteOptions> = async (app, options) => {
  const prisma = app.db.prisma;
  const oidc = new OidcClient(options.oidc);
  const cookiePath = `${app.prefix}/auth/oidc`;

  function loginCookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
    return {
      path: cookiePath,
      httpOnly: true,
      // Sent on the provider's redirect back (a top-level GET navigation).
      sameSite: 'lax' as const,
      secure: request.protocol === 'https',
      maxAge: maxAgeSeconds,
    };
  }

  const errorResponses = {
    400: ErrorResponseSchema,
    401: ErrorResponseSchema,
    403: ErrorResponseSchema,
    409: ErrorResponseSchema,
    503: ErrorResponseSchema,
  };

  app.get(
    '/auth/oidc/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in through the identity provider: redirects (302) to the provider',
        querystring: LoginQuerySchema,
        response: { 400: ErrorResponseSchema, 503: ErrorResponseSchema },
      },
    },
    async (request, reply) => {
      let start: Awaited<ReturnType<OidcClient['start']>>;
      try {
        start = await oidc.start();
      } catch (error) {
        if (error instanceof OidcSignInError) return refuse(request, reply, error);
        throw error;
      }
      await prisma.$transaction([
        // Sign-ins abandoned at the provider go when anyone starts one: the table stays small.
        prisma.oidcLogin.deleteMany({
          where: { createdAt: { lt: new Date(Date.now() - OIDC_LOGIN_TTL_MS) } },
        }),
        prisma.oidcLogin.create({
          data: {
            state: start.state,
            nonce: start.nonce,
            codeVerifier: start.codeVerifier,
            returnTo: request.query.returnTo,
          },
        }),
      ]);
      reply.setCookie(
        OIDC_LOGIN_COOKIE,
        start.state,
        loginCookieOptions(request, OIDC_LOGIN_TTL_MS / 1000),
      );
      reply.header('cache-control', 'no-store');
      return reply.redirect(start.url.href, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary:
          'Where the identity provider sends the person back: signs in (sets the session cookie) and redirects (302) to where they were going',
        querystring: CallbackQuerySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const query = request.query;
      const cookieState = request.cookies[OIDC_LOGIN_COOKIE];
      if (cookieState !== undefined) {
        reply.clearCookie(OIDC_LOGIN_COOKIE, loginCookieOptions(request, 0));
      }
      const failed = async (error: OidcSignInError) => {
        await recordAudit(prisma, {
          actor: error.actor ?? 'anonymous',
          action: 'session.sign_in_failed',
          entity: 'user',
          entityId: error.actor,
          details: { method: 'oidc', reason: error.reason },
        });
        request.log.info(
          { reason: error.reason, actor: error.actor },
          'sign-in through the identity provider refused',
        );
        return refuse(request, reply, error);
      };

      const state = query.state;
      if (!state) {
        return failed(
          new OidcSignInError(
            400,
            'The identity provider sent you back without the sign-in state. Sign in again.',
            'state_missing',
          ),
        );
      }
      const login = await prisma.oidcLogin.findUnique({ where: { state } });
      if (!login) {
        return failed(
          new OidcSignInError(
            400,
            'This sign-in has expired or was already completed. Sign in again.',
            'state_unknown',
          ),
        );
      }
      if (cookieState !== state) {
        return failed(
          new OidcSignInError(
            400,
            'This sign-in was not started in this browser. Sign in again.',
            'state_not_from_this_browser',
          ),
        );
      }
      // Consumed at once: a state (and its code) is good for one callback only.
      const consumed = (await prisma.oidcLogin.deleteMany({ where: { state } })).count === 1;
      if (!consumed || login.createdAt.getTime() < Date.now() - OIDC_LOGIN_TTL_MS) {
        return failed(
          new OidcSignInError(
            400,
            'This sign-in has expired or was already completed. Sign in again.',
            consumed ? 'state_expired' : 'state_unknown',
          ),
        );
      }
      if (query.error) {
        return failed(
          new OidcSignInError(
            401,
            providerErrorMessage(query.error),
            `provider_error: ${query.error.slice(0, 100)}`,
          ),
        );
      }

      try {
        const rawQuery = request.raw.url?.split('?')[1] ?? '';
        const claims = await oidc.finish(new URLSearchParams(rawQuery), login);
        const identity = identityFromClaims(claims, options.oidc.rolesClaim);
        const user = await userFromIdentity(prisma, identity, (message, details) =>
          request.log.warn(details, message),
        );
        await signIn(prisma, options.sessions, request, reply, user, 'oidc');
      } catch (error) {
        if (error instanceof OidcSignInError) return failed(error);
        throw error;
      }
      reply.header('cache-control', 'no-store');
      return reply.redirect(login.returnTo, 302);
    },
  );
};
