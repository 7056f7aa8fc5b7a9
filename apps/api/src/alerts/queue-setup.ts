/**
 * The job queue's tables (pg-boss, schema `pgboss`), made by the role that owns the database at
 * start-up, after the migrations, like everything else that changes the schema (decision 10):
 * pg-boss creates its schema, and a table per queue, so every queue is created here too. The
 * application role then gets rows and functions in that schema, never the right to create
 * anything, and starts pg-boss with `migrate: false` (decision 14).
 */

import pg from 'pg';
import PgBoss from 'pg-boss';
import { ROLE_SETUP_LOCK } from '../db/locks.js';
import { withTransaction } from '../db/transaction.js';
import { DELIVERY_ATTEMPTS } from './deliver.js';

export const JOB_SCHEMA = 'pgboss';

export const QUEUES = {
  evaluate: 'alerts.evaluate',
  deliver: 'alerts.deliver',
  digestDaily: 'alerts.digest.daily',
  digestWeekly: 'alerts.digest.weekly',
  monthlyReport: 'reports.monthly',
} as const;

/** pg-boss's own queue for cron schedules (timekeeper.js), created here for the same reason. */
const SCHEDULE_QUEUE = '__pgboss__send-it';

/**
 * Each queue's policy: `stately` keeps at most one job waiting and one running, so triggers that
 * arrive together (an import, then a recalculation) coalesce into one evaluation; `short` keeps
 * one waiting job per singleton key (one per delivery). Retries back off exponentially.
 */
export const QUEUE_DEFINITIONS: Record<string, PgBoss.Queue> = {
  [QUEUES.evaluate]: {
    name: QUEUES.evaluate,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 15 * 60,
  },
  [QUEUES.deliver]: {
    name: QUEUES.deliver,
    policy: 'short',
    retryLimit: DELIVERY_ATTEMPTS - 1,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 5 * 60,
  },
  [QUEUES.digestDaily]: {
    name: QUEUES.digestDaily,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
  },
  [QUEUES.digestWeekly]: {
    name: QUEUES.digestWeekly,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
  },
  [QUEUES.monthlyReport]: {
    name: QUEUES.monthlyReport,
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 60,
    retryBackoff: true,
  },
};

/**
 * Creates or brings up to date pg-boss's schema and the queues, as the owner, then grants the
 * application role (null: one role does everything) what pg-boss needs at run time. Running it
 * again changes nothing.
 */
export async function prepareJobQueue(ownerUrl: string, appRole: string | null): Promise<void> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    max: 2,
    application_name: 'ipo-job-queue-setup',
  });
  let failure: unknown = null;
  boss.on('error', (error) => {
    failure ??= error;
  });
  await boss.start();
  try {
    for (const [name, options] of [
      ...Object.entries(QUEUE_DEFINITIONS),
      [SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE }] as const,
    ]) {
      // create_queue does nothing for a queue that exists; its settings are brought up to date.
      await boss.createQueue(name, options);
      await boss.updateQueue(name, options);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (failure) throw failure;
  if (appRole) await grantJobQueue(ownerUrl, appRole);
}

async function grantJobQueue(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const app = client.escapeIdentifier(appRole);
    const s = client.escapeIdentifier(JOB_SCHEMA);
    await withTransaction(
      client,
      async (c) => {
        for (const sql of [
          `REVOKE ALL ON SCHEMA ${s} FROM ${app}`,
          `GRANT USAGE ON SCHEMA ${s} TO ${app}`,
          `REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${app}`,
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${app}`,
          `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${app}`,
        ]) {
          await c.query(sql);
        }
      },
      { lock: ROLE_SETUP_LOCK },
    );
  } finally {
    await client.end();
  }
}
