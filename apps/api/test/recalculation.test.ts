import type {
  ErrorResponse,
  RecalculationJob,
  RecalculationsResponse,
  TargetVersionsResponse,
  UpdateStandardResponse,
} from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { addClosureDayChange } from '../src/admin/closure-days.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import {
  markInterruptedRecalculations,
  RULES_LOCK,
  recalculate,
  startRecalculation,
  waitForRecalculations,
} from '../src/derive/recalculate.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import {
  expectedDerivation,
  rollupDifferences,
  rollupSnapshot,
  rulesVersion,
  snapshotItems,
} from './support/work-items.js';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
const DEMO_CLOSURE = '2025-06-10';

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, {
    seed: 23,
    scale: 0.03,
    from: '2025-09-01',
    now: new Date('2025-12-15T12:00:00Z'),
  });
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function getJob(id: number): Promise<RecalculationJob> {
  const res = await app.inject({ method: 'GET', url: `/api/admin/recalculations/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json<RecalculationJob>();
}

async function closureDayStored(date: string): Promise<boolean> {
  const { rows } = await db.pool.query('SELECT 1 FROM closure_day WHERE date = $1', [date]);
  return rows.length > 0;
}

describe('threshold changes', () => {
  test('complaints 10 -> 5 working days flips within_threshold as the domain says', async () => {
    const before = await snapshotItems(db.pool);
    const complaints = [...before.values()].filter(
      (r) => r.work_type_code === 'complaint' && r.completed_date !== null,
    );
    expect(complaints.length).toBeGreaterThanOrEqual(5);
    const versionBefore = await rulesVersion(db.pool);

    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/standards/complaints',
      payload: { thresholdValue: 5, reason: 'Test: a stricter complaints promise' },
    });
    expect(res.statusCode).toBe(202);
    const body = res.json<UpdateStandardResponse>();
    expect(body.changes).toEqual({ thresholdValue: { from: 10, to: 5 } });
    expect(res.headers.location).toBe(`/api/admin/recalculations/${body.recalculation?.id}`);
    await waitForRecalculations();
    const job = await getJob(body.recalculation!.id);
    expect(job).toMatchObject({
      status: 'succeeded',
      total: complaints.length,
      done: complaints.length,
      rulesVersion: versionBefore + 1,
    });

    const after = await snapshotItems(db.pool);
    const expected = expectedDerivation([DEMO_CLOSURE], {
      complaint: { value: 5, unit: 'working_days' },
    });
    let flipped = 0;
    for (const [id, old] of before) {
      const now = after.get(id)!;
      if (old.work_type_code === 'complaint' && old.completed_date !== null) {
        expect(now.within_threshold).toBe(now.elapsed_working_days! <= 5);
        expect(now.within_threshold).toBe(expected(now).withinThreshold);
        expect(now.elapsed_working_days).toBe(old.elapsed_working_days);
        expect(now.rules_version).toBe(versionBefore + 1);
        if (now.within_threshold !== old.within_threshold) {
          flipped++;
          expect(old.within_threshold).toBe(true);
          expect(old.elapsed_working_days).toBeGreaterThan(5);
        }
      } else {
        expect(now).toEqual(old);
      }
    }
    expect(flipped).toBeGreaterThan(0);
    expect(await rollupDifferences(db.pool)).toEqual({ turnaround: [], groups: [] });

    const standards = await app.inject({ method: 'GET', url: '/api/standards' });
    const complaintsStandard = standards
      .json<{ standards: { code: string; threshold: unknown }[] }>()
      .standards.find((s) => s.code === 'complaints');
    expect(complaintsStandard?.threshold).toEqual({ value: 5, unit: 'working_days' });

    const audit = await db.pool.query<{ details: { before: unknown; after: unknown } }>(
      `SELECT details FROM audit_event WHERE action = 'standard.update' AND entity_id = 'complaints'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.details.before).toMatchObject({ thresholdValue: 10 });
    expect(audit.rows[0]?.details.after).toMatchObject({ thresholdValue: 5 });
  });

  test('the minimum sample changes at once, without a recalculation', async () => {
    const jobs = await db.pool.query('SELECT count(*)::int AS n FROM recalculation_job');
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/standards/csc-calls',
      payload: { minimumSample: 50 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<UpdateStandardResponse>()).toEqual({
      code: 'csc-calls',
      changes: { minimumSample: { from: 30, to: 50 } },
      recalculation: null,
    });
    const { rows } = await db.pool.query(
      `SELECT minimum_sample FROM standard WHERE code = 'csc-calls'`,
    );
    expect(rows[0]?.minimum_sample).toBe(50);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM recalculation_job')).rows).toEqual(
      jobs.rows,
    );
  });

  test.each([
    ['thresholdUnit', 'tm-exam', { thresholdUnit: 'seconds' }, 400],
    ['thresholdValue', 'csat', { thresholdValue: 3 }, 400],
    ['thresholdValue', 'complaints', { thresholdValue: 500 }, 400],
    ['thresholdValue', 'complaints', { thresholdValue: -1 }, 400],
    ['division', 'quality-tm', { division: 'scotland' }, 400],
    ['division', 'complaints', { division: 'wales' }, 400],
    ['body', 'complaints', {}, 400],
  ])('a bad %s for %s is a 400 naming it', async (field, code, payload, status) => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/admin/standards/${code}`,
      payload,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json<ErrorResponse>().issues?.map((i) => i.field)).toContain(field);
  });

  test('an unknown standard is a 404', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/standards/no-such-standard',
      payload: { thresholdValue: 3 },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('target versions', () => {
  test('a new version closes the open one the day before and recalculates nothing', async () => {
    const jobs = await db.pool.query('SELECT count(*)::int AS n FROM recalculation_job');
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/csc-written/targets',
      payload: {
        effectiveFrom: '2026-04-01',
        target: 0.97,
        tolerance: 0.01,
        changedBy: 'Head of Customer Support',
        reason: 'New financial year target',
      },
    });
    expect(res.statusCode).toBe(201);
    const { targets } = res.json<TargetVersionsResponse>();
    // The demo data's version from 1 October 2025, then the new one.
    expect(targets.slice(-2)).toEqual([
      expect.objectContaining({ effectiveFrom: '2025-10-01', effectiveTo: '2026-03-31' }),
      {
        effectiveFrom: '2026-04-01',
        effectiveTo: null,
        target: 0.97,
        tolerance: 0.01,
        changedBy: 'Head of Customer Support',
        reason: 'New financial year target',
      },
    ]);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM recalculation_job')).rows).toEqual(
      jobs.rows,
    );
  });

  test.each([
    ['effectiveFrom', 409, { effectiveFrom: '2026-04-01', target: 0.9, tolerance: 0.02 }],
    ['target', 400, { effectiveFrom: '2026-05-01', target: 1.5, tolerance: 0.02 }],
    ['tolerance', 400, { effectiveFrom: '2026-05-01', target: 0.9, tolerance: -0.1 }],
    ['effectiveFrom', 400, { effectiveFrom: '2026-5-1', target: 0.9, tolerance: 0.02 }],
    ['reason', 400, { effectiveFrom: '2026-05-01', target: 0.9, tolerance: 0.02, reason: '' }],
  ])('a bad %s is a %i', async (field, status, patch) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/csc-written/targets',
      payload: { changedBy: 'Test', reason: 'Test', ...patch },
    });
    expect(res.statusCode).toBe(status);
    expect(res.json<ErrorResponse>().issues?.map((i) => i.field)).toContain(field);
  });

  test('percentile standards take a target in working days', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/tm-exam/targets',
      payload: {
        effectiveFrom: '2026-04-01',
        target: 8,
        tolerance: 1,
        changedBy: 'Trade marks director',
        reason: 'Faster examination',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<TargetVersionsResponse>().targets.at(-1)).toMatchObject({ target: 8 });
  });
});

describe('a failing job leaves everything as it was', () => {
  async function state() {
    return {
      items: await snapshotItems(db.pool),
      rollups: await rollupSnapshot(db.pool),
      version: await rulesVersion(db.pool),
      audit: (await db.pool.query('SELECT count(*)::int AS n FROM audit_event')).rows[0],
    };
  }

  test('a bad rule (a threshold the domain refuses) fails the job: nothing changed', async () => {
    const before = await state();
    // Simulates a bad rule written behind the API's back.
    await db.pool.query(`UPDATE standard SET threshold_value = -1 WHERE code = 'csc-written'`);
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/admin/closure-days',
        payload: { date: '2025-11-05', scope: 'organisation', reason: 'Fire drill' },
      });
      expect(res.statusCode).toBe(202);
      const id = res.json<{ recalculation: RecalculationJob }>().recalculation.id;
      await waitForRecalculations();
      const job = await getJob(id);
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(/nothing was changed.*written_enquiry.*Threshold value -1/);
      expect(job.finishedAt).not.toBeNull();
    } finally {
      await db.pool.query(`UPDATE standard SET threshold_value = 5 WHERE code = 'csc-written'`);
    }
    expect(await closureDayStored('2025-11-05')).toBe(false);
    expect(await state()).toEqual(before);
  });

  test('a failure half-way, after several batches were written, rolls all of them back', async () => {
    const before = await state();
    let batches = 0;
    const outcome = await recalculate(
      db.pool,
      addClosureDayChange(
        { date: '2025-11-04', scope: 'organisation', reason: 'Half-way failure' },
        'admin',
      ),
      {
        actor: 'admin',
        batchSize: 20,
        onBatch: ({ done, total }) => {
          batches++;
          expect(done).toBeLessThanOrEqual(total);
          if (batches === 3) throw new Error('simulated crash after three batches');
        },
      },
    );
    expect(batches).toBe(3);
    expect(outcome).toMatchObject({
      status: 'failed',
      error: 'simulated crash after three batches',
    });
    const job = await getJob(outcome.jobId);
    expect(job).toMatchObject({ status: 'failed', done: 60 });
    expect(job.total).toBeGreaterThan(60);
    expect(await closureDayStored('2025-11-04')).toBe(false);
    expect(await state()).toEqual(before);
    expect(await rollupDifferences(db.pool)).toEqual({ turnaround: [], groups: [] });
  });
});

describe('one job at a time, and readers see all old or all new values', () => {
  test('a second job queues behind a running one; the scorecard says recalculating', async () => {
    const before = await snapshotItems(db.pool);
    const versionBefore = await rulesVersion(db.pool);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => {
      reachedGate = resolve;
    });
    const first = await startRecalculation(
      db.pool,
      addClosureDayChange({ date: '2025-10-21', scope: 'organisation', reason: 'First' }, 'admin'),
      {
        actor: 'admin',
        batchSize: 100,
        onBatch: async ({ done }) => {
          if (done === 100) {
            reachedGate();
            await gate;
          }
        },
      },
    );
    await atGate;

    // Half-way through the first job: progress is visible, values and rules are not.
    const running = await getJob(first.job.id);
    expect(running).toMatchObject({
      status: 'running',
      done: 100,
      rulesVersion: versionBefore + 1,
    });
    expect(running.total).toBeGreaterThan(100);
    expect(await rulesVersion(db.pool)).toBe(versionBefore);
    expect(await closureDayStored('2025-10-21')).toBe(false);
    expect(await snapshotItems(db.pool)).toEqual(before);
    const scorecard = await app.inject({ method: 'GET', url: '/api/scorecard?period=2025-11' });
    expect(scorecard.statusCode).toBe(200);
    expect(scorecard.json<{ recalculating: boolean }>().recalculating).toBe(true);

    const second = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days',
      payload: { date: '2025-10-22', scope: 'organisation', reason: 'Second' },
    });
    expect(second.statusCode).toBe(202);
    const secondId = second.json<{ recalculation: RecalculationJob }>().recalculation.id;
    // Once PostgreSQL shows the second job waiting for the rules lock (not after a pause, which
    // a slow machine would make pass without the job having tried), it is still queued.
    await vi.waitFor(
      async () => {
        const { rows } = await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = $1
              AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [RULES_LOCK],
        );
        expect(rows[0]?.n).toBe(1);
      },
      { timeout: 20_000, interval: 25 },
    );
    expect((await getJob(secondId)).status).toBe('queued');

    // Another process would not mark live jobs as interrupted.
    expect(await markInterruptedRecalculations(db.pool)).toBe(0);

    release();
    await waitForRecalculations();
    const firstDone = await getJob(first.job.id);
    const secondDone = await getJob(secondId);
    expect(firstDone).toMatchObject({ status: 'succeeded', rulesVersion: versionBefore + 1 });
    expect(firstDone.done).toBe(firstDone.total);
    expect(secondDone).toMatchObject({ status: 'succeeded', rulesVersion: versionBefore + 2 });
    expect(secondDone.done).toBe(secondDone.total);
    expect(await rulesVersion(db.pool)).toBe(versionBefore + 2);

    const after = await snapshotItems(db.pool);
    const expected = expectedDerivation([DEMO_CLOSURE, '2025-10-21', '2025-10-22'], {
      complaint: { value: 5, unit: 'working_days' },
    });
    for (const r of after.values()) {
      if (r.completed_at === null) continue;
      const e = expected(r);
      expect([r.id, r.elapsed_working_days, r.within_threshold]).toEqual([
        r.id,
        e.elapsedWorkingDays,
        e.withinThreshold,
      ]);
    }
    expect(await rollupDifferences(db.pool)).toEqual({ turnaround: [], groups: [] });
    const settled = await app.inject({ method: 'GET', url: '/api/scorecard?period=2025-11' });
    expect(settled.json<{ recalculating: boolean }>().recalculating).toBe(false);
  });

  test('the job list is latest first, with progress and errors', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/admin/recalculations?limit=100' });
    expect(res.statusCode).toBe(200);
    const { recalculations } = res.json<RecalculationsResponse>();
    expect(recalculations.length).toBeGreaterThanOrEqual(5);
    const ids = recalculations.map((j) => j.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const j of recalculations) {
      expect(['succeeded', 'failed']).toContain(j.status);
      if (j.status === 'succeeded') expect(j.done).toBe(j.total);
      else expect(j.error).toMatch(/nothing was changed/);
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/admin/recalculations/999999' })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/admin/recalculations/abc' })).statusCode,
    ).toBe(400);
  });

  test('a job whose process died is marked failed at the next start', async () => {
    await db.pool.query(
      `INSERT INTO recalculation_job (reason, rules_version, status, created_by)
       VALUES ('orphan', 1, 'running', 'admin')`,
    );
    expect(await markInterruptedRecalculations(db.pool)).toBe(1);
    const { rows } = await db.pool.query(
      `SELECT status, error FROM recalculation_job WHERE reason = 'orphan'`,
    );
    expect(rows[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/interrupted/),
    });
  });
});

describe('sign-in settings', () => {
  test('OIDC_ISSUER needs the client and the public address', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://login.example' })).toThrow(
      /OIDC_ISSUER: needs OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and PUBLIC_URL/,
    );
    const config = loadConfig({
      OIDC_ISSUER: 'https://login.example',
      OIDC_CLIENT_ID: 'dashboard',
      OIDC_CLIENT_SECRET: 'secret',
      PUBLIC_URL: 'https://standards.example',
    });
    expect(config.OIDC_ROLES_CLAIM).toBe('ipo_roles');
    expect(config.SESSION_IDLE_TIMEOUT_MINUTES).toBe(30);
    expect(config.SESSION_ABSOLUTE_TIMEOUT_HOURS).toBe(12);
  });

  test('a bad value names the key', () => {
    expect(() => loadConfig({ SESSION_IDLE_TIMEOUT_MINUTES: '0' })).toThrow(
      /SESSION_IDLE_TIMEOUT_MINUTES/,
    );
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });
});
