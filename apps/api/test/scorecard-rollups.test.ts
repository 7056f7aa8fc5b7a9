import { ScorecardResponseSchema } from '@ipo/contracts';
import {
  buildCalendar,
  histogramPercentile,
  latestCompletePeriod,
  londonDate,
  openItemAge,
  type Threshold,
} from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { waitForRecalculations } from '../src/derive/recalculate.js';
import type { ImportRecord } from '../src/imports/csv-records.js';
import { runImport } from '../src/imports/run-import.js';
import { loadStandards } from '../src/queries/standards.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';
import { noDifferences, type Rollup, rollupDifferences } from './support/rollups.js';

// The rollups of migration 0014 (the backlog's open items, a team's monthly histogram and
// checks) against the raw rows, through every kind of write; and the scorecard's backlog and
// team figures, which read them, against the raw rows.

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;

const NEW: Rollup[] = ['open', 'teamMonths', 'teamChecks'];
const differences = () => rollupDifferences(db.pool, NEW);
const none = noDifferences(NEW);

beforeAll(async () => {
  db = await createTestDatabase();
  // Up to today, so open items have every age around the thresholds.
  await seedDemoData(db.pool, { seed: 5, scale: 0.02, from: '2025-10-01' });
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function count(sql: string): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(sql);
  return rows[0]?.n ?? 0;
}

/** Rows at zero or below in the new rollups (emptied groups must be removed). */
const emptyGroups = () =>
  count(`SELECT ((SELECT count(*) FROM work_item_open_day WHERE n <= 0)
               + (SELECT count(*) FROM work_item_month_team_turnaround WHERE n <= 0)
               + (SELECT count(*) FROM quality_check_month_team WHERE n <= 0))::int AS n`);

describe('the open-item and team rollups stay exact', () => {
  test('after the bulk COPY of the demo data', async () => {
    expect(await count('SELECT sum(n)::int AS n FROM work_item_open_day')).toBeGreaterThan(100);
    expect(
      await count('SELECT count(DISTINCT team_id)::int AS n FROM work_item_month_team_turnaround'),
    ).toBeGreaterThan(3);
    expect(await count('SELECT sum(n)::int AS n FROM quality_check_month_team')).toBeGreaterThan(
      100,
    );
    expect(await differences()).toEqual(none);
  });

  test('through completions, reopenings, team moves, deletes and inserts in one transaction', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // Complete some open items, reopen some completed ones.
      await client.query(`UPDATE work_item SET completed_at = received_at + interval '3 days',
          completed_date = received_date + 3, elapsed_seconds = 259200, elapsed_working_days = 2,
          elapsed_calendar_days = 3, within_threshold = true
        WHERE completed_date IS NULL AND id % 3 = 0`);
      await client.query(`UPDATE work_item SET completed_at = NULL, completed_date = NULL,
          elapsed_seconds = NULL, elapsed_working_days = NULL, elapsed_calendar_days = NULL,
          within_threshold = NULL
        WHERE completed_date IS NOT NULL AND id % 19 = 0`);
      // Move items between teams, to no team, and to another day of receipt.
      await client.query(`UPDATE work_item SET team_id = NULL WHERE id % 13 = 0`);
      await client.query(`UPDATE work_item w SET team_id = t.id
          FROM (SELECT id, service_code FROM team) t
         WHERE t.service_code = w.service_code AND t.id <> coalesce(w.team_id, 0) AND w.id % 11 = 0`);
      await client.query(`UPDATE work_item SET received_date = received_date - 1,
          received_at = received_at - interval '1 day' WHERE completed_date IS NULL AND id % 5 = 0`);
      // Recomputed values that leave an item in its groups write nothing new, and are exact too.
      await client.query(`UPDATE work_item SET rules_version = rules_version WHERE id % 2 = 0`);
      await client.query('DELETE FROM work_item WHERE id % 7 = 0');
      await client.query(`INSERT INTO work_item (source, source_ref, work_type_code, service_code, channel,
          customer_group, received_at, received_date)
        VALUES ('test', 'open-1', 'complaint', 'customer-experience', 'email', 'individual',
          '2026-01-05T09:00:00Z', '2026-01-05'),
               ('test', 'open-2', 'complaint', 'customer-experience', 'email', 'individual',
          '2026-01-05T10:00:00Z', '2026-01-05')`);
      await client.query(`UPDATE quality_check SET passed = NOT passed WHERE id % 3 = 0`);
      await client.query(`UPDATE quality_check SET team_id = NULL WHERE id % 4 = 0`);
      await client.query(`UPDATE quality_check SET checked_date = checked_date - 40,
          checked_at = checked_at - interval '40 days' WHERE id % 6 = 0`);
      await client.query('DELETE FROM quality_check WHERE id % 5 = 0');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await differences()).toEqual(none);
    expect(await emptyGroups()).toBe(0);
  });

  test('a rolled-back write leaves them untouched', async () => {
    const sums = () =>
      db.pool
        .query(`SELECT (SELECT sum(n) FROM work_item_open_day) AS open,
                       (SELECT sum(n) FROM work_item_month_team_turnaround) AS months,
                       (SELECT sum(n) FROM quality_check_month_team) AS checks`)
        .then((r) => r.rows[0]);
    const before = await sums();
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM work_item WHERE id % 2 = 0');
      await client.query('DELETE FROM quality_check WHERE id % 2 = 0');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await sums()).toEqual(before);
  });

  test('through imports that fold their deltas once (new rows, then the same rows changed)', async () => {
    const DAY = 86_400_000;
    const start = Date.UTC(2026, 2, 2, 9);
    const file = (changed: boolean): ImportRecord[] =>
      Array.from({ length: 3000 }, (_, i) => {
        const received = new Date(start + (i % 200) * DAY);
        // Every third item is open at first; the second file completes half of those and
        // reopens others, and moves a quarter of the items to another team.
        const open = changed ? i % 6 === 3 || i % 10 === 1 : i % 3 === 0;
        const completed = open ? '' : new Date(received.getTime() + (i % 40) * DAY).toISOString();
        const team =
          changed && i % 4 === 0 ? 'Written Enquiries Import B' : 'Written Enquiries Import A';
        return {
          line: i + 2,
          fields: [
            `fold-${i}`,
            'written_enquiry',
            'customer-support',
            team,
            'email',
            'individual',
            received.toISOString(),
            completed,
          ],
        };
      });
    for (const changed of [false, true]) {
      const result = await runImport(
        db.pool,
        {
          kind: 'work-items',
          mode: 'all-or-nothing',
          dataSource: 'fold-test',
          file: 'f.csv',
          createdBy: 't',
        },
        (async function* () {
          yield file(changed);
        })(),
        { chunkRows: 700 },
      );
      expect(result.status).toBe('applied');
      expect(await differences()).toEqual(none);
    }
    expect(
      await count(
        `SELECT count(*)::int AS n FROM work_item WHERE source = 'fold-test' AND completed_date IS NULL`,
      ),
    ).toBe(file(true).filter((r) => r.fields[7] === '').length);
    expect(await emptyGroups()).toBe(0);
  }, 120_000);

  test('through a recalculation of derived values (a threshold change)', async () => {
    const before = await count(
      `SELECT sum(n)::int AS n FROM work_item_month_team_turnaround WHERE work_type_code = 'complaint' AND within_threshold`,
    );
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/standards/complaints',
      payload: { thresholdValue: 3, reason: 'Test: a stricter complaints promise' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitForRecalculations();
    const after = await count(
      `SELECT sum(n)::int AS n FROM work_item_month_team_turnaround WHERE work_type_code = 'complaint' AND within_threshold`,
    );
    expect(after).toBeLessThan(before);
    expect(await differences()).toEqual(none);
    expect(await emptyGroups()).toBe(0);
  });
});

