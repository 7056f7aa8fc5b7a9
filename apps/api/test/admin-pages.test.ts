import {
  type ClosureDayChangeResponse,
  type ErrorResponse,
  FeedbackPhrasesSchema,
  type ScorecardResponse,
  type TargetPreviewResponse,
  TargetPreviewResponseSchema,
} from '@ipo/contracts';
import { addDays, lastNPeriods, latestCompletePeriod, londonDate } from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { waitForRecalculations } from '../src/derive/recalculate.js';
import { stems } from '../src/feedback/text.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { actAs, type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * What the administration pages need of the API beyond what other tests cover: the preview of a
 * target version (it must say what the scorecard will show), phrase discovery for administrators
 * with sample comments, and the reason given for removing a closure day.
 */
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let admin: SignedIn;
const today = londonDate(new Date());
const months = lastNPeriods(latestCompletePeriod(today, 'month'), 12);
const firstMonth = months[0]!;

beforeAll(async () => {
  db = await createTestDatabase();
  // The 12 complete months the scorecard's sparkline (and the preview) cover, and a little more.
  await seedDemoData(db.pool, { seed: 5, scale: 0.05, from: addDays(firstMonth.start, -31) });
  app = await buildApp({ db, dbMode: 'external' });
  admin = await signInAs(db, ['admin']);
  actAs(app, admin.headers);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function preview(code: string, payload: object, headers?: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: `/api/admin/standards/${code}/targets/preview`,
    payload,
    ...(headers ? { headers } : {}),
  });
}

async function scorecardEntry(code: string) {
  const res = await app.inject({ method: 'GET', url: '/api/scorecard' });
  expect(res.statusCode, res.body).toBe(200);
  const entry = res.json<ScorecardResponse>().standards.find((s) => s.code === code);
  if (!entry) throw new Error(`no ${code} on the scorecard`);
  return entry;
}

async function counts() {
  const { rows } = await db.pool.query<{ versions: number; audit: number }>(
    `SELECT (SELECT count(*)::int FROM target_version) AS versions,
            (SELECT count(*)::int FROM audit_event) AS audit`,
  );
  return rows[0];
}

