import { parseArgs } from 'node:util';
import { ALERT_RULE_CODES } from '@ipo/contracts';
import { type DeliveryOutcome, deliver, pendingDeliveryIds } from '../alerts/deliver.js';
import { evaluateAlerts } from '../alerts/evaluate.js';
import { canSendMail, createMailer, type MailSettings } from '../alerts/mailer.js';
import type { AlertDetails } from '../alerts/rules.js';
import { saveSubscription } from '../alerts/subscriptions.js';
import { normaliseEmail, toSessionUser, USER_SELECT } from '../auth/users.js';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { Database } from '../db/prisma.js';
import { buildMonthlyReport } from '../reports/monthly-report.js';
import { openDatabase } from './database.js';

const usage = `Usage:
  pnpm run alerts run                     evaluate every rule now and send the e-mails due
  pnpm run alerts list                    the open alerts
  pnpm run alerts subscribe --email E     subscribe a user to every rule and standard, by e-mail,
                                          immediately (and in the dashboard)

Alerts say when a standard missed its target in the month just closed, when the forecast says it
will miss this month, when a data source stops, when satisfaction is clearly below target and
when a theme's share of comments rises sharply. The running server evaluates them after every
import and hourly; this command does it now. E-mail needs SMTP_URL (or NOTIFY_API_KEY with its
templates); without it notifications appear in the dashboard only.`;

const ACTOR = 'command line (pnpm run alerts)';

export function mailSettingsOf(config: Config): MailSettings {
  return {
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    notify: config.NOTIFY_API_KEY
      ? {
          apiKey: config.NOTIFY_API_KEY,
          baseUrl: config.NOTIFY_BASE_URL,
          templates: {
            alert: config.NOTIFY_TEMPLATE_ALERT,
            digest: config.NOTIFY_TEMPLATE_DIGEST,
            report: config.NOTIFY_TEMPLATE_REPORT,
          },
        }
      : undefined,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `alerts run`: evaluate, then send in this process every e-mail nobody is sending. */
export async function runAlerts(
  db: Pick<Database, 'pool' | 'prisma'>,
  config: Config,
  now = new Date(),
): Promise<string> {
  const settings = mailSettingsOf(config);
  const mail = canSendMail(settings);
  const result = await evaluateAlerts(db, {
    now,
    staleAfterWorkingDays: config.STALE_AFTER_WORKING_DAYS,
    mail,
  });
  const lines = [
    `Opened ${plural(result.opened, 'alert')}, cleared ${result.cleared}, ended ${result.ended}; ${result.open} open now.`,
    `${plural(result.notifications, 'new notification')}.`,
  ];
  if (!mail) {
    lines.push(
      'E-mail is not set up (SMTP_URL, or NOTIFY_API_KEY with its templates): notifications are in the dashboard only.',
    );
    return lines.join('\n');
  }
  const mailer = createMailer(settings);
  const outcomes: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, failed: 0, retry: 0 };
  const errors: string[] = [];
  try {
    const ids = [...new Set([...result.deliveryIds, ...(await pendingDeliveryIds(db))])];
    for (const id of ids) {
      try {
        outcomes[
          await deliver(db, id, {
            mailer,
            publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
            buildReport: (period) => buildMonthlyReport({ db }, period),
          })
        ]++;
      } catch (error) {
        outcomes.retry++;
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
  } finally {
    mailer.close();
  }
  lines.push(
    `Sent ${plural(outcomes.sent, 'e-mail')}${outcomes.failed ? `, ${outcomes.failed} failed for good` : ''}${
      outcomes.retry ? `, ${outcomes.retry} to try again (the server retries them)` : ''
    }.`,
    ...errors.map((e) => `  ${e}`),
  );
  return lines.join('\n');
}

export async function listAlerts(db: Pick<Database, 'prisma'>): Promise<string> {
  const alerts = await db.prisma.alert.findMany({
    where: { clearedAt: null, endedAt: null },
    orderBy: [{ rule: 'asc' }, { subject: 'asc' }],
  });
  if (!alerts.length) return 'No open alerts.';
  return alerts
    .map((a) => {
      const d = a.details as AlertDetails;
      return `${a.rule}\t${a.period}\t${a.subject}\t${a.sentence}\t${d.path}`;
    })
    .join('\n');
}

export async function subscribeByEmail(
  db: Pick<Database, 'prisma'>,
  written: string,
): Promise<string> {
  const email = normaliseEmail(written);
  const row = await db.prisma.user.findUnique({ where: { email }, select: USER_SELECT });
  if (!row) throw new Error(`There is no user ${email}: add them first (pnpm run user).`);
  if (row.disabledAt) throw new Error(`${email} is disabled.`);
  const user = toSessionUser(row);
  const manager = user.roles.includes('manager');
  await saveSubscription(
    db.prisma,
    user,
    {
      rules: [...ALERT_RULE_CODES],
      allStandards: true,
      standardCodes: [],
      // A manager hears about every team; anyone else about their own teams.
      allTeams: manager,
      teamIds: manager ? [] : user.teamIds,
      frequency: 'immediate',
      email: true,
      inApp: true,
      monthlyReport: false,
    },
    ACTOR,
  );
  return `Subscribed ${email} to every rule and standard${manager ? ' and team' : user.teamIds.length ? ' and their teams' : ''}, by e-mail, immediately.`;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help || rest.length) {
    process.stdout.write(`${usage}\n`);
    if (!command || rest.length) process.exitCode = 1;
    return;
  }
  if (!['run', 'list', 'subscribe'].includes(command)) {
    throw new Error(`Unknown command ${JSON.stringify(command)}.\n\n${usage}`);
  }
  if (command === 'subscribe' && !values.email) {
    throw new Error(`subscribe needs --email.\n\n${usage}`);
  }
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const out =
      command === 'run'
        ? await runAlerts(db, config)
        : command === 'list'
          ? await listAlerts(db)
          : await subscribeByEmail(db, values.email as string);
    process.stdout.write(`${out}\n`);
  } finally {
    await db.close();
  }
}

// Run as a command, not when a test imports the functions above.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
