import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { ErrorResponse } from '@ipo/contracts';
import Fastify, {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type AlertSignals, NO_ALERT_SIGNALS } from './alerts/signals.js';
import { accessPlugin, SESSION_COOKIE } from './auth/access-plugin.js';
import type { OidcSettings } from './auth/oidc.js';
import type { SessionTimeouts } from './auth/sessions.js';
import { DEFAULT_THROTTLE, type ThrottleLimits } from './auth/throttle.js';
import type { Database } from './db/prisma.js';
import { errorsPlugin, HttpError } from './plugins/errors.js';
import { adminRoutes } from './routes/admin/index.js';
import { alertRoutes } from './routes/alerts/index.js';
import { annotationRoutes } from './routes/annotations/index.js';
import { auditRoutes } from './routes/audit/index.js';
import { feedbackRoutes } from './routes/feedback/index.js';
import { freshnessRoutes } from './routes/freshness/index.js';
import { healthRoutes } from './routes/health/index.js';
import { importRoutes } from './routes/imports/index.js';
import { ingestRoutes } from './routes/ingest/index.js';
import { oidcRoutes } from './routes/oidc/index.js';
import { performanceRoutes } from './routes/performance/index.js';
import { publicationRoutes } from './routes/publications/index.js';
import { reportRoutes } from './routes/reports/index.js';
import { scorecardRoutes } from './routes/scorecard/index.js';
import { sessionRoutes } from './routes/session/index.js';
import { renderIndexHtml } from './routes/spa/index-html.js';
import { standardsRoutes } from './routes/standards/index.js';
import { tokenRoutes } from './routes/tokens/index.js';
import { userRoutes } from './routes/users/index.js';
import { warmUp } from './standards/warm-up.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    dbMode: 'embedded' | 'external';
    /** Tells the alerts that data changed (decision 14); does nothing without the job queue. */
    alerts: AlertSignals;
  }
}

export interface AppOptions {
  db: Database;
  dbMode: 'embedded' | 'external';
  /** Serve the built SPA from this folder (production mode); omitted in tests and `pnpm dev`. */
  webDist?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in (decision 11): session timeouts, sign-in throttling, demo users, the identity provider. */
  auth?: AuthOptions;
  /** TRUST_PROXY: take the client's address and protocol from X-Forwarded-* headers. */
  trustProxy?: boolean;
  /** STALE_AFTER_WORKING_DAYS: a source whose latest event is older is flagged stale. */
  staleAfterWorkingDays?: number;
  /**
   * Production (NODE_ENV=production): internals are not disclosed (the database server's
   * version in /api/health) and Strict-Transport-Security is sent. Database error text is never
   * passed on, in any mode.
   */
  production?: boolean;
  /** ALLOWED_HOSTS: the Host names answered (lower case, optionally with :port); omitted: any. */
  allowedHosts?: readonly string[] | undefined;
  /** Requests per client address and window on the costly endpoints; omitted: no limits. */
  rateLimits?: RateLimits | undefined;
  /** HTTP_REQUEST_TIMEOUT_MS and HTTP_CONNECTION_TIMEOUT_MS (a listening server only). */
  requestTimeoutMs?: number;
  /** The alert jobs (decision 14): imports, ingestion and recalculations tell them of changes. */
  alerts?: AlertSignals;
  /** Whether e-mail can be sent (SMTP_URL or NOTIFY_API_KEY), for the subscription form. */
  mail?: boolean;
  connectionTimeoutMs?: number;
  /**
   * Build the derivation rules and calendars, and compute one scorecard, before listening, so
   * the first request does not pay for them (standards/warm-up.ts). The server turns it on;
   * tests leave it off.
   */
  warmUp?: boolean;
}

export interface AuthOptions {
  sessions?: SessionTimeouts;
  throttle?: ThrottleLimits;
  /** One-click demo users (DEMO_DATA on, no identity provider). */
  demo?: boolean;
  /** The identity provider, when OIDC_ISSUER is set. */
  oidc?: OidcSettings | null;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 3_600_000,
};

export interface RateLimits {
  windowMs: number;
  /** Comment search and phrase discovery. 0: no limit (likewise below). */
  search: number;
  /** CSV imports. */
  imports: number;
  /** Ingestion batches. */
  ingest: number;
  /** Sign-in attempts (password, demo, the start of an identity provider sign-in). */
  signIn?: number;
}

type CostlyGroup = 'search' | 'imports' | 'ingest' | 'signIn';

