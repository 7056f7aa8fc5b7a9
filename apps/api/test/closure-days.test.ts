import { readFile } from 'node:fs/promises';
import type {
  ClosureDayChangeResponse,
  ClosureDaysResponse,
  ClosureImportResponse,
  ErrorResponse,
  RecalculationJob,
} from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { waitForRecalculations } from '../src/derive/recalculate.js';
import { currentRules } from '../src/derive/rules.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, type SignedIn, signInAs } from './support/auth.js';

let me: SignedIn;

import { createTestDatabase, type TestDatabase } from './support/database.js';
import {
  derivedOf,
  expectedDerivation,
  rollupDifferences,
  rollupSnapshot,
  rulesVersion,
  type StoredItem,
  snapshotItems,
} from './support/work-items.js';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
const fixture = new URL('./fixtures/bank-holidays.json', import.meta.url);
/** The made-up day in the fixture (a Friday); every other England and Wales day is real. */
const MADE_UP_DAY = '2025-11-14';
/** The demo data's organisation closure day. */
const DEMO_CLOSURE = '2025-06-10';

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, {
    seed: 11,
    scale: 0.03,
    from: '2025-09-01',
    now: new Date('2025-12-15T12:00:00Z'),
  });
  app = await buildApp({ db, dbMode: 'external' });
  me = await signInAs(db, ALL_ROLES);
  actAs(app, me.headers);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function job(id: number): Promise<RecalculationJob> {
  const res = await app.inject({ method: 'GET', url: `/api/admin/recalculations/${id}` });
  expect(res.statusCode).toBe(200);
  return res.json<RecalculationJob>();
}

async function closureDays(query: string) {
  const res = await app.inject({ method: 'GET', url: `/api/admin/closure-days?${query}` });
  expect(res.statusCode).toBe(200);
  return res.json<ClosureDaysResponse>().closureDays;
}

/**
 * The items whose derived values the domain rules change when `closures` become closure days
 * (beside the demo's), and the values they must then have: from the domain's own calendar, not
 * from the recalculation's choice of items, so an item it wrongly leaves out is still expected.
 */
function changedBy(before: Map<number, StoredItem>, closures: string[]) {
  const expected = expectedDerivation([DEMO_CLOSURE, ...closures]);
  const changing = [...before.values()].filter(
    (r) => r.completed_at !== null && expected(r).elapsedWorkingDays !== r.elapsed_working_days,
  );
  return { expected, changing };
}

/**
 * Written enquiries (threshold 5 working days) around Friday 14 November 2025, the day the
 * GOV.UK file adds; their values worked out by hand from measurement.md (received date < d <=
 * completed date). November is GMT: these UTC times are London times.
 */
const AROUND_MADE_UP_DAY: [ref: string, received: string, completed: string][] = [
  ['H-1', '2025-11-12T10:00:00Z', '2025-11-20T10:00:00Z'], // Wed to Thu: 13,14,17-20 = 6, late
  ['H-2', '2025-11-14T09:00:00Z', '2025-11-17T10:00:00Z'], // received on the day: 17 = 1
  ['H-3', '2025-11-12T10:00:00Z', '2025-11-14T15:00:00Z'], // completed on the day: 13,14 = 2
  ['H-4', '2025-11-12T10:00:00Z', '2025-11-13T10:00:00Z'], // ends the day before: 13 = 1
  ['H-5', '2025-11-13T10:00:00Z', ''], // open
];