describe('the scorecard reads them as the raw rows say', () => {
  /** Open items of the kinds the demo data lacks: calls, and items received after now. */
  beforeAll(async () => {
    const now = Date.now();
    const rows: [string, string, string, number][] = [
      // Calls still open: two hours and three days old (late against 60 seconds), and one
      // received ten minutes from now (a clock ahead of ours: not late).
      ['phone_call', 'customer-support', 'call-1', now - 2 * 3_600_000],
      ['phone_call', 'customer-support', 'call-2', now - 3 * 86_400_000],
      ['phone_call', 'customer-support', 'call-3', now + 600_000],
      ['complaint', 'customer-experience', 'future-1', now + 2 * 86_400_000],
      ['patent_search', 'patents', 'future-2', now + 86_400_000],
    ];
    for (const [workType, service, ref, at] of rows) {
      const received = new Date(at);
      await db.pool.query(
        `INSERT INTO work_item (source, source_ref, work_type_code, service_code, team_id, channel,
           customer_group, received_at, received_date)
         VALUES ('test', $1, $2, $3, (SELECT min(id) FROM team WHERE service_code = $3), 'phone',
           'individual', $4, $5)`,
        [ref, workType, service, received, londonDate(received)],
      );
    }
  });

  /** Open items and late ones per standard from the raw rows, each aged from its own receipt. */
  async function expectedBacklog(now: Date, teamId?: number) {
    const standards = await loadStandards(db.pool);
    const { rows: closures } = await db.pool.query<{ date: string }>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM closure_day
        WHERE scope IN ('organisation', 'england_and_wales')`,
    );
    const calendar = buildCalendar({
      division: 'england_and_wales',
      organisationClosures: closures.map((c) => c.date),
      from: '2020-01-01',
      to: '2035-12-31',
    });
    const { rows: open } = await db.pool.query<{ work_type_code: string; received_at: Date }>(
      `SELECT work_type_code, received_at FROM work_item
        WHERE completed_date IS NULL AND ($1::int IS NULL OR team_id = $1)`,
      [teamId ?? null],
    );
    const out = new Map<string, { open: number; late: number }>();
    for (const s of standards) {
      if (s.kind !== 'timeliness' || !s.threshold) continue;
      expect(s.division).toBe('england_and_wales');
      const threshold: Threshold = s.threshold;
      const mine = open.filter((r) => s.workTypes.includes(r.work_type_code));
      const late = mine.filter(
        (r) =>
          openItemAge(r.received_at > now ? now : r.received_at, now, threshold, calendar).late,
      ).length;
      out.set(s.code, { open: mine.length, late });
    }
    return out;
  }

  async function scorecard(url: string) {
    const res = await app.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    return ScorecardResponseSchema.parse(res.json());
  }

  test("the office's backlog and its late part equal the raw open items", async () => {
    const card = await scorecard('/api/scorecard');
    const expected = await expectedBacklog(new Date(card.generatedAt));
    // Every unit of threshold is there, with items on both sides of it.
    const units = new Set(
      card.standards.filter((s) => expected.has(s.code)).map((s) => s.threshold?.unit),
    );
    expect([...units].sort()).toEqual(['calendar_months', 'seconds', 'working_days']);
    for (const entry of card.standards) {
      const want = expected.get(entry.code);
      expect(
        { code: entry.code, open: entry.backlog, late: entry.backlogLate },
        entry.code,
      ).toEqual({ code: entry.code, open: want?.open ?? null, late: want?.late ?? null });
    }
    // Calls are late by the second: the two old ones are, the one received after now is not.
    const calls = expected.get('csc-calls')!;
    expect(calls.late).toBeGreaterThanOrEqual(2);
    expect(calls.open - calls.late).toBeGreaterThanOrEqual(1);
    const lateAndNot = [...expected.values()].filter((b) => b.late > 0 && b.late < b.open);
    expect(lateAndNot.length).toBeGreaterThan(3);
  });

  test("a team's backlog, and its month's figures, equal its raw rows", async () => {
    const { rows: teams } = await db.pool.query<{ id: number }>(
      `SELECT team_id AS id FROM work_item WHERE completed_date IS NULL AND team_id IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC`,
    );
    const month = latestCompletePeriod(londonDate(new Date()), 'month');
    for (const { id } of teams.slice(0, 3)) {
      const card = await scorecard(`/api/scorecard?team=${id}&period=${month.id}`);
      const expected = await expectedBacklog(new Date(card.generatedAt), id);
      for (const entry of card.standards) {
        const want = expected.get(entry.code);
        expect(
          { open: entry.backlog, late: entry.backlogLate },
          `${entry.code}, team ${id}`,
        ).toEqual({ open: want?.open ?? null, late: want?.late ?? null });
      }
      // The month's figures of work items and checks, from the raw rows of the team.
      const standards = await loadStandards(db.pool);
      for (const entry of card.standards) {
        const s = standards.find((x) => x.code === entry.code)!;
        if (s.measure === 'satisfied_share') continue;
        const checks = s.measure === 'pass_rate';
        const { rows } = await db.pool.query<{ wd: number | null; ok: number; n: number }>(
          checks
            ? `SELECT NULL::int AS wd, count(*) FILTER (WHERE passed)::int AS ok, count(*)::int AS n
                 FROM quality_check WHERE work_type_code = ANY($1) AND team_id = $2
                  AND checked_date BETWEEN $3 AND $4`
            : `SELECT elapsed_working_days AS wd, count(*) FILTER (WHERE within_threshold)::int AS ok,
                      count(*)::int AS n
                 FROM work_item WHERE work_type_code = ANY($1) AND team_id = $2
                  AND completed_date BETWEEN $3 AND $4 GROUP BY 1`,
          [s.workTypes, id, month.start, month.end],
        );
        const n = rows.reduce((a, r) => a + r.n, 0);
        const ok = rows.reduce((a, r) => a + r.ok, 0);
        const value =
          n === 0
            ? null
            : s.measure === 'percentile_turnaround'
              ? histogramPercentile(
                  new Map(rows.map((r) => [r.wd as number, r.n])),
                  s.percentile ?? 90,
                )
              : ok / n;
        expect({ n: entry.n, successes: entry.successes, value: entry.value }, s.code).toEqual({
          n,
          successes: n > 0 ? ok : null,
          value,
        });
      }
    }
  });
});

describe('emptying the raw tables', () => {
  test('TRUNCATE empties the new rollups', async () => {
    await db.pool.query('TRUNCATE work_item, quality_check');
    expect(
      await count(`SELECT ((SELECT count(*) FROM work_item_open_day)
                         + (SELECT count(*) FROM work_item_month_team_turnaround)
                         + (SELECT count(*) FROM quality_check_month_team))::int AS n`),
    ).toBe(0);
  });
});
