import { ROLES } from '@ipo/domain/access';
import { DEFAULT_SESSION_TIMEOUTS } from '../app.js';
import { SESSION_COOKIE } from '../auth/access-plugin.js';
import { createSession } from '../auth/sessions.js';
import type { PrismaClient } from '../db/prisma.js';

/**
 * A signed-in session for a benchmark's requests: a benchmark user holding every role (made once)
 * and a fresh session, as the session cookie and CSRF headers a browser would send.
 */
export async function benchSessionHeaders(prisma: PrismaClient): Promise<Record<string, string>> {
  const email = 'benchmark@bench.example';
  const user = await prisma.user.upsert({
    where: { email },
    create: { email, name: 'Benchmark', roles: ROLES.filter((r) => r !== 'team-lead') },
    update: { disabledAt: null },
    select: { id: true },
  });
  // Long enough for the longest benchmark run.
  const timeouts = { ...DEFAULT_SESSION_TIMEOUTS, absoluteMs: 24 * 3_600_000 };
  const session = await createSession(prisma, timeouts, user.id, 'password', null);
  return {
    cookie: `${SESSION_COOKIE}=${session.token}`,
    'x-csrf-token': session.csrfToken,
    'sec-fetch-site': 'same-origin',
  };
}
