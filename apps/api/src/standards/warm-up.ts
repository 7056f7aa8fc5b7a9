/**
 * Work done once when the server starts, so that the first viewer does not pay for it
 * (decision 12):
 * - the derivation rules: bank holidays from date-holidays for every year the calendars cover
 *   (2000-2069, three divisions: seconds of work the first time) and the closure days, made into
 *   the division calendars the backlog ages open items with;
 * - the Prisma client's first session lookup (what every signed-in request starts with);
 * - one scorecard of the latest complete month computed and checked against its response schema,
 *   which compiles the code and the schema's checks and reads the rollups into PostgreSQL's cache.
 * No answer is cached: the first request still computes its own figures, from the same data.
 */
import { ScorecardResponseSchema } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import { readSession, type SessionTimeouts } from '../auth/sessions.js';
import type { Database } from '../db/prisma.js';
import { withSnapshot } from '../db/snapshot.js';
import { currentRules } from '../derive/rules.js';
import { buildScorecard } from './scorecard.js';

export async function warmUp(db: Database, sessions: SessionTimeouts): Promise<void> {
  await currentRules(db.pool);
  // No session has this token: a read that finds nothing and changes nothing.
  await readSession(db.prisma, sessions, 'warm-up');
  const now = new Date();
  const card = await withSnapshot(db.pool, (client) =>
    buildScorecard(client, { period: null, now, today: londonDate(now) }),
  );
  JSON.stringify(ScorecardResponseSchema.parse(card));
}
