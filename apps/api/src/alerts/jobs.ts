/**
 * The alert jobs on a PostgreSQL-backed queue (pg-boss 10; decision 14). Any number of API
 * processes may run them against one database: each job is fetched by one worker (SELECT ... FOR
 * UPDATE SKIP LOCKED inside pg-boss), evaluations coalesce (one waiting, one running), and every
 * e-mail is claimed by a single status change before it is sent (deliver.ts).
 *
 * - alerts.evaluate: every rule now; scheduled hourly and sent after every import, ingestion
 *   batch and recalculation (AlertSignals.dataChanged).
 * - alerts.deliver: one e-mail, retried with exponential back-off.
 * - alerts.digest.daily / alerts.digest.weekly: gather digest subscribers' notices (07:00 London,
 *   Mondays for the weekly one).
 * - reports.monthly: from the REPORT_PACK_WORKING_DAY-th working day after a month ends, the
 *   month's report pack to its subscribers (checked every morning; sent once per person).
 */
import { londonDate } from '@ipo/domain';
import PgBoss from 'pg-boss';
import type { Database } from '../db/prisma.js';
import {
  type DeliverDeps,
  deliver,
  dueMonthlyReports,
  pendingDeliveryIds,
  prepareDigests,
} from './deliver.js';
import { type EvaluationResult, evaluateAlerts } from './evaluate.js';
import { JOB_SCHEMA, QUEUE_DEFINITIONS, QUEUES } from './queue-setup.js';
import type { AlertSignals } from './signals.js';

export interface AlertJobSettings {
  /** The application role's connection string: pg-boss keeps a small pool of its own. */
  connectionString: string;
  staleAfterWorkingDays: number;
  /** Whether e-mail can be sent at all (SMTP_URL or NOTIFY_API_KEY). */
  mail: boolean;
  deliver: DeliverDeps;
  /** REPORT_PACK_WORKING_DAY. */
  reportWorkingDay: number;
  /** Register the cron schedules (the server); tests drive the jobs themselves. */
  schedule: boolean;
  /** Seconds before the first retry (then doubling); default each queue's own. */
  retryDelaySeconds?: number;
  /** How often an idle worker looks for jobs; default 2 s. */
  pollingIntervalSeconds?: number;
  log: (level: 'info' | 'warn' | 'error', details: object, message: string) => void;
  now?: () => Date;
}

export const SCHEDULES = {
  [QUEUES.evaluate]: '7 * * * *',
  [QUEUES.digestDaily]: '0 7 * * *',
  [QUEUES.digestWeekly]: '0 7 * * 1',
  [QUEUES.monthlyReport]: '30 6 * * *',
} as const;

export class AlertJobs implements AlertSignals {
  private constructor(
    private readonly boss: PgBoss,
    private readonly db: Pick<Database, 'pool' | 'prisma'>,
    private readonly settings: AlertJobSettings,
  ) {}

  /** Starts pg-boss (its schema must exist: prepareJobQueue) and this process's workers. */
  static async start(
    db: Pick<Database, 'pool' | 'prisma'>,
    settings: AlertJobSettings,
  ): Promise<AlertJobs> {
    const boss = new PgBoss({
      connectionString: settings.connectionString,
      schema: JOB_SCHEMA,
      // The owner made the schema and the queues; this role may not create anything.
      migrate: false,
      schedule: settings.schedule,
      supervise: true,
      max: 4,
      application_name: 'ipo-alerts',
    });
    boss.on('error', (error) => settings.log('warn', { err: error }, 'job queue error'));
    await boss.start();
    const jobs = new AlertJobs(boss, db, settings);
    await jobs.startWorkers();
    return jobs;
  }

  private get now() {
    return this.settings.now?.() ?? new Date();
  }

