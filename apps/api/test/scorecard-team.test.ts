import {
  ErrorResponseSchema,
  type Figure,
  type ScorecardResponse,
  ScorecardResponseSchema,
  SeriesResponseSchema,
} from '@ipo/contracts';
import { latestCompletePeriod, londonDate, parsePeriod } from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * GET /api/scorecard?team=: every standard for one team's work, by the series endpoint's paths
 * (a team's month on the scorecard is that month of the standard's series with the same team).
 */

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
const today = londonDate(new Date());
const lastMonth = latestCompletePeriod(today, 'month');
let examTeamC: number;
let callsTeam: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { seed: 5, scale: 0.02, from: '2025-01-01' });
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
  const team = async (sql: string) => {
    const { rows } = await db.pool.query<{ id: number }>(sql);
    const id = rows[0]?.id;
    if (id === undefined) throw new Error(`no team: ${sql}`);
    return id;
  };
  examTeamC = await team(`SELECT id FROM team WHERE name = 'Examination Team C'`);
  // The team answering the most calls.
  callsTeam = await team(
    `SELECT team_id AS id FROM work_item WHERE work_type_code = 'phone_call' AND team_id IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
}, 180_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as unknown, text: res.body };
}

async function scorecard(query: string): Promise<ScorecardResponse> {
  const res = await get(`/api/scorecard?${query}`);
  expect(res.status, res.text).toBe(200);
  return ScorecardResponseSchema.parse(res.body);
}

async function seriesPoints(code: string, query: string): Promise<Figure[]> {
  const res = await get(`/api/standards/${code}/series?${query}`);
  expect(res.status, res.text).toBe(200);
  return SeriesResponseSchema.parse(res.body).points;
}

/** What a figure says, without the period (its label differs between endpoints for a year). */
const said = (f: Pick<Figure, 'n' | 'successes' | 'value' | 'suppressed' | 'status'>) => ({
  n: f.n,
  successes: f.successes,
  value: f.value,
  suppressed: f.suppressed,
  status: f.status,
});

describe('GET /api/scorecard?team=', () => {
  test("a team's month equals its series for that month, for every standard", async () => {
    for (const team of [examTeamC, callsTeam]) {
      const card = await scorecard(`period=${lastMonth.id}&team=${team}`);
      expect(card.team?.id).toBe(team);
      expect(card.standards).toHaveLength(13);
      for (const entry of card.standards) {
        const [point] = await seriesPoints(
          entry.code,
          `granularity=month&from=${lastMonth.id}&to=${lastMonth.id}&team=${team}`,
        );
        expect(point, entry.code).toBeDefined();
        expect(said(entry), `${entry.code}, team ${team}`).toEqual(said(point as Figure));
      }
    }
  });

  test('the sparkline is the series of the last 12 months, percentiles and satisfaction too', async () => {
    const card = await scorecard(`period=${lastMonth.id}&team=${examTeamC}`);
    for (const code of ['tm-exam', 'csat', 'quality-tm']) {
      const entry = card.standards.find((s) => s.code === code);
      expect(entry, code).toBeDefined();
      const first = entry?.sparkline[0]?.period.id;
      const points = await seriesPoints(
        code,
        `granularity=month&from=${first}&to=${lastMonth.id}&team=${examTeamC}`,
      );
      expect(entry?.sparkline.map(said), code).toEqual(points.map(said));
    }
    // Examination Team C examines trade marks: its percentile comes from its own items.
    const mine = card.standards.find((s) => s.code === 'tm-exam');
    const all = (await scorecard(`period=${lastMonth.id}`)).standards.find(
      (s) => s.code === 'tm-exam',
    );
    expect(mine?.noWorkForTeam).toBe(false);
    expect(mine?.n).toBeGreaterThan(0);
    expect(mine?.n).toBeLessThan(all?.n ?? 0);
  });

  test('a quarter is the sum of its months; satisfaction is withheld when any month is', async () => {
    const quarter = parsePeriod('2025-26-Q2');
    const card = await scorecard(`period=${quarter.id}&team=${examTeamC}`);
    for (const code of ['tm-exam', 'csat']) {
      const entry = card.standards.find((s) => s.code === code);
      expect(entry, code).toBeDefined();
      const [point] = await seriesPoints(
        code,
        `granularity=quarter&from=${quarter.id}&to=${quarter.id}&team=${examTeamC}`,
      );
      if (entry) expect(said(entry), code).toEqual(said(point as Figure));
    }
    // The twelve quarters are the series' quarters; a quarter holding a withheld month is withheld.
    const csat = card.standards.find((s) => s.code === 'csat');
    const first = csat?.sparkline[0]?.period;
    const quarters = await seriesPoints(
      'csat',
      `granularity=quarter&from=${first?.id}&to=${quarter.id}&team=${examTeamC}`,
    );
    expect(csat?.sparkline.map(said)).toEqual(quarters.map(said));
    const months = await seriesPoints(
      'csat',
      `granularity=month&from=${first?.start}&to=${quarter.end}&team=${examTeamC}`,
    );
    const withheld = months.filter((m) => m.suppressed);
    expect(withheld.length).toBeGreaterThan(0);
    for (const m of withheld) {
      const q = csat?.sparkline.find(
        (f) => f.period.start <= m.period.start && m.period.end <= f.period.end,
      );
      expect(q, m.period.id).toMatchObject({
        suppressed: true,
        n: null,
        value: null,
        successes: null,
      });
    }
  });

  test('standards with no work for the team are listed as such, with empty figures', async () => {
    const card = await scorecard(`period=${lastMonth.id}&team=${examTeamC}`);
    const calls = card.standards.find((s) => s.code === 'csc-calls');
    expect(calls).toMatchObject({
      noWorkForTeam: true,
      n: 0,
      value: null,
      status: 'no_data',
      backlog: 0,
      backlogLate: 0,
    });
    const none = card.standards.filter((s) => s.noWorkForTeam);
    expect(card.summary.noWorkForTeam).toBe(none.length);
    expect(none.length).toBeGreaterThan(0);
    expect(none.every((s) => s.status === 'no_data')).toBe(true);
    expect(card.summary.total).toBe(13);
    expect(card.team).toEqual({
      id: examTeamC,
      name: 'Examination Team C',
      service: { code: 'trade-marks', name: 'Trade Marks' },
    });
  });

  test("the backlog is the team's open items only", async () => {
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM work_item
        WHERE work_type_code = 'phone_call' AND completed_date IS NULL AND team_id = $1`,
      [callsTeam],
    );
    const card = await scorecard(`team=${callsTeam}`);
    expect(card.standards.find((s) => s.code === 'csc-calls')?.backlog).toBe(rows[0]?.n);
  });

  test('each team is cached on its own, and the office apart from both', async () => {
    const office = await get('/api/scorecard');
    const a = await scorecard(`team=${examTeamC}`);
    const b = await scorecard(`team=${callsTeam}`);
    const again = await get('/api/scorecard');
    expect([a.team?.id, b.team?.id]).toEqual([examTeamC, callsTeam]);
    const calls = (card: ScorecardResponse) => card.standards.find((s) => s.code === 'csc-calls');
    expect(calls(a)?.n).not.toBe(calls(b)?.n);
    // Without a team: no team, and nothing of the team's in the answer.
    for (const res of [office, again]) {
      const card = ScorecardResponseSchema.parse(res.body);
      expect('team' in (res.body as object)).toBe(false);
      expect(res.text).not.toContain('noWorkForTeam');
      expect(calls(card)?.n).toBeGreaterThan(calls(b)?.n ?? 0);
    }
    expect(again.text.replace(/"generatedAt":"[^"]*"/, '')).toBe(
      office.text.replace(/"generatedAt":"[^"]*"/, ''),
    );
  });

  test.each(['999999', '0', '-1', 'abc', '1.5', '2147483648'])(
    'team=%s is a 400 naming team',
    async (team) => {
      const res = await get(`/api/scorecard?team=${team}`);
      expect(res.status, res.text).toBe(400);
      expect(ErrorResponseSchema.parse(res.body).issues?.map((i) => i.field)).toContain('team');
    },
  );

  test('a team lead may read any team’s figures (read-figures); anonymous is refused', async () => {
    const lead = await signInAs(db, ['team-lead'], { teams: ['Examination Team C'] });
    const res = await app.inject({
      method: 'GET',
      url: `/api/scorecard?team=${callsTeam}`,
      headers: lead.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const anonymous = await app.inject({
      method: 'GET',
      url: `/api/scorecard?team=${callsTeam}`,
      headers: { cookie: '' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