/** The endpoints whose every request costs real work; everything else is not limited. */
function costlyGroup(method: string, url: string | undefined): CostlyGroup | null {
  if (!url) return null;
  if (
    (method === 'GET' || method === 'HEAD') &&
    /^\/api\/feedback\/(comments|phrases)$/.test(url)
  ) {
    return 'search';
  }
  if (method === 'POST' && url.startsWith('/api/imports/')) return 'imports';
  if (method === 'POST' && url.startsWith('/api/ingest/')) return 'ingest';
  if (
    (method === 'POST' && (url === '/api/session' || url === '/api/session/demo')) ||
    (method === 'GET' && url === '/api/auth/oidc/login')
  ) {
    return 'signIn';
  }
  return null;
}

const COSTLY_WHAT: Record<CostlyGroup, string> = {
  search: 'comment searches',
  imports: 'imports',
  ingest: 'ingestion batches',
  signIn: 'sign-in attempts',
};

/**
 * The Content-Security-Policy of every answer, the SPA's and the API documentation's included:
 * scripts and styles only from files of this origin (no inline script, no inline <style>, no
 * style="" attributes in markup; React and Recharts set styles through the DOM, which the policy
 * allows), images from this origin or data: URLs (GOV.UK Frontend's and Swagger UI's icons),
 * never framed, no plugins, no <base>, forms posted only here.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

/** style-src of the API documentation pages (/api/docs) only. */
export const DOCS_STYLE_SRC = "style-src 'self' 'unsafe-inline'";

