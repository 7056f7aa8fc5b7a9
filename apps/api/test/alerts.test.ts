/**
 * The alert rules against a real database with demo data (decision 14): missed standards as the
 * scorecard has them, stale sources, satisfaction with its interval (withheld cells never alert),
 * rising themes as the documented thresholds define them; one alert per rule, subject and period
 * however often it runs; notices when alerts clear; subscriptions, notifications and the admin
 * views through the API with who may do what.
 */
import {
  AdminDeliveriesResponseSchema,
  AdminSubscriptionsResponseSchema,
  AlertSubscriptionResponseSchema,
  AlertsResponseSchema,
  NotificationsResponseSchema,
} from '@ipo/contracts';
import { addDays, latestCompletePeriod, londonDate, previousPeriod, suppress } from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { evaluateAlerts } from '../src/alerts/evaluate.js';
import { THEME_RISE } from '../src/alerts/rules.js';
import { buildApp } from '../src/app.js';
import { withSnapshot } from '../src/db/snapshot.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { buildScorecard } from '../src/standards/scorecard.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

const NOW = new Date('2025-12-15T12:00:00Z');
const TODAY = londonDate(NOW);
const CLOSED = latestCompletePeriod(TODAY, 'month');

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let manager: SignedIn;
let lead: SignedIn;
let viewer: SignedIn;
let admin: SignedIn;
let leadTeam: number;
let otherTeam: number;

const evaluate = (now = NOW, staleAfterWorkingDays = 2) =>
  evaluateAlerts(db, { now, staleAfterWorkingDays, mail: false });

async function call(
  who: SignedIn | null,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: who?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body ? (res.json() as Record<string, unknown>) : {} };
}

const everything = {
  rules: ['missed', 'at_risk', 'stale_source', 'satisfaction_below', 'theme_rising'],
  allStandards: true,
  standardCodes: [],
  allTeams: true,
  teamIds: [],
  frequency: 'immediate',
  email: true,
  inApp: true,
  monthlyReport: true,
};