  private options(queue: string): PgBoss.SendOptions {
    const definition = QUEUE_DEFINITIONS[queue];
    return {
      retryLimit: definition?.retryLimit ?? 3,
      retryDelay: this.settings.retryDelaySeconds ?? definition?.retryDelay ?? 30,
      retryBackoff: true,
    };
  }

  private async startWorkers() {
    const polling = { pollingIntervalSeconds: this.settings.pollingIntervalSeconds ?? 2 };
    await this.boss.work(QUEUES.evaluate, polling, async () => {
      await this.evaluateNow();
    });
    await this.boss.work<{ deliveryId: number }>(QUEUES.deliver, polling, async ([job]) => {
      if (!job) return;
      const outcome = await deliver(this.db, job.data.deliveryId, this.settings.deliver);
      if (outcome === 'failed') {
        this.settings.log(
          'warn',
          { deliveryId: job.data.deliveryId },
          'an e-mail could not be sent',
        );
      }
    });
    await this.boss.work(QUEUES.digestDaily, polling, async () => {
      await this.digestsNow('daily');
    });
    await this.boss.work(QUEUES.digestWeekly, polling, async () => {
      await this.digestsNow('weekly');
    });
    await this.boss.work(QUEUES.monthlyReport, polling, async () => {
      await this.monthlyReportsNow();
    });
    if (this.settings.schedule) {
      for (const [queue, cron] of Object.entries(SCHEDULES)) {
        await this.boss.schedule(queue, cron, {}, { ...this.options(queue), tz: 'Europe/London' });
      }
    }
  }

  dataChanged(reason: string): void {
    this.requestEvaluation(reason).catch((error: unknown) =>
      this.settings.log('warn', { err: error, reason }, 'could not queue an alert evaluation'),
    );
  }

  /** Queues an evaluation; null when one is already waiting (it will see this change too). */
  requestEvaluation(reason: string): Promise<string | null> {
    return this.boss.send(
      QUEUES.evaluate,
      { reason },
      {
        ...this.options(QUEUES.evaluate),
        singletonKey: 'all',
      },
    );
  }

  /** Evaluates now in this process and queues the e-mails (the evaluate job, and the CLI). */
  async evaluateNow(): Promise<EvaluationResult> {
    const result = await evaluateAlerts(this.db, {
      now: this.now,
      staleAfterWorkingDays: this.settings.staleAfterWorkingDays,
      mail: this.settings.mail,
    });
    await this.queueDeliveries(result.deliveryIds);
    // E-mails whose job was lost (a process that stopped between commit and queueing).
    await this.queueDeliveries(await pendingDeliveryIds(this.db));
    if (result.opened || result.cleared) {
      this.settings.log('info', { ...result, deliveryIds: undefined }, 'alerts evaluated');
    }
    return result;
  }

  async digestsNow(frequency: 'daily' | 'weekly'): Promise<number[]> {
    const ids = await prepareDigests(this.db, frequency, londonDate(this.now));
    await this.queueDeliveries(ids);
    return ids;
  }

  /** The month's report pack, from its report day on. Returns the deliveries queued. */
  async monthlyReportsNow(): Promise<number[]> {
    const ids = await dueMonthlyReports(
      this.db,
      londonDate(this.now),
      this.settings.reportWorkingDay,
    );
    await this.queueDeliveries(ids);
    return ids;
  }

  async queueDeliveries(ids: readonly number[]): Promise<void> {
    for (const deliveryId of ids) {
      await this.boss.send(
        QUEUES.deliver,
        { deliveryId },
        {
          ...this.options(QUEUES.deliver),
          singletonKey: `delivery:${deliveryId}`,
        },
      );
    }
  }

  /** Jobs waiting or running, for tests and the CLI to wait on. */
  async busy(): Promise<number> {
    let n = 0;
    for (const queue of Object.values(QUEUES)) {
      n += await this.boss.getQueueSize(queue, { before: 'completed' });
    }
    return n;
  }

  /** Stops fetching, lets running jobs finish (up to `timeoutMs`), closes pg-boss's pool. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