/** `example.gov.uk:8080` -> `example.gov.uk`; `[::1]:3000` -> `[::1]`. */
function withoutPort(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** Builds the plugin tree. Tests call `app.inject()` on it; server.ts is the one that listens. */
export async function buildApp(options: AppOptions) {
  const production = options.production ?? false;
  const app = Fastify({
    logger: options.logger ?? false,
    // Query strings arrive as flat strings; zod schemas coerce what they need.
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // A sender that trickles its request (an upload included) is cut off at requestTimeout; a
    // connection silent for connectionTimeout is closed. 0 leaves Node's defaults.
    ...(options.requestTimeoutMs ? { requestTimeout: options.requestTimeoutMs } : {}),
    ...(options.connectionTimeoutMs ? { connectionTimeout: options.connectionTimeoutMs } : {}),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('dbMode', options.dbMode);
  app.decorate('alerts', options.alerts ?? NO_ALERT_SIGNALS);

  await app.register(errorsPlugin);
  // Security headers on every answer (API, SPA, documentation, errors): the CSP above,
  // nosniff, no referrer, no framing; Fastify sends no X-Powered-By.
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Only meaningful behind HTTPS, and sticky in browsers: production only.
    strictTransportSecurity: production ? { maxAge: 31_536_000 } : false,
  });

  const allowedHosts = options.allowedHosts?.length ? new Set(options.allowedHosts) : null;
  if (allowedHosts) {
    // A request naming another host (DNS rebinding, a misrouted proxy) is refused before any
    // route runs. Entries match the Host header as sent, or its name without the port.
    app.addHook('onRequest', async (request) => {
      const host = (request.headers.host ?? '').toLowerCase();
      if (!allowedHosts.has(host) && !allowedHosts.has(withoutPort(host))) {
        throw new HttpError(421, 'This server does not answer for the host name in the request.');
      }
    });
  }

  // Per client address, on the costly endpoints only (each group has its own count).
  const limits = options.rateLimits;
  if (limits) {
    await app.register(fastifyRateLimit, { global: false, timeWindow: limits.windowMs });
    const limiters = new Map<CostlyGroup, ReturnType<typeof app.createRateLimit>>();
    for (const group of ['search', 'imports', 'ingest', 'signIn'] as const) {
      if ((limits[group] ?? 0) > 0) {
        limiters.set(
          group,
          app.createRateLimit({ max: limits[group] ?? 0, timeWindow: limits.windowMs }),
        );
      }
    }
    const perWindow =
      limits.windowMs % 60_000 === 0
        ? `${limits.windowMs / 60_000 === 1 ? 'a minute' : `${limits.windowMs / 60_000} minutes`}`
        : `${Math.round(limits.windowMs / 1000)} seconds`;
    // Before the routes' own hooks (the ingestion token check among them).
    app.addHook('onRequest', async (request, reply) => {
      const group = costlyGroup(request.method, request.routeOptions.url);
      const limiter = group && limiters.get(group);
      if (!group || !limiter) return;
      const limit = await limiter(request);
      if (limit.isAllowed) return;
      reply.header('x-ratelimit-limit', String(limit.max));
      reply.header('x-ratelimit-remaining', String(limit.remaining));
      if (limit.isExceeded) {
        throw new HttpError(
          429,
          `Too many ${COSTLY_WHAT[group]} from your address: at most ${limit.max} in ${perWindow}. Try again in ${limit.ttlInSeconds} seconds.`,
          undefined,
          { 'retry-after': String(limit.ttlInSeconds) },
        );
      }
    });
  }

  // Who may call each route, sign-in sessions and CSRF checks: before any route is registered.
  const auth = options.auth ?? {};
  const sessions = auth.sessions ?? DEFAULT_SESSION_TIMEOUTS;
  await app.register(accessPlugin, { sessions });

  // gzip or brotli for the app's files and the larger JSON answers, when the client accepts it.
  await app.register(fastifyCompress, { global: true, threshold: 1024 });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'IPO service standards API',
        description:
          'Figures behind the Intellectual Property Office customer service standards dashboard.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI adds a <style> element of its own at run time; the documentation pages alone
    // allow inline styles (never inline scripts). The SPA keeps the strict policy.
    transformStaticCSP: (header) => header.replace("style-src 'self'", DOCS_STYLE_SRC),
  });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { production });
      await api.register(standardsRoutes);
      await api.register(importRoutes);
      await api.register(ingestRoutes);
      await api.register(freshnessRoutes, {
        staleAfterWorkingDays: options.staleAfterWorkingDays ?? 2,
      });
      await api.register(scorecardRoutes);
      await api.register(reportRoutes);
      await api.register(feedbackRoutes);
      await api.register(annotationRoutes);
      await api.register(publicationRoutes);
      await api.register(adminRoutes);
      await api.register(alertRoutes, { email: options.mail ?? false });
      await api.register(auditRoutes);
      await api.register(tokenRoutes);
      await api.register(userRoutes, { oidc: !!auth.oidc, demo: !!auth.demo });
      await api.register(sessionRoutes, {
        sessions,
        throttle: auth.throttle ?? DEFAULT_THROTTLE,
        demo: auth.demo ?? false,
        oidcLabel: auth.oidc?.label ?? null,
      });
      if (auth.oidc) await api.register(oidcRoutes, { sessions, oidc: auth.oidc });
    },
    { prefix: '/api' },
  );

  // The public transparency pages (/performance, its CSV and ODS): server-rendered, before the
  // single-page app's files and fallback, so these paths are never answered with the app.
  await app.register(performanceRoutes);

  const webDist = options.webDist;
  const serveSpa = Boolean(webDist && existsSync(path.join(webDist, 'index.html')));
  if (serveSpa) {
    await app.register(fastifyStatic, {
      root: webDist as string,
      // Files are looked up per request, so a rebuilt app is served without a restart.
      wildcard: true,
      // index.html is served by the fallback below, with its preload hints.
      index: false,
      cacheControl: false,
      setHeaders(res, filePath) {
        // Vite names built assets by content hash: they never change, so cache them for good;
        // index.html must always be fetched afresh to pick up new asset names.
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  // The app's pages are all index.html (with its preload hints); `/` is asked for by name since
  // the static files plugin would refuse to list the directory.
  const serveIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const signedIn = (request.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`);
    const html = await renderIndexHtml(webDist as string, { url: request.url, signedIn });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  };
  if (serveSpa) app.get('/', { config: { access: 'public' } }, serveIndex);
  // Client-side routes (/standards/csc-calls, ...) get the SPA; unknown /api paths and missing
  // built assets are 404s (an asset answered with index.html would fail in confusing ways).
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (
      serveSpa &&
      request.method === 'GET' &&
      !url.startsWith('/api/') &&
      !url.startsWith('/assets/')
    ) {
      return serveIndex(request, reply);
    }
    return reply.status(404).send({
      statusCode: 404,
      error: 'Not Found',
      message: `No route for ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    } satisfies ErrorResponse);
  });

  if (options.warmUp) {
    app.addHook('onReady', async () => {
      try {
        await warmUp(options.db, sessions);
      } catch (error) {
        // Only a head start: the first request does the same work if this could not.
        app.log.warn({ err: error }, 'warm-up at start failed');
      }
    });
  }

  return app;
}