describe('POST /api/admin/standards/:code/targets/preview', () => {
  test('a target raised above the values turns met into missed, as the scorecard then shows', async () => {
    // Every month met under a low target in force since before the data.
    await db.pool.query(
      `UPDATE target_version SET target = 0.5, tolerance = 0.02
        WHERE standard_id = (SELECT id FROM standard WHERE code = 'csc-calls')`,
    );
    const before = await scorecardEntry('csc-calls');
    const stored = await counts();

    const res = await preview('csc-calls', {
      effectiveFrom: firstMonth.start,
      target: 1,
      tolerance: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = TargetPreviewResponseSchema.parse(res.json());
    expect(body.periods.map((p) => p.period.id)).toEqual(months.map((m) => m.id));
    expect(body.unit).toBe('share');
    // The figures and the current statuses are the scorecard's own.
    expect(
      body.periods.map((p) => ({ id: p.period.id, value: p.value, n: p.n, s: p.currentStatus })),
    ).toEqual(
      before.sparkline.map((f) => ({ id: f.period.id, value: f.value, n: f.n, s: f.status })),
    );
    for (const p of body.periods) {
      expect(p.n).toBeGreaterThan(0);
      expect(p.value).toBeLessThan(1);
      expect(p.currentTarget).toBe(0.5);
      expect(p.currentStatus).toBe('met');
      expect(p.proposedTarget).toBe(1);
      expect(p.proposedStatus).toBe('missed');
    }
    expect(body.changed).toBe(12);
    // Nothing stored, nothing audited.
    expect(await counts()).toEqual(stored);

    // Confirmed, the scorecard shows what the preview said.
    const added = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/csc-calls/targets',
      payload: {
        effectiveFrom: firstMonth.start,
        target: 1,
        tolerance: 0,
        changedBy: 'Test administrator',
        reason: 'Every call answered within a minute',
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = await scorecardEntry('csc-calls');
    expect(after.sparkline.map((f) => f.status)).toEqual(body.periods.map((p) => p.proposedStatus));
    expect(after.target?.value).toBe(1);
  });

  test('periods before the new version keep their status; the answer counts the changes', async () => {
    const from = months[6]!.start;
    const res = await preview('csc-written', { effectiveFrom: from, target: 0.01, tolerance: 0 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<TargetPreviewResponse>();
    const early = body.periods.slice(0, 6);
    const late = body.periods.slice(6);
    for (const p of early) {
      expect(p.proposedTarget).toBe(p.currentTarget);
      expect(p.proposedStatus).toBe(p.currentStatus);
    }
    for (const p of late) {
      // The demo data's version since October 2025.
      expect(p.currentTarget).toBe(0.95);
      expect(p.proposedTarget).toBe(0.01);
      expect(p.proposedStatus).toBe(p.n ? 'met' : 'no_data');
    }
    expect(body.changed).toBe(late.filter((p) => p.currentStatus !== 'met').length);
  });

  test('a percentile standard is previewed in working days', async () => {
    const res = await preview('tm-exam', {
      effectiveFrom: months[11]!.start,
      target: 1,
      tolerance: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<TargetPreviewResponse>();
    expect(body.unit).toBe('working_days');
    const last = body.periods.at(-1)!;
    expect(last.proposedTarget).toBe(1);
    // Examinations take more than a working day at the 90th percentile.
    expect(last.value).toBeGreaterThan(1);
    expect(last.proposedStatus).toBe('missed');
  });

  test.each([
    ['target', 400, { effectiveFrom: '2026-01-01', target: 1.5, tolerance: 0.02 }],
    ['target', 400, { effectiveFrom: '2026-01-01', target: 0, tolerance: 0.02 }],
    ['target', 400, { effectiveFrom: '2026-01-01', tolerance: 0.02 }],
    ['tolerance', 400, { effectiveFrom: '2026-01-01', target: 0.9, tolerance: -0.1 }],
    ['tolerance', 400, { effectiveFrom: '2026-01-01', target: 0.9, tolerance: 1 }],
    ['effectiveFrom', 400, { effectiveFrom: '2026-13-01', target: 0.9, tolerance: 0.02 }],
    ['effectiveFrom', 400, { target: 0.9, tolerance: 0.02 }],
    // Not after the version in force since the catalogue's start: the confirmation's 409.
    ['effectiveFrom', 409, { effectiveFrom: '2020-04-01', target: 0.9, tolerance: 0.02 }],
  ])('a bad %s is a %i naming it', async (field, status, payload) => {
    const stored = await counts();
    const res = await preview('csc-written', payload);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json<ErrorResponse>().issues?.map((i) => i.field)).toContain(field);
    expect(await counts()).toEqual(stored);
  });

  test('an unknown standard is a 404', async () => {
    const res = await preview('no-such-standard', {
      effectiveFrom: '2026-01-01',
      target: 0.9,
      tolerance: 0.02,
    });
    expect(res.statusCode).toBe(404);
  });

  test('is for administrators: a manager gets 403, nobody 401', async () => {
    const payload = { effectiveFrom: months[11]!.start, target: 0.95, tolerance: 0.02 };
    const manager = await signInAs(db, ['manager']);
    const refused = await preview('csc-calls', payload, manager.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<ErrorResponse>().message).toMatch(/administrator/);
    const anonymous = await preview('csc-calls', payload, { cookie: '' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('GET /api/feedback/phrases', () => {
  const url = `/api/feedback/phrases?from=${firstMonth.start}&to=${months[11]!.end}&limit=20`;

  test('gives administrators up to 3 different sample comments that use each phrase', async () => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    const body = FeedbackPhrasesSchema.parse(res.json());
    expect(body.phrases.length).toBeGreaterThan(2);
    let several = 0;
    for (const p of body.phrases) {
      expect(p.examples.length).toBeGreaterThanOrEqual(1);
      expect(p.examples.length).toBeLessThanOrEqual(3);
      expect(p.example).toBe(p.examples[0]);
      expect(new Set(p.examples).size).toBe(p.examples.length);
      if (p.examples.length > 1) several++;
      for (const comment of p.examples) {
        expect(` ${stems(comment).join(' ')} `, comment).toContain(` ${p.phrase} `);
      }
    }
    // Phrases used in 10 or more comments have several distinct ones.
    expect(several).toBeGreaterThan(0);
  });

  test.each([
    ['manager', 'manager'],
    ['team lead', 'team-lead'],
    ['viewer', 'viewer'],
    ['data steward', 'data-steward'],
  ] as const)('is refused to a %s (403): the taxonomy is the administrators’', async (_, role) => {
    // A manager reads every team's comments, and still may not: phrases feed the taxonomy.
    const who = await signInAs(
      db,
      [role],
      role === 'team-lead' ? { teams: ['Complaints Team'] } : {},
    );
    const res = await app.inject({ method: 'GET', url, headers: who.headers });
    expect(res.statusCode).toBe(403);
  });
});

describe('DELETE /api/admin/closure-days/:date', () => {
  // A Wednesday in the future: no item's working days change.
  const date = '2031-07-16';

  test('records the reason given for removing a closure day in the audit trail', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days',
      payload: { date, scope: 'organisation', reason: 'Office move' },
    });
    expect(added.statusCode, added.body).toBe(202);
    await waitForRecalculations();

    const blank = await app.inject({
      method: 'DELETE',
      url: `/api/admin/closure-days/${date}?scope=organisation&reason=`,
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json<ErrorResponse>().issues?.map((i) => i.field)).toContain('reason');

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/admin/closure-days/${date}?scope=organisation&reason=${encodeURIComponent('The move was put off')}`,
    });
    expect(removed.statusCode, removed.body).toBe(202);
    const { recalculation } = removed.json<ClosureDayChangeResponse>();
    expect(recalculation.reason).toMatch(/The move was put off/);
    await waitForRecalculations();
    const { rows } = await db.pool.query<{ actor: string; details: Record<string, unknown> }>(
      `SELECT actor, details FROM audit_event WHERE action = 'closure_day.delete' AND entity_id = $1`,
      [`${date}/organisation`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.actor).toBe(admin.user.email);
    expect(rows[0]?.details).toMatchObject({
      reason: 'Office move',
      removalReason: 'The move was put off',
    });
  });
});