describe('GOV.UK bank-holidays.json import', () => {
  test('stores the new day and recalculates exactly the items spanning it', async () => {
    const csv = [
      'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at',
      ...AROUND_MADE_UP_DAY.map(
        ([ref, received, completed]) =>
          `${ref},written_enquiry,customer-support,Written Team,email,individual,${received},${completed}`,
      ),
    ].join('\n');
    const imported = await app.inject({
      method: 'POST',
      url: '/api/imports/work-items?source=hand',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const hand = async () =>
      (
        await db.pool.query<{ ref: string; days: number | null; within: boolean | null }>(
          `SELECT source_ref AS ref, elapsed_working_days AS days, within_threshold AS within
             FROM work_item WHERE source = 'hand' ORDER BY source_ref`,
        )
      ).rows;
    expect(await hand()).toEqual([
      { ref: 'H-1', days: 6, within: false },
      { ref: 'H-2', days: 1, within: true },
      { ref: 'H-3', days: 2, within: true },
      { ref: 'H-4', days: 1, within: true },
      { ref: 'H-5', days: null, within: null },
    ]);

    const before = await snapshotItems(db.pool);
    const versionBefore = await rulesVersion(db.pool);
    const { expected, changing } = changedBy(before, [MADE_UP_DAY]);
    expect(changing.length).toBeGreaterThan(50);

    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days/import',
      headers: { 'content-type': 'application/json' },
      payload: await readFile(fixture, 'utf8'),
    });
    expect(res.statusCode).toBe(202);
    const body = res.json<ClosureImportResponse>();
    expect(body.added).toBe(1);
    // 16 real England and Wales days and 3 Scottish ones, all known to date-holidays.
    expect(body.alreadyKnown).toBe(19);
    expect(body.divisions).toEqual([
      { division: 'england_and_wales', added: 1, alreadyKnown: 16 },
      { division: 'scotland', added: 0, alreadyKnown: 3 },
    ]);
    expect(body.addedDays).toEqual([
      {
        date: MADE_UP_DAY,
        scope: 'england_and_wales',
        reason: 'Office closure for a systems migration (made-up test day)',
      },
    ]);
    expect(body.recalculation?.status).toMatch(/queued|running/);
    expect(res.headers.location).toBe(`/api/admin/recalculations/${body.recalculation?.id}`);

    await waitForRecalculations();
    const finished = await job(body.recalculation!.id);
    expect(finished).toMatchObject({
      status: 'succeeded',
      total: changing.length,
      done: changing.length,
      error: null,
      rulesVersion: versionBefore + 1,
      createdBy: me.user.email,
    });
    expect(finished.finishedAt).not.toBeNull();
    expect(await rulesVersion(db.pool)).toBe(versionBefore + 1);

    // Only H-1 and H-3 span the day: one working day fewer each, and H-1 is now within 5.
    expect(await hand()).toEqual([
      { ref: 'H-1', days: 5, within: true },
      { ref: 'H-2', days: 1, within: true },
      { ref: 'H-3', days: 1, within: true },
      { ref: 'H-4', days: 1, within: true },
      { ref: 'H-5', days: null, within: null },
    ]);

    const after = await snapshotItems(db.pool);
    const recalculated = new Set(changing.map((r) => r.id));
    let flipped = 0;
    for (const [id, old] of before) {
      const now = after.get(id)!;
      if (recalculated.has(id)) {
        expect(now.elapsed_working_days).toBe(old.elapsed_working_days! - 1);
        expect(now.rules_version).toBe(versionBefore + 1);
        const e = expected(now);
        expect(now.within_threshold).toBe(e.withinThreshold);
        expect(now.elapsed_working_days).toBe(e.elapsedWorkingDays);
        if (now.within_threshold !== old.within_threshold) flipped++;
      } else {
        expect(now).toEqual(old);
      }
    }
    // One working day fewer brings some late items within their working-days threshold.
    expect(flipped).toBeGreaterThan(0);
    expect(await rollupDifferences(db.pool)).toEqual({ turnaround: [], groups: [] });
  });

  test('lists the imported day beside the date-holidays bank holidays', async () => {
    const days = await closureDays('from=2025-11-01&to=2025-12-31&scope=england_and_wales');
    expect(days.map((d) => [d.date, d.source, d.deletable])).toEqual([
      [MADE_UP_DAY, 'govuk_import', true],
      ['2025-12-25', 'date_holidays', false],
      ['2025-12-26', 'date_holidays', false],
    ]);
    expect(days[0]).toMatchObject({
      scope: 'england_and_wales',
      reason: 'Office closure for a systems migration (made-up test day)',
      createdBy: me.user.email,
    });
    const all = await closureDays('from=2025-06-01&to=2025-12-31');
    expect(all.find((d) => d.date === DEMO_CLOSURE)).toMatchObject({
      scope: 'organisation',
      source: 'admin',
    });
    expect(all.filter((d) => d.scope === 'scotland').map((d) => d.date)).toContain('2025-12-01');
  });

  test('the rules used by the API see the new day after the job', async () => {
    const rules = await currentRules(db.pool);
    expect(rules.calendar('england_and_wales').isWorkingDay(MADE_UP_DAY)).toBe(false);
    expect(rules.calendar('scotland').isWorkingDay(MADE_UP_DAY)).toBe(true);
  });

  test('importing the same file again adds nothing and starts no job', async () => {
    const jobsBefore = await db.pool.query('SELECT count(*)::int AS n FROM recalculation_job');
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days/import',
      payload: JSON.parse(await readFile(fixture, 'utf8')),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<ClosureImportResponse>()).toMatchObject({
      added: 0,
      alreadyKnown: 20,
      recalculation: null,
    });
    const jobsAfter = await db.pool.query('SELECT count(*)::int AS n FROM recalculation_job');
    expect(jobsAfter.rows).toEqual(jobsBefore.rows);
  });

  test.each([
    [
      'an unknown division',
      { wales: { division: 'wales', events: [] } },
      'wales',
      /unknown division "wales"/,
    ],
    [
      'a bad date',
      {
        'england-and-wales': {
          division: 'england-and-wales',
          events: [
            { title: 'New Year', date: '2026-01-01' },
            { title: 'Nonsense', date: '2026-02-30' },
          ],
        },
      },
      'england-and-wales.events.1.date',
      /date/,
    ],
    [
      'a division filed under the wrong key',
      { scotland: { division: 'england-and-wales', events: [] } },
      'scotland.division',
      /must be "scotland"/,
    ],
    ['no division at all', {}, 'body', /has no division/],
  ])('%s gives 400 naming the field', async (_name, payload, field, message) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days/import',
      payload,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.issues?.map((i) => i.field)).toContain(field);
    expect(body.message).toMatch(message);
  });
});

