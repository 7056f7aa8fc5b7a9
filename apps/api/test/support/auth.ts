import { randomBytes } from 'node:crypto';
import type { Role } from '@ipo/domain/access';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DEFAULT_SESSION_TIMEOUTS } from '../../src/app.js';
import { SESSION_COOKIE } from '../../src/auth/access-plugin.js';
import { createSession } from '../../src/auth/sessions.js';
import { createUser, type SessionUser } from '../../src/auth/users.js';
import type { PrismaClient } from '../../src/db/prisma.js';

/** Everything but sign-in itself: what most API tests act as. */
export const ALL_ROLES: Role[] = ['manager', 'data-steward', 'admin'];

export interface SignedIn {
  user: SessionUser;
  /** The session cookie, its CSRF token, and Sec-Fetch-Site as a browser on this origin sends. */
  headers: Record<string, string>;
}

/**
 * A real user and a real session in the test database (the same rows sign-in makes), for tests
 * of everything behind sign-in. Sign-in itself is tested through its routes (auth.test.ts).
 */
export async function signInAs(
  db: { prisma: PrismaClient },
  roles: Role[],
  options: { teams?: string[]; email?: string } = {},
): Promise<SignedIn> {
  const email =
    options.email ?? `${roles.join('-')}-${randomBytes(4).toString('hex')}@test.example`;
  const user = await createUser(db.prisma, {
    email,
    name: `Test ${roles.join(' and ')}`,
    roles,
    teams: options.teams ?? [],
  });
  const session = await createSession(
    db.prisma,
    DEFAULT_SESSION_TIMEOUTS,
    user.id,
    'password',
    null,
  );
  return {
    user,
    headers: {
      cookie: `${SESSION_COOKIE}=${session.token}`,
      'x-csrf-token': session.csrfToken,
      'sec-fetch-site': 'same-origin',
    },
  };
}

/**
 * Makes every `app.inject({...})` of this test file carry `headers` (a request's own headers win),
 * so tests about figures read as a signed-in user without repeating it on every call.
 */
export function actAs(app: FastifyInstance, headers: Record<string, string>): void {
  const inject = app.inject.bind(app) as (
    options: InjectOptions,
  ) => ReturnType<FastifyInstance['inject']>;
  (app as { inject: unknown }).inject = (options: InjectOptions | string) => {
    const opts = typeof options === 'string' ? { url: options } : options;
    return inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } });
  };
}