const openAlerts = (rule?: string) =>
  db.prisma.alert.findMany({
    where: { clearedAt: null, endedAt: null, ...(rule ? { rule } : {}) },
    orderBy: { subject: 'asc' },
  });

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { seed: 42, scale: 0.05, from: '2025-08-01', now: NOW });
  app = await buildApp({ db, dbMode: 'external', mail: true });
  leadTeam = (await db.prisma.team.findFirstOrThrow({ where: { name: 'Examination Team C' } })).id;
  otherTeam = (await db.prisma.team.findFirstOrThrow({ where: { name: 'Examination Team A' } })).id;
  manager = await signInAs(db, ['manager']);
  lead = await signInAs(db, ['team-lead'], { teams: ['Examination Team C'] });
  viewer = await signInAs(db, ['viewer']);
  admin = await signInAs(db, ['admin']);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('subscriptions', () => {
  test('a manager subscribes to everything; the change is audited', async () => {
    const res = await call(manager, 'PUT', '/api/alerts/subscription', everything);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = AlertSubscriptionResponseSchema.parse(res.body);
    expect(body.subscription).toEqual(everything);
    expect(body.choices.allTeams).toBe(true);
    const audit = await db.prisma.auditEvent.findMany({
      where: { action: 'alert_subscription.update', actor: manager.user.email },
    });
    expect(audit).toHaveLength(1);
  });

  test('a team lead chooses only their own teams, not every team nor the report pack', async () => {
    const base = { ...everything, allTeams: false, monthlyReport: false };
    const all = await call(lead, 'PUT', '/api/alerts/subscription', { ...base, allTeams: true });
    expect(all.status).toBe(403);
    expect(JSON.stringify(all.body)).toContain('allTeams');
    const other = await call(lead, 'PUT', '/api/alerts/subscription', {
      ...base,
      teamIds: [otherTeam],
    });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain('teamIds');
    const report = await call(lead, 'PUT', '/api/alerts/subscription', {
      ...base,
      monthlyReport: true,
    });
    expect(report.status).toBe(403);
    expect(JSON.stringify(report.body)).toContain('monthlyReport');
    const unknown = await call(lead, 'PUT', '/api/alerts/subscription', {
      ...base,
      allStandards: false,
      standardCodes: ['no-such-standard'],
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('standardCodes');
    const bad = await call(lead, 'PUT', '/api/alerts/subscription', {
      ...base,
      frequency: 'hourly',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('frequency');

    const ok = await call(lead, 'PUT', '/api/alerts/subscription', {
      ...base,
      rules: ['missed', 'satisfaction_below'],
      allStandards: false,
      standardCodes: ['csc-calls', 'csat'],
      teamIds: [leadTeam],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const body = AlertSubscriptionResponseSchema.parse(ok.body);
    expect(body.choices.teams).toEqual([{ id: leadTeam, name: 'Examination Team C' }]);
  });

  test('viewers cannot subscribe, and nobody signed out can read alerts', async () => {
    expect((await call(viewer, 'PUT', '/api/alerts/subscription', everything)).status).toBe(403);
    expect((await call(null, 'GET', '/api/alerts')).status).toBe(401);
    expect((await call(null, 'GET', '/api/notifications')).status).toBe(401);
    expect((await call(null, 'GET', '/api/alerts/subscription')).status).toBe(401);
  });
});

describe('evaluation', () => {
  test('missed alerts are the standards the scorecard shows missed, each in one sentence', async () => {
    const result = await evaluate();
    const scorecard = await withSnapshot(db.pool, (c) =>
      buildScorecard(c, { period: null, now: NOW, today: TODAY }),
    );
    const missed = scorecard.standards.filter((e) => e.status === 'missed');
    expect(missed.length).toBeGreaterThan(0);
    const alerts = await openAlerts('missed');
    expect(alerts.map((a) => a.standardCode).sort()).toEqual(missed.map((e) => e.code).sort());
    for (const e of missed) {
      const alert = alerts.find((a) => a.standardCode === e.code);
      expect(alert?.period).toBe(CLOSED.id);
      const sentence = alert?.sentence ?? '';
      expect(sentence).toContain(`${e.title} missed its target in ${CLOSED.label}`);
      expect(sentence).toContain(`(n = ${(e.n ?? 0).toLocaleString('en-GB')}`);
      if (e.unit === 'share') {
        expect(sentence).toContain(`${((e.value ?? 0) * 100).toFixed(1)}%`);
        expect(sentence).toContain(`against ${Math.round((e.target?.value ?? 0) * 100)}%`);
      } else {
        expect(sentence).toContain(`${e.value} working days`);
      }
    }
    expect(result.opened).toBe((await openAlerts()).length);
  });

  test('the manager is told of every alert, the team lead of the ones they chose', async () => {
    const open = await openAlerts();
    const toManager = await db.prisma.notification.count({ where: { userId: manager.user.id } });
    expect(toManager).toBe(open.length);
    const toLead = await db.prisma.notification.findMany({
      where: { userId: lead.user.id },
      include: { alert: true },
    });
    const expected = open.filter(
      (a) =>
        ['missed', 'satisfaction_below'].includes(a.rule) &&
        (a.standardCode === null || ['csc-calls', 'csat'].includes(a.standardCode)) &&
        (a.teamId === null || a.teamId === leadTeam),
    );
    expect(toLead.map((n) => n.alertId).sort()).toEqual(expected.map((a) => a.id).sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  test('evaluating again opens nothing and says nothing twice', async () => {
    const before = await db.prisma.notification.count();
    const alerts = (await openAlerts()).map((a) => a.id);
    const again = await evaluate();
    expect(again).toMatchObject({ opened: 0, cleared: 0, ended: 0, notifications: 0 });
    expect((await openAlerts()).map((a) => a.id)).toEqual(alerts);
    expect(await db.prisma.notification.count()).toBe(before);
  });

  test('rising themes are exactly those the documented thresholds pick out', async () => {
    const before = previousPeriod(CLOSED);
    const { rows } = await db.pool.query<{ month: string; code: string; n: number }>(
      `SELECT to_char(submitted_date, 'YYYY-MM') AS month, t AS code, count(*)::int AS n
         FROM feedback_response, unnest(themes) AS t
        WHERE comment IS NOT NULL AND submitted_date BETWEEN $1 AND $2
        GROUP BY 1, 2`,
      [before.start, CLOSED.end],
    );
    const totals = await db.pool.query<{ month: string; n: number }>(
      `SELECT to_char(submitted_date, 'YYYY-MM') AS month, count(*)::int AS n FROM feedback_response
        WHERE comment IS NOT NULL AND submitted_date BETWEEN $1 AND $2 GROUP BY 1`,
      [before.start, CLOSED.end],
    );
    const total = (m: string) => totals.rows.find((r) => r.month === m)?.n ?? 0;
    const of = (m: string, code: string) =>
      rows.find((r) => r.month === m && r.code === code)?.n ?? 0;
    const codes = (await db.prisma.theme.findMany()).map((t) => t.code);
    const rising = codes.filter((code) => {
      const now = of(CLOSED.id, code) / total(CLOSED.id);
      const was = of(before.id, code) / total(before.id);
      return (
        total(CLOSED.id) >= THEME_RISE.minComments &&
        total(before.id) >= THEME_RISE.minComments &&
        !suppress(of(CLOSED.id, code)) &&
        now - was >= THEME_RISE.minPoints &&
        now >= THEME_RISE.minRatio * was
      );
    });
    expect(rising.length).toBeGreaterThan(0);
    const alerts = await openAlerts('theme_rising');
    expect(alerts.map((a) => a.subject.replace('theme:', '')).sort()).toEqual(rising.sort());
    // A month-before count under 10 is never shown as a share.
    for (const a of alerts) {
      const code = a.subject.replace('theme:', '');
      if (suppress(of(before.id, code)))
        expect(a.sentence).toContain('from fewer than 10 comments');
    }
  });

  test('satisfaction alerts a team clearly below target; withheld teams never alert', async () => {
    // 40 dissatisfied responses for one team in the closed month: its interval is far below 85%.
    const team = await db.prisma.team.findFirstOrThrow({ where: { name: 'Complaints Team' } });
    for (let i = 0; i < 40; i++) {
      await db.pool.query(
        `INSERT INTO feedback_response (source, source_ref, submitted_at, submitted_date,
           service_code, team_id, channel, customer_group, score, type)
         VALUES ('test', $1, $2::date + time '10:00', $2, $3, $4, 'email', 'individual', $5, 'complaint')`,
        [`alerts-${i}`, addDays(CLOSED.start, i % 20), team.serviceCode, team.id, i < 4 ? 5 : 1],
      );
    }
    await evaluate();
    const alerts = await openAlerts('satisfaction_below');
    const forTeam = alerts.find((a) => a.teamId === team.id);
    expect(forTeam?.sentence).toContain(
      `for Complaints Team fell below its target in ${CLOSED.label}`,
    );
    const details = forTeam?.details as {
      value: number;
      interval: { upper: number };
      target: number;
    };
    expect(details.interval.upper).toBeLessThan(details.target);
    // Every other team of the demo has fewer than 10 responses a month at this scale: withheld.
    expect(alerts.filter((a) => a.teamId !== null).map((a) => a.teamId)).toEqual([team.id]);
  });

  test('a standard that meets its target after all clears its alert, with a notice', async () => {
    const calls = await db.prisma.standard.findUniqueOrThrow({ where: { code: 'csc-calls' } });
    const alert = (await openAlerts('missed')).find((a) => a.standardCode === 'csc-calls');
    expect(alert).toBeDefined();
    await db.prisma.targetVersion.updateMany({
      where: { standardId: calls.id },
      data: { target: 0.5 },
    });
    const result = await evaluate();
    expect(result.cleared).toBeGreaterThanOrEqual(1);
    const row = await db.prisma.alert.findUniqueOrThrow({ where: { id: alert?.id ?? 0 } });
    expect(row.clearedAt).not.toBeNull();
    expect(row.sentence).toContain('no longer misses its target');
    for (const who of [manager, lead]) {
      const notice = await db.prisma.notification.findUnique({
        where: { userId_alertId_event: { userId: who.user.id, alertId: row.id, event: 'cleared' } },
      });
      expect(notice?.sentence).toBe(row.sentence);
    }
  });

  test('a source that stops is stale, and clears once it counts as fresh again', async () => {
    // Two weeks on with no new data: every source with data is more than 2 working days old.
    const later = new Date(NOW.getTime() + 14 * 86_400_000);
    await evaluate(later, 2);
    const stale = await openAlerts('stale_source');
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM data_freshness WHERE latest_event_at IS NOT NULL',
    );
    expect(stale.length).toBe(rows[0]?.n);
    expect(stale[0]?.sentence).toMatch(
      /may be out of date: the latest is from .*, \d+ working days ago/,
    );
    const result = await evaluate(later, 60);
    expect(result.cleared).toBe(stale.length);
    expect(await openAlerts('stale_source')).toHaveLength(0);
    const notices = await db.prisma.notification.count({
      where: { userId: manager.user.id, event: 'cleared', alert: { rule: 'stale_source' } },
    });
    expect(notices).toBe(stale.length);
  });
});

describe('notifications and the admin views', () => {
  test('the in-app list counts unread; read one, then all; another user’s is not there', async () => {
    const list = NotificationsResponseSchema.parse(
      (await call(manager, 'GET', '/api/notifications?limit=200')).body,
    );
    const total = await db.prisma.notification.count({ where: { userId: manager.user.id } });
    expect(list.unread).toBe(total);
    const first = list.notifications[0];
    expect(first).toBeDefined();
    const read = await call(manager, 'POST', `/api/notifications/${first?.id}/read`);
    expect(read.body).toEqual({ unread: total - 1 });
    const leads = await db.prisma.notification.findFirstOrThrow({
      where: { userId: lead.user.id },
    });
    expect((await call(manager, 'POST', `/api/notifications/${leads.id}/read`)).status).toBe(404);
    expect((await call(manager, 'POST', '/api/notifications/read-all')).body).toEqual({
      unread: 0,
    });
    const after = NotificationsResponseSchema.parse(
      (await call(manager, 'GET', '/api/notifications?unread=true')).body,
    );
    expect(after).toEqual({ notifications: [], unread: 0 });
  });

  test('everyone who reads figures sees the open alerts', async () => {
    const res = await call(viewer, 'GET', '/api/alerts');
    expect(res.status).toBe(200);
    const body = AlertsResponseSchema.parse(res.body);
    expect(body.alerts.map((a) => a.id).sort()).toEqual(
      (await openAlerts()).map((a) => a.id).sort(),
    );
    expect(body.alerts.every((a) => a.path.startsWith('/'))).toBe(true);
  });

  test('administrators see who subscribes and the e-mails; nobody else does', async () => {
    const subs = await call(admin, 'GET', '/api/admin/alerts/subscriptions');
    expect(subs.status).toBe(200);
    const emails = AdminSubscriptionsResponseSchema.parse(subs.body).subscriptions.map(
      (s) => s.user.email,
    );
    expect(emails.sort()).toEqual([lead.user.email, manager.user.email].sort());
    const failed = await call(admin, 'GET', '/api/admin/alerts/deliveries?status=failed');
    expect(AdminDeliveriesResponseSchema.parse(failed.body).deliveries).toEqual([]);
    expect((await call(admin, 'GET', '/api/admin/alerts/deliveries?status=lost')).status).toBe(400);
    expect((await call(manager, 'GET', '/api/admin/alerts/subscriptions')).status).toBe(403);
    expect((await call(manager, 'GET', '/api/admin/alerts/deliveries')).status).toBe(403);
  });

  test('unsubscribing removes the subscription and is audited', async () => {
    expect((await call(lead, 'DELETE', '/api/alerts/subscription')).status).toBe(204);
    const res = AlertSubscriptionResponseSchema.parse(
      (await call(lead, 'GET', '/api/alerts/subscription')).body,
    );
    expect(res.subscription).toBeNull();
    expect(
      await db.prisma.auditEvent.count({
        where: { action: 'alert_subscription.delete', actor: lead.user.email },
      }),
    ).toBe(1);
  });
});