describe('recording and removing closure days', () => {
  const DAY = '2025-10-15'; // a Wednesday

  test('adding then deleting an organisation closure day round-trips to the original values', async () => {
    const before = await snapshotItems(db.pool);
    const rollupsBefore = await rollupSnapshot(db.pool);
    // MADE_UP_DAY is a closure day since the GOV.UK import above.
    const { changing: affected } = changedBy(before, [MADE_UP_DAY, DAY]);
    expect(affected.length).toBeGreaterThan(50);

    const added = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days',
      payload: {
        date: DAY,
        scope: 'organisation',
        reason: 'Interrupted day: power cut at Newport',
      },
    });
    expect(added.statusCode).toBe(202);
    const addBody = added.json<ClosureDayChangeResponse>();
    expect(added.headers.location).toBe(`/api/admin/recalculations/${addBody.recalculation.id}`);
    await waitForRecalculations();
    expect(await job(addBody.recalculation.id)).toMatchObject({
      status: 'succeeded',
      total: affected.length,
      done: affected.length,
    });

    const during = await snapshotItems(db.pool);
    for (const old of affected) {
      expect(during.get(old.id)?.elapsed_working_days).toBe(old.elapsed_working_days! - 1);
    }
    expect(await rollupDifferences(db.pool)).toEqual({ turnaround: [], groups: [] });
    const listed = await closureDays(`from=${DAY}&to=${DAY}`);
    expect(listed).toEqual([
      expect.objectContaining({
        date: DAY,
        scope: 'organisation',
        source: 'admin',
        reason: 'Interrupted day: power cut at Newport',
        deletable: true,
      }),
    ]);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/admin/closure-days/${DAY}?scope=organisation`,
    });
    expect(removed.statusCode).toBe(202);
    const removeBody = removed.json<ClosureDayChangeResponse>();
    await waitForRecalculations();
    expect(await job(removeBody.recalculation.id)).toMatchObject({
      status: 'succeeded',
      total: affected.length,
      done: affected.length,
    });

    const after = await snapshotItems(db.pool);
    expect(after.size).toBe(before.size);
    for (const [id, old] of before) expect(derivedOf(after.get(id)!)).toEqual(derivedOf(old));
    expect(await rollupSnapshot(db.pool)).toEqual(rollupsBefore);
    expect(await closureDays(`from=${DAY}&to=${DAY}`)).toEqual([]);

    const audit = await db.pool.query<{
      actor: string;
      action: string;
      entity_id: string;
      details: { reason?: string };
    }>(
      `SELECT actor, action, entity_id, details FROM audit_event
        WHERE entity = 'closure_day' AND entity_id = $1 ORDER BY id`,
      [`${DAY}/organisation`],
    );
    expect(audit.rows.map((r) => [r.actor, r.action])).toEqual([
      [me.user.email, 'closure_day.create'],
      [me.user.email, 'closure_day.delete'],
    ]);
    expect(audit.rows[1]?.details.reason).toBe('Interrupted day: power cut at Newport');
    // Each recalculation is recorded too, with the request that started it.
    const runs = await db.pool.query<{
      actor: string;
      entity_id: string;
      request_id: string | null;
    }>(
      `SELECT actor, entity_id, request_id FROM audit_event
        WHERE action = 'recalculation.run' AND entity_id = ANY($1) ORDER BY id`,
      [[String(addBody.recalculation.id), String(removeBody.recalculation.id)]],
    );
    expect(runs.rows.map((r) => [r.actor, r.entity_id])).toEqual([
      [me.user.email, String(addBody.recalculation.id)],
      [me.user.email, String(removeBody.recalculation.id)],
    ]);
    expect(runs.rows.every((r) => r.request_id)).toBe(true);
  });

  test('deleting a date-holidays bank holiday is refused with 409', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/admin/closure-days/2025-12-25?scope=england_and_wales',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorResponse>().message).toMatch(
      /Christmas Day.*bank holiday from date-holidays.*cannot be deleted/,
    );
  });

  test('deleting a day that is not recorded is 404; without a scope, 400', async () => {
    const missing = await app.inject({
      method: 'DELETE',
      url: '/api/admin/closure-days/2025-10-16?scope=organisation',
    });
    expect(missing.statusCode).toBe(404);
    const noScope = await app.inject({
      method: 'DELETE',
      url: '/api/admin/closure-days/2025-10-16',
    });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json<ErrorResponse>().message).toMatch(/scope/);
  });

  test.each([
    ['reason', { date: '2025-10-16', scope: 'organisation' }],
    ['reason', { date: '2025-10-16', scope: 'organisation', reason: '   ' }],
    ['reason', { date: '2025-10-16', scope: 'organisation', reason: 'x'.repeat(501) }],
    ['date', { date: '2025-13-01', scope: 'organisation', reason: 'Closed' }],
    ['date', { date: '2025-10-18', scope: 'organisation', reason: 'A Saturday' }],
    ['date', { date: '1999-12-31', scope: 'organisation', reason: 'Before the calendar' }],
    ['scope', { date: '2025-10-16', scope: 'wales', reason: 'Closed' }],
  ])('a bad %s gives 400 naming it (%j)', async (field, payload) => {
    const res = await app.inject({ method: 'POST', url: '/api/admin/closure-days', payload });
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.issues?.map((i) => i.field)).toContain(field);
  });

  test('a day already recorded, or already a bank holiday, is a 409', async () => {
    const demo = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days',
      payload: { date: DEMO_CLOSURE, scope: 'organisation', reason: 'Again' },
    });
    expect(demo.statusCode).toBe(409);
    expect(demo.json<ErrorResponse>().message).toMatch(/already recorded/);
    const boxingDay = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days',
      payload: { date: '2025-12-26', scope: 'england_and_wales', reason: 'Boxing Day' },
    });
    expect(boxingDay.statusCode).toBe(409);
    expect(boxingDay.json<ErrorResponse>().message).toMatch(
      /already a bank holiday \(Boxing Day\)/,
    );
  });

  test('a range ending before it starts is a 400 naming `to`', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/admin/closure-days?from=2025-12-01&to=2025-11-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>().issues?.[0]?.field).toBe('to');
  });
});

describe('who may change closure days', () => {
  test('anonymous callers get 401 and signed-in users without the admin role 403', async () => {
    const viewer = await signInAs(db, ['viewer']);
    const manager = await signInAs(db, ['manager']);
    for (const [method, url] of [
      ['GET', '/api/admin/closure-days'],
      ['POST', '/api/admin/closure-days'],
      ['GET', '/api/admin/recalculations'],
      ['PATCH', '/api/admin/standards/complaints'],
    ] as const) {
      const payload = method === 'GET' ? undefined : {};
      // An explicit empty cookie overrides the file's signed-in default.
      const anonymous = await app.inject({ method, url, payload, headers: { cookie: '' } });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      for (const who of [viewer, manager]) {
        const res = await app.inject({ method, url, payload, headers: who.headers });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json<ErrorResponse>().message).toBe('This needs the role of an administrator.');
      }
    }
  });
});
