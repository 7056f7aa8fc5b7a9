/**
 * Sending alerts (decision 14) to a real SMTP server on loopback (smtp-server, messages parsed by
 * mailparser): `alerts run` with demo data e-mails a subscribed manager about each missed and
 * at-risk standard, and nothing on a second run; a cleared alert sends its notice; a daily digest
 * holds several alerts in one e-mail; failed sends are retried, then shown to administrators; two
 * job-queue workers (pg-boss, as the application role) on one database send each e-mail once.
 * The GOV.UK Notify adapter runs against a local HTTP server that follows Notify's documented API
 * (the real service is out of reach from here).
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { AdminDeliveriesResponseSchema } from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import {
  DELIVERY_ATTEMPTS,
  deliver,
  dueMonthlyReports,
  prepareDigests,
  reportDayOf,
} from '../src/alerts/deliver.js';
import { evaluateAlerts } from '../src/alerts/evaluate.js';
import { AlertJobs } from '../src/alerts/jobs.js';
import { createMailer } from '../src/alerts/mailer.js';
import { alertMail, reportMail } from '../src/alerts/messages.js';
import { prepareJobQueue } from '../src/alerts/queue-setup.js';
import { saveSubscription } from '../src/alerts/subscriptions.js';
import { buildApp } from '../src/app.js';
import { createUser, type SessionUser } from '../src/auth/users.js';
import { runAlerts, subscribeByEmail } from '../src/cli/alerts.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/prisma.js';
import { withSnapshot } from '../src/db/snapshot.js';
import { buildMonthlyReport } from '../src/reports/monthly-report.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { buildScorecard } from '../src/standards/scorecard.js';
import { signInAs } from './support/auth.js';
import { createAppRole, createTestDatabase, type TestDatabase } from './support/database.js';
import { type MailServer, startMailServer } from './support/mail-server.js';
import { freePort } from './support/ports.js';

const NOW = new Date('2025-12-15T12:00:00Z');
const PUBLIC_URL = 'https://standards.example.gov.uk';
const DAY = 86_400_000;

let db: TestDatabase;
let mail: MailServer;
let manager: SessionUser;
let config: ReturnType<typeof loadConfig>;

const share = (x: number) => `${(x * 100).toFixed(1)}%`;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { seed: 42, scale: 0.05, from: '2025-08-01', now: NOW });
  mail = await startMailServer();
  config = loadConfig({
    SMTP_URL: mail.url,
    PUBLIC_URL,
    MAIL_FROM: 'IPO service standards <alerts@standards.example.gov.uk>',
  });
  manager = await createUser(db.prisma, {
    email: 'manager@ipo.example',
    name: 'A Manager',
    roles: ['manager'],
    teams: [],
  });
}, 180_000);
afterAll(async () => {
  await mail?.close();
  await db?.drop();
});

describe('alerts run, by e-mail', () => {
  test('the subscribed manager gets one e-mail per missed and at-risk standard', async () => {
    expect(await subscribeByEmail(db, 'Manager@IPO.example')).toContain(
      'Subscribed manager@ipo.example',
    );
    const out = await runAlerts(db, config, NOW);
    const open = await db.prisma.alert.findMany({ where: { clearedAt: null, endedAt: null } });
    expect(out).toContain(`Sent ${open.length} e-mail`);
    await mail.waitFor(open.length);
    expect(mail.messages).toHaveLength(open.length);
    expect(mail.messages.every((m) => m.to.join() === 'manager@ipo.example')).toBe(true);

    const today = londonDate(NOW);
    const scorecard = await withSnapshot(db.pool, (c) =>
      buildScorecard(c, { period: null, now: NOW, today }),
    );
    const missed = scorecard.standards.filter((e) => e.status === 'missed');
    const missedMail = mail.messages.filter((m) => m.subject.startsWith('Missed target: '));
    expect(missedMail.map((m) => m.subject).sort()).toEqual(
      missed.map((e) => `Missed target: ${e.title} (${scorecard.period.label})`).sort(),
    );
    const atRisk = open.filter((a) => a.rule === 'at_risk');
    expect(atRisk.length).toBeGreaterThan(0);
    const atRiskMail = mail.messages.filter((m) => m.subject.startsWith('Forecast to miss: '));
    expect(atRiskMail).toHaveLength(atRisk.length);

    // One message in full: the sentence, figure, target, n and the link, in text and HTML.
    const calls = missed.find((e) => e.code === 'csc-calls');
    expect(calls).toBeDefined();
    const m = missedMail.find((x) => x.subject.includes(calls?.title ?? '?'));
    const link = `${PUBLIC_URL}/standards/csc-calls?period=${scorecard.period.id}`;
    const figure = `${share(calls?.value ?? 0)} against ${Math.round((calls?.target?.value ?? 0) * 100)}% (n = ${calls?.n?.toLocaleString('en-GB')})`;
    expect(m?.text).toContain(
      `${calls?.title} missed its target in ${scorecard.period.label}: ${figure}.`,
    );
    expect(m?.text).toContain(link);
    expect(m?.html).toContain(`href="${link}"`);
    expect(m?.html).toContain(
      `${calls?.title} missed its target in ${scorecard.period.label}: ${figure}.`,
    );
    expect(m?.reference).toMatch(/^notification:\d+$/);

    // The in-app list says the same.
    const notices = await db.prisma.notification.findMany({ where: { userId: manager.id } });
    expect(notices.map((n) => n.sentence).sort()).toEqual(open.map((a) => a.sentence).sort());
  });

  test('a second run sends nothing', async () => {
    const before = mail.messages.length;
    const out = await runAlerts(db, config, NOW);
    expect(out).toContain('Opened 0 alerts');
    expect(out).toContain('Sent 0 e-mails');
    await sleep(200);
    expect(mail.messages).toHaveLength(before);
  });

  test('a cleared alert sends its notice', async () => {
    const before = mail.messages.length;
    const calls = await db.prisma.standard.findUniqueOrThrow({ where: { code: 'csc-calls' } });
    await db.prisma.targetVersion.updateMany({
      where: { standardId: calls.id },
      data: { target: 0.5 },
    });
    const out = await runAlerts(db, config, NOW);
    // The month just closed no longer misses, and the forecast of this month no longer does.
    const cleared = await db.prisma.alert.findMany({
      where: { standardCode: 'csc-calls', clearedAt: { not: null } },
    });
    expect(cleared.map((a) => a.rule).sort()).toEqual(['at_risk', 'missed']);
    expect(out).toContain(`cleared ${cleared.length}`);
    await mail.waitFor(before + cleared.length);
    expect(mail.messages).toHaveLength(before + cleared.length);
    const notice = mail.messages
      .slice(before)
      .find((m) => m.subject.startsWith('Cleared: missed target'));
    expect(notice?.subject).toBe(`Cleared: missed target: ${calls.title} (November 2025)`);
    expect(notice?.text).toContain(`${calls.title} no longer misses its target in November 2025`);
    expect(notice?.text).toContain('against 50%');
  });

  test('HTML is escaped; the text says the same words', () => {
    const m = alertMail(
      'a@b.example',
      'notification:1',
      {
        event: 'opened',
        rule: 'theme_rising',
        sentence: 'Comments about <script>alert(1)</script> & "fees" rose.',
        title: 'Fees & <b>charges</b>',
        periodLabel: 'November 2025',
        path: '/feedback?theme=a&b=<c>',
      },
      PUBLIC_URL,
    );
    expect(m.text).toContain('Comments about <script>alert(1)</script> & "fees" rose.');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain(
      'Comments about &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;fees&quot; rose.',
    );
    expect(m.html).toContain('See the figures for Fees &amp; &lt;b&gt;charges&lt;/b&gt;');
    expect(m.html).toContain(
      'href="https://standards.example.gov.uk/feedback?theme=a&amp;b=%3Cc%3E"',
    );
  });
});

describe('digests', () => {
  test('a daily subscriber gets one e-mail with every alert since the last', async () => {
    const daily = await createUser(db.prisma, {
      email: 'daily@ipo.example',
      name: 'Daily Reader',
      roles: ['manager'],
      teams: [],
    });
    await saveSubscription(
      db.prisma,
      { ...daily },
      {
        rules: ['stale_source'],
        allStandards: true,
        standardCodes: [],
        allTeams: true,
        teamIds: [],
        frequency: 'daily',
        email: true,
        inApp: true,
        monthlyReport: false,
      },
      'test',
    );
    // Two weeks without data: every source is stale.
    const later = new Date(NOW.getTime() + 14 * DAY);
    const already = new Set(
      (await db.prisma.alert.findMany({ select: { id: true } })).map((a) => a.id),
    );
    await evaluateAlerts(db, { now: later, staleAfterWorkingDays: 2, mail: true });
    // The alerts opened since the daily reader subscribed (sources already stale were news before).
    const stale = (
      await db.prisma.alert.findMany({
        where: { rule: 'stale_source', clearedAt: null, endedAt: null },
      })
    ).filter((a) => !already.has(a.id));
    expect(stale.length).toBeGreaterThan(1);
    const waiting = await db.prisma.notification.count({
      where: { userId: daily.id, deliveryId: null },
    });
    expect(waiting).toBe(stale.length);

    const ids = await prepareDigests(db, 'daily', londonDate(later));
    expect(ids).toHaveLength(1);
    expect(await prepareDigests(db, 'daily', londonDate(later))).toEqual([]);
    const before = mail.messages.length;
    const mailer = createMailer({ smtpUrl: mail.url, from: config.MAIL_FROM });
    expect(await deliver(db, ids[0] as number, { mailer, publicUrl: PUBLIC_URL })).toBe('sent');
    mailer.close();
    await mail.waitFor(before + 1);
    const digest = mail.messages.slice(before).filter((m) => m.to.includes('daily@ipo.example'));
    expect(digest).toHaveLength(1);
    expect(digest[0]?.subject).toBe(`Daily alerts summary: ${stale.length} new alerts`);
    for (const a of stale) expect(digest[0]?.text).toContain(a.sentence);
    expect(digest[0]?.html.match(/<li>/g)).toHaveLength(stale.length);
  });
});

describe('the monthly report pack', () => {
  test('goes to its subscribers on the third working day after the month ends, once', async () => {
    await saveSubscription(
      db.prisma,
      { ...manager },
      {
        rules: ['missed', 'at_risk', 'stale_source', 'satisfaction_below', 'theme_rising'],
        allStandards: true,
        standardCodes: [],
        allTeams: true,
        teamIds: [],
        frequency: 'immediate',
        email: true,
        inApp: true,
        monthlyReport: true,
      },
      'test',
    );
    // 1 December 2025 is a Monday and no holiday: the third working day is 3 December.
    const { month, day } = await reportDayOf(db, '2025-12-10', 3);
    expect(month.id).toBe('2025-11');
    expect(day).toBe('2025-12-03');
    expect(await dueMonthlyReports(db, '2025-12-02', 3)).toEqual([]);
    const ids = await dueMonthlyReports(db, '2025-12-03', 3);
    expect(ids).toHaveLength(1);
    expect(await dueMonthlyReports(db, '2025-12-04', 3)).toEqual([]);

    const before = mail.messages.length;
    const mailer = createMailer({ smtpUrl: mail.url, from: config.MAIL_FROM });
    const outcome = await deliver(db, ids[0] as number, {
      mailer,
      publicUrl: PUBLIC_URL,
      buildReport: (period) => buildMonthlyReport({ db, now: NOW }, period),
    });
    mailer.close();
    expect(outcome).toBe('sent');
    await mail.waitFor(before + 1);
    const pack = mail.messages[before];
    expect(pack?.subject).toBe('Monthly report pack: November 2025');
    expect(pack?.attachments).toHaveLength(1);
    expect(pack?.attachments[0]?.filename).toBe('ipo-service-standards-2025-11.pdf');
    expect(pack?.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('failed sends', () => {
  test('are retried, then failed, and administrators see them', async () => {
    mail.refuse.add('manager@ipo.example');
    onTestFinished(() => mail.refuse.clear());
    const later = new Date(NOW.getTime() + 14 * DAY);
    // The sources count as fresh again under a looser threshold: each stale alert clears.
    const result = await evaluateAlerts(db, { now: later, staleAfterWorkingDays: 60, mail: true });
    expect(result.cleared).toBeGreaterThan(0);
    const ids = result.deliveryIds;
    expect(ids.length).toBe(result.cleared);
    const mailer = createMailer({ smtpUrl: mail.url, from: config.MAIL_FROM });
    for (const id of ids) {
      for (let attempt = 1; attempt < DELIVERY_ATTEMPTS; attempt++) {
        await expect(deliver(db, id, { mailer, publicUrl: PUBLIC_URL })).rejects.toThrow(
          /550|Mailbox/,
        );
      }
      expect(await deliver(db, id, { mailer, publicUrl: PUBLIC_URL })).toBe('failed');
      expect(await deliver(db, id, { mailer, publicUrl: PUBLIC_URL })).toBe('skipped');
    }
    mailer.close();
    mail.refuse.clear();

    const app = await buildApp({ db, dbMode: 'external' });
    try {
      const admin = await signInAs(db, ['admin']);
      const res = await app.inject({
        method: 'GET',
        url: '/api/admin/alerts/deliveries?status=failed',
        headers: admin.headers,
      });
      const failed = AdminDeliveriesResponseSchema.parse(res.json()).deliveries;
      expect(failed.map((d) => d.id).sort()).toEqual([...ids].sort());
      expect(
        failed.every((d) => d.attempts === DELIVERY_ATTEMPTS && d.email === 'manager@ipo.example'),
      ).toBe(true);
      expect(failed[0]?.lastError).toMatch(/550/);
    } finally {
      await app.close();
    }
  });
});

describe('two workers on one database', () => {
  test('each e-mail is sent once', async () => {
    const role = await createAppRole(db);
    await prepareJobQueue(db.url, role.role.name);
    const appDb = [connect(role.url, 4), connect(role.url, 4)];
    const reader = await createUser(db.prisma, {
      email: 'twice@ipo.example',
      name: 'Never Twice',
      roles: ['manager'],
      teams: [],
    });
    await subscribeByEmail(db, reader.email);
    const mailers = [0, 1].map(() => createMailer({ smtpUrl: mail.url, from: config.MAIL_FROM }));
    const logged: string[] = [];
    // A month on: December is the closed month and January in progress, so new alerts open.
    const later = new Date(NOW.getTime() + 31 * DAY);
    const workers = await Promise.all(
      [0, 1].map((i) =>
        AlertJobs.start(appDb[i] as ReturnType<typeof connect>, {
          connectionString: role.url,
          staleAfterWorkingDays: 2,
          mail: true,
          deliver: { mailer: mailers[i] as ReturnType<typeof createMailer>, publicUrl: PUBLIC_URL },
          reportWorkingDay: 3,
          schedule: false,
          retryDelaySeconds: 1,
          pollingIntervalSeconds: 0.5,
          log: (_level, _details, message) => logged.push(message),
          now: () => later,
        }),
      ),
    );
    try {
      const before = mail.messages.length;
      // Both evaluate at once, both queue every e-mail, and both race to send each directly too.
      const [a, b] = await Promise.all(workers.map((w) => w.evaluateNow()));
      const ids = [...(a?.deliveryIds ?? []), ...(b?.deliveryIds ?? [])];
      expect(ids.length).toBeGreaterThan(1);
      expect(new Set(ids).size).toBe(ids.length);
      await Promise.all(workers.map((w) => w.queueDeliveries(ids)));
      // The first half is left to the queue's workers; both also race to send the rest directly.
      const raced = ids.slice(Math.ceil(ids.length / 2));
      await Promise.all(
        raced.flatMap((id) =>
          [0, 1].map((i) =>
            deliver(appDb[i] as ReturnType<typeof connect>, id, {
              mailer: mailers[i] as ReturnType<typeof createMailer>,
              publicUrl: PUBLIC_URL,
            }),
          ),
        ),
      );
      const allSent = async () =>
        (await db.prisma.alertDelivery.count({ where: { id: { in: ids }, status: 'sent' } })) ===
        ids.length;
      for (let i = 0; i < 600 && !(await allSent()); i++) await sleep(100);
      for (let i = 0; i < 600 && (await workers[0]?.busy()) !== 0; i++) await sleep(100);
      const rows0 = await db.prisma.alertDelivery.findMany({
        where: { id: { in: ids } },
        select: { key: true },
      });
      const references = new Set(rows0.map((r) => r.key));
      const sent = mail.messages.slice(before).filter((m) => references.has(m.reference));
      expect(sent).toHaveLength(ids.length);
      expect(new Set(sent.map((m) => m.reference)).size).toBe(ids.length);
      expect(sent.some((m) => m.to.includes('twice@ipo.example'))).toBe(true);
      const rows = await db.prisma.alertDelivery.findMany({ where: { id: { in: ids } } });
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(appDb.map((d) => d?.close()));
      for (const m of mailers) m.close();
      await role.drop();
    }
  }, 120_000);
});

describe('GOV.UK Notify', () => {
  // The real Notify API is out of reach here: this server follows its documented API (POST
  // /v2/notifications/email, a JWT signed with HS256 by the key's secret, iss the service id).
  test('the adapter sends through the official client, with the file for the report pack', async () => {
    const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
    const secret = '3d844edf-8d35-48ac-975b-e847b4f122b0';
    const apiKey = `ipo_test-${serviceId}-${secret}`;
    const received: { auth: { iss: string }; body: Record<string, unknown> }[] = [];
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const [h, p, sig] = token.split('.');
        const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
        const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString() || '{}');
        const fresh = Math.abs(claims.iat - Date.now() / 1000) < 30;
        if (req.method !== 'POST' || req.url !== '/v2/notifications/email') {
          res.writeHead(404).end();
          return;
        }
        if (sig !== expected || claims.iss !== serviceId || !fresh) {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              status_code: 403,
              errors: [{ error: 'AuthError', message: 'Invalid token: signature' }],
            }),
          );
          return;
        }
        const body = JSON.parse(raw);
        received.push({ auth: claims, body });
        if (body.template_id !== alertTemplate && body.template_id !== reportTemplate) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              status_code: 400,
              errors: [{ error: 'BadRequestError', message: 'Template not found' }],
            }),
          );
          return;
        }
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: '740e5834-3a29-46b4-9a6f-16142fde533a',
            reference: body.reference,
            content: {
              subject: body.personalisation.subject,
              body: body.personalisation.body,
              from_email: 'x@notify',
            },
            uri: 'http://127.0.0.1/v2/notifications/740e5834',
            template: { id: body.template_id, version: 1, uri: 'http://127.0.0.1/t' },
          }),
        );
      });
    });
    const alertTemplate = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
    const reportTemplate = 'a4ba5d29-3b3a-4b44-a3a1-58b2ab0c5c5a';
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const notify = createMailer({
        from: 'unused',
        notify: {
          apiKey,
          baseUrl: `http://127.0.0.1:${port}`,
          templates: {
            alert: alertTemplate,
            report: reportTemplate,
            digest: '00000000-0000-4000-8000-000000000000',
          },
        },
      });
      const notice = {
        event: 'opened' as const,
        rule: 'missed' as const,
        sentence:
          'Reply in full to complaints within 10 working days missed its target in November 2025: 85.7% against 90% (n = 7).',
        title: 'Reply in full to complaints within 10 working days',
        periodLabel: 'November 2025',
        path: '/standards/complaints?period=2025-11',
      };
      const sent = await notify.send(
        alertMail('manager@ipo.example', 'notification:7', notice, PUBLIC_URL),
      );
      expect(sent.transport).toBe('notify');
      const first = received[0]?.body as {
        template_id: string;
        email_address: string;
        reference: string;
        personalisation: Record<string, string>;
      };
      expect(first.template_id).toBe(alertTemplate);
      expect(first.email_address).toBe('manager@ipo.example');
      expect(first.reference).toBe('notification:7');
      expect(first.personalisation.subject).toBe(
        'Missed target: Reply in full to complaints within 10 working days (November 2025)',
      );
      expect(first.personalisation.body).toContain(notice.sentence);
      expect(first.personalisation.body).toContain(
        `${PUBLIC_URL}/standards/complaints?period=2025-11`,
      );

      const pdf = Buffer.from('%PDF-1.7 test pack');
      await notify.send(
        reportMail(
          'manager@ipo.example',
          'report:2025-11:1',
          { id: '2025-11', label: 'November 2025' },
          pdf,
          PUBLIC_URL,
        ),
      );
      const file = (
        (received[1]?.body.personalisation ?? {}) as {
          link_to_file: { file: string; filename: string; confirm_email_before_download: boolean };
        }
      ).link_to_file;
      expect(Buffer.from(file.file, 'base64').toString()).toBe('%PDF-1.7 test pack');
      expect(file.filename).toBe('ipo-service-standards-2025-11.pdf');
      expect(file.confirm_email_before_download).toBe(true);

      // Notify's refusal comes back with its reason.
      await expect(
        notify.send({ ...alertMail('a@b.example', 'x', notice, PUBLIC_URL), kind: 'digest' }),
      ).rejects.toThrow('GOV.UK Notify answered 400: BadRequestError: Template not found');
      // A wrong key is refused by the server's check of the token.
      const wrong = createMailer({
        from: 'unused',
        notify: {
          apiKey: `ipo_test-${serviceId}-00000000-0000-4000-8000-000000000000`,
          baseUrl: `http://127.0.0.1:${port}`,
          templates: { alert: alertTemplate },
        },
      });
      await expect(wrong.send(alertMail('a@b.example', 'x', notice, PUBLIC_URL))).rejects.toThrow(
        '403',
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
