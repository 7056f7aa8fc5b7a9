/**
 * Small feedback cells reveal nothing, not even by subtraction. A controlled set of responses with
 * small cells placed where the usual differencing attacks would find them; each attack is tried
 * through the API as a user would, then an attacker who knows every figure the API showed (and
 * combines them by any sums and differences) is checked against every small group.
 */
import {
  BreakdownResponseSchema,
  FeedbackCommentsSchema,
  FeedbackGroupsSchema,
  FeedbackSummarySchema,
  ItemsResponseSchema,
  SeriesResponseSchema,
} from '@ipo/contracts';
import { LinearAttacker } from '@ipo/domain';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
const team: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };

/** [month, service, team, channel, customer group, type, responses, of which satisfied] */
type Group = [string, string, 'A' | 'B' | 'C' | 'D' | null, string, string, string, number, number];
const GROUPS: Group[] = [];
for (const month of ['2025-10', '2025-11', '2025-12']) {
  GROUPS.push(
    [month, 'customer-support', 'A', 'phone', 'individual', 'general', 45, 40],
    [month, 'customer-support', 'B', 'phone', 'small_business', 'general', 30, 28],
    [month, 'customer-support', 'B', 'email', 'small_business', 'complaint', 20, 5],
    [month, 'customer-support', null, 'phone', 'individual', 'general', 12, 11],
    [month, 'designs', 'C', 'phone', 'attorney', 'compliment', 50, 50],
    [month, 'designs', 'C', 'email', 'large_business', 'general', 50, 45],
  );
}
GROUPS.push(
  // Team A's e-mails: 12 and 12 in October and November, but 2 in December (the small cell).
  ['2025-10', 'customer-support', 'A', 'email', 'individual', 'complaint', 12, 3],
  ['2025-11', 'customer-support', 'A', 'email', 'individual', 'complaint', 12, 4],
  ['2025-12', 'customer-support', 'A', 'email', 'individual', 'complaint', 2, 0],
  // Five attorneys wrote to team A by e-mail in November: a small group within a big team.
  ['2025-11', 'customer-support', 'A', 'email', 'attorney', 'complaint', 5, 1],
  // Three individuals wrote to designs by post in November.
  ['2025-11', 'designs', 'C', 'post', 'individual', 'general', 3, 1],
  // Trade marks' only team: 15 and 15 responses in October and November, 3 in December.
  ['2025-10', 'trade-marks', 'D', 'phone', 'individual', 'general', 15, 12],
  ['2025-11', 'trade-marks', 'D', 'phone', 'individual', 'general', 15, 11],
  ['2025-12', 'trade-marks', 'D', 'phone', 'individual', 'general', 3, 2],
);

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [key, service] of [
    ['A', 'customer-support'],
    ['B', 'customer-support'],
    ['C', 'designs'],
    ['D', 'trade-marks'],
  ] as const) {
    const { rows } = await db.pool.query<{ id: number }>(
      'INSERT INTO team (service_code, name) VALUES ($1, $2) RETURNING id',
      [service, `Team ${key}`],
    );
    team[key] = rows[0]?.id as number;
  }
  let ref = 0;
  for (const [month, service, t, channel, group, type, n, satisfied] of GROUPS) {
    for (let i = 0; i < n; i++) {
      const day = `${month}-${String(1 + (i % 28)).padStart(2, '0')}`;
      await db.pool.query(
        `INSERT INTO feedback_response (source, source_ref, submitted_at, submitted_date,
           service_code, team_id, channel, customer_group, score, type, comment)
         VALUES ('test', $1, $2::date + time '10:00', $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          `r${ref++}`,
          day,
          service,
          t ? team[t] : null,
          channel,
          group,
          i < satisfied ? 5 : 2,
          type,
          `Comment ${ref} about the service`,
        ],
      );
    }
  }
  app = await buildApp({ db, dbMode: 'external' });
  actAs(app, (await signInAs(db, ALL_ROLES)).headers);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as unknown;
}
const summary = async (query: string) =>
  FeedbackSummarySchema.parse(await get(`/api/feedback/summary?${query}`));

describe('the differencing attacks a user could try', () => {
  test('a team minus its other channels does not give a hidden channel', async () => {
    // Team A in December: 45 by phone and 2 by e-mail.
    const whole = await summary(`period=2025-12&team=${team.A}`);
    const phone = await summary(`period=2025-12&team=${team.A}&channel=phone`);
    const email = await summary(`period=2025-12&team=${team.A}&channel=email`);
    expect(email.responses).toEqual({
      value: null,
      n: null,
      suppressed: true,
      label: 'fewer than 10',
    });
    expect(whole.responses.suppressed || phone.responses.suppressed).toBe(true);
    // And the e-mail of the whole office minus the other teams' e-mail.
    const allEmail = await summary('period=2025-12&channel=email');
    const teamB = await summary(`period=2025-12&team=${team.B}&channel=email`);
    const teamC = await summary(`period=2025-12&team=${team.C}&channel=email`);
    const support = await summary('period=2025-12&service=customer-support&channel=email');
    const known = [allEmail, teamB, teamC, support].filter((x) => !x.responses.suppressed);
    expect(known.length).toBeLessThan(4);
  });

  test('a total minus the groups shown (the "rest" of the groups page) does not give a group', async () => {
    // Five attorneys wrote to team A in November, beside 57 individuals.
    const g = FeedbackGroupsSchema.parse(
      await get(`/api/feedback/groups?period=2025-11&team=${team.A}`),
    );
    const attorney = g.groups.find((x) => x.customerGroup === 'attorney');
    expect(attorney?.satisfied).toMatchObject({ suppressed: true, n: null, successes: null });
    const individual = g.groups.find((x) => x.customerGroup === 'individual');
    // Everyone else than the individuals would be the five attorneys alone.
    expect(individual?.rest.suppressed || individual?.satisfied.suppressed).toBe(true);
    for (const x of g.groups) {
      if (!x.rest.suppressed) expect(x.rest.n).toBeGreaterThanOrEqual(10);
    }
    const whole = await summary(`period=2025-11&team=${team.A}`);
    const shown = g.groups.filter((x) => !x.satisfied.suppressed);
    if (!whole.satisfied.suppressed) {
      const rest = (whole.satisfied.n ?? 0) - shown.reduce((s, x) => s + (x.satisfied.n ?? 0), 0);
      expect(rest === 0 || rest >= 10).toBe(true);
    }
  });

  test('two overlapping date ranges do not give the month between them', async () => {
    // October to December minus October to November would be team D's 3 responses in December.
    const quarter = await summary(`period=2025-26-Q3&team=${team.D}`);
    const twoMonths = await summary(`from=2025-10-01&to=2025-11-30&team=${team.D}`);
    const december = await summary(`period=2025-12&team=${team.D}`);
    expect(december.responses.suppressed).toBe(true);
    expect(twoMonths.responses).toMatchObject({ value: 30, suppressed: false });
    // A range is shown only when each of its months is.
    expect(quarter.responses).toMatchObject({ value: null, suppressed: true });
    // The same figures another way: team A's e-mail, where November is hidden to protect others.
    const a = `team=${team.A}&channel=email`;
    const aQuarter = await summary(`period=2025-26-Q3&${a}`);
    const aTwo = await summary(`from=2025-10-01&to=2025-11-30&${a}`);
    expect((await summary(`period=2025-12&${a}`)).responses.suppressed).toBe(true);
    expect(aQuarter.responses.suppressed || aTwo.responses.suppressed).toBe(true);
  });

  test('two overlapping filters (a channel, and a channel within a service) do not give a team', async () => {
    const post = await summary('period=2025-11&channel=post');
    const postInDesigns = await summary('period=2025-11&channel=post&service=designs');
    // All post came to designs, from three individuals: both figures are that group.
    expect(post.responses.suppressed).toBe(true);
    expect(postInDesigns.responses.suppressed).toBe(true);
  });

  test('a figure takes one split at a time: e-mail from attorneys is refused, naming the field', async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/feedback/summary?period=2025-11&team=${team.A}&channel=email&customerGroup=attorney`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ issues: [{ field: 'customerGroup' }] });
    const csat = await app.inject({
      method: 'GET',
      url: '/api/standards/csat/series?granularity=month&channel=email&customerGroup=attorney',
    });
    expect(csat.statusCode).toBe(400);
  });

  test('satisfaction on the standard pages follows the same rules', async () => {
    const byTeam = BreakdownResponseSchema.parse(
      await get('/api/standards/csat/breakdown?by=team&period=2025-11'),
    );
    const byChannel = BreakdownResponseSchema.parse(
      await get('/api/standards/csat/breakdown?by=channel&period=2025-11'),
    );
    const post = byChannel.groups.find((x) => x.key === 'post');
    expect(post).toMatchObject({ suppressed: true, n: null, value: null, successes: null });
    const shown = byChannel.groups.filter((x) => !x.suppressed);
    const rest = (byChannel.overall.n ?? 0) - shown.reduce((s, x) => s + (x.n ?? 0), 0);
    expect(rest === 0 || rest >= 10).toBe(true);
    expect(byTeam.groups.every((x) => x.suppressed === (x.n === null))).toBe(true);

    const series = SeriesResponseSchema.parse(
      await get(
        `/api/standards/csat/series?granularity=month&from=2025-10&to=2025-12&team=${team.D}`,
      ),
    );
    expect(series.points.map((p) => p.suppressed)).toEqual([false, false, true]);
    expect(series.points.map((p) => p.n)).toEqual([15, 15, null]);
    expect(series.points.map((p) => p.successes)).toEqual([12, 11, null]);
    const quarters = SeriesResponseSchema.parse(
      await get(
        `/api/standards/csat/series?granularity=quarter&from=2025-26-Q3&to=2025-26-Q3&team=${team.D}`,
      ),
    );
    expect(quarters.points[0]).toMatchObject({ suppressed: true, n: null, value: null });
    const week = await app.inject({
      method: 'GET',
      url: '/api/standards/csat/series?granularity=week',
    });
    expect(week.statusCode).toBe(400);

    const items = ItemsResponseSchema.parse(
      await get(`/api/standards/csat/items?period=2025-12&team=${team.D}`),
    );
    expect(items).toMatchObject({ withheld: true, total: 0, items: [] });
    const shownItems = ItemsResponseSchema.parse(
      await get(`/api/standards/csat/items?period=2025-11&team=${team.B}`),
    );
    expect(shownItems.withheld).toBe(false);
    expect(shownItems.items.length).toBeGreaterThan(0);
    for (const item of shownItems.items) {
      expect(item).not.toHaveProperty('sourceRef');
      expect(item).not.toHaveProperty('submittedAt');
    }
  });

  test('no comment list for a small group, and no exact submission time anywhere', async () => {
    const hidden = FeedbackCommentsSchema.parse(
      await get(`/api/feedback/comments?period=2025-12&team=${team.D}`),
    );
    expect(hidden).toMatchObject({ withheld: true, total: 0, comments: [] });
    const shown = FeedbackCommentsSchema.parse(
      await get(`/api/feedback/comments?period=2025-11&team=${team.B}&limit=5`),
    );
    expect(shown.withheld).toBe(false);
    expect(shown.comments).toHaveLength(5);
    const text = JSON.stringify(shown);
    expect(text).not.toMatch(/T10:00/);
    expect(Buffer.from(shown.nextCursor ?? '', 'base64url').toString()).toMatch(
      /^2025-11-\d\d\|\d+$/,
    );
  });
});

describe('an attacker who knows every figure shown', () => {
  test('recovers no group of 1 to 9 responses by any sums and differences', async () => {
    // The finest groups: month x organisation x channel x customer group x type, every
    // combination, empty or not: the attacker does not know which are empty, except those inside
    // a figure shown as 0.
    type Query = {
      months: string[];
      service?: string;
      team?: number;
      channel?: string;
      customerGroup?: string;
      type?: string;
    };
    const orgLeaves = [
      { service: 'trade-marks', team: team.D },
      { service: 'customer-support', team: team.A },
      { service: 'customer-support', team: team.B },
      { service: 'designs', team: team.C },
      { service: 'customer-support', team: null },
      { service: 'designs', team: null },
      // Every other service, as one.
      { service: 'other', team: null },
    ];
    const atoms = ['2025-10', '2025-11', '2025-12'].flatMap((month) =>
      orgLeaves.flatMap((o) =>
        ['phone', 'email', 'post', 'online'].flatMap((channel) =>
          ['individual', 'small_business', 'large_business', 'attorney'].flatMap((group) =>
            ['compliment', 'complaint', 'suggestion', 'general'].map((type) => ({
              month,
              ...o,
              channel,
              group,
              type,
              n: GROUPS.filter(
                (g) =>
                  g[0] === month &&
                  g[1] === o.service &&
                  (g[2] ? team[g[2]] : null) === o.team &&
                  g[3] === channel &&
                  g[4] === group &&
                  g[5] === type,
              ).reduce((sum, g) => sum + g[6], 0),
            })),
          ),
        ),
      ),
    );
    const matches = (q: Query, a: (typeof atoms)[number]) =>
      q.months.includes(a.month) &&
      (q.service === undefined || a.service === q.service) &&
      (q.team === undefined || a.team === q.team) &&
      (q.channel === undefined || a.channel === q.channel) &&
      (q.customerGroup === undefined || a.group === q.customerGroup) &&
      (q.type === undefined || a.type === q.type);
    const countOf = (q: Query) => atoms.reduce((s, a) => s + (matches(q, a) ? a.n : 0), 0);
    const shownFigures: Query[] = [];
    const hidden: Query[] = [];
    const ranges: [string, string[]][] = [
      ['period=2025-10', ['2025-10']],
      ['period=2025-11', ['2025-11']],
      ['period=2025-12', ['2025-12']],
      ['period=2025-26-Q3', ['2025-10', '2025-11', '2025-12']],
      ['from=2025-10-01&to=2025-11-30', ['2025-10', '2025-11']],
      ['from=2025-11-01&to=2025-12-31', ['2025-11', '2025-12']],
    ];
    const orgs: Partial<Query>[] = [
      {},
      { service: 'customer-support' },
      { service: 'designs' },
      { team: team.A },
      { team: team.B },
      { team: team.C },
      { team: team.D },
    ];
    let asked = 0;
    const splits: Partial<Query>[] = [
      {},
      ...['phone', 'email', 'post', 'online'].map((channel) => ({ channel })),
      ...['individual', 'small_business', 'large_business', 'attorney'].map((customerGroup) => ({
        customerGroup,
      })),
      ...['compliment', 'complaint', 'suggestion', 'general'].map((type) => ({ type })),
    ];
    const learn = (q: Query, suppressed: boolean) => {
      if (suppressed) hidden.push(q);
      else shownFigures.push(q);
    };
    for (const [range, months] of ranges) {
      for (const org of orgs) {
        for (const split of splits) {
          const q = { months, ...org, ...split } as Query;
          const params = Object.entries({ ...org, ...split })
            .map(([k, v]) => `${k}=${v}`)
            .join('&');
          const s = await summary(`${range}${params ? `&${params}` : ''}`);
          asked++;
          learn(q, s.responses.suppressed);
          // The summary's split by type is four more figures.
          for (const t of s.types) learn({ ...q, type: t.type }, t.count.suppressed);
        }
        // The groups page: each group and everyone else. Every response here has a score, so
        // its counts of scored responses are counts of responses.
        const orgParams = Object.entries(org)
          .map(([k, v]) => `&${k}=${v}`)
          .join('');
        const g = FeedbackGroupsSchema.parse(
          await get(`/api/feedback/groups?${range}${orgParams}`),
        );
        for (const x of g.groups) {
          learn(
            { months, ...org, customerGroup: x.customerGroup } as Query,
            x.satisfied.suppressed,
          );
        }
      }
    }
    // The standard pages' breakdowns of satisfaction by team, channel and customer group.
    for (const [period, months] of [
      ['2025-10', ['2025-10']],
      ['2025-11', ['2025-11']],
      ['2025-12', ['2025-12']],
      ['2025-26-Q3', ['2025-10', '2025-11', '2025-12']],
    ] as const) {
      for (const by of ['team', 'channel', 'customerGroup'] as const) {
        const b = BreakdownResponseSchema.parse(
          await get(`/api/standards/csat/breakdown?by=${by}&period=${period}`),
        );
        learn({ months: [...months] }, b.overall.suppressed);
        for (const x of b.groups) {
          if (by === 'team' && x.key === '0') continue;
          const key = by === 'team' ? { team: Number(x.key) } : { [by]: x.key };
          learn({ months: [...months], ...key } as Query, x.suppressed);
        }
      }
    }
    expect(asked).toBe(6 * 7 * 13);
    // Figures shown as 0 tell the attacker those groups are empty; the rest are unknowns.
    const knownEmpty = new Set<number>();
    for (const q of shownFigures) {
      if (countOf(q) !== 0) continue;
      atoms.forEach((a, i) => {
        if (matches(q, a)) knownEmpty.add(i);
      });
    }
    const unknowns = atoms.map((_, i) => i).filter((i) => !knownEmpty.has(i));
    const rowOf = (q: Query) => unknowns.map((i) => (matches(q, atoms[i] as never) ? 1 : 0));
    const attacker = new LinearAttacker(unknowns.length);
    for (const q of shownFigures) {
      // A shown figure is exact, and never a small group.
      const n = countOf(q);
      expect(n === 0 || n >= 10, JSON.stringify(q)).toBe(true);
      attacker.learn(rowOf(q));
    }
    // Every hidden figure of 1-9 responses, and every finest group of 1-9.
    const small: Query[] = [
      ...hidden,
      ...atoms.map((a) => ({
        months: [a.month],
        service: a.service,
        ...(a.team === null ? {} : { team: a.team }),
        channel: a.channel,
        customerGroup: a.group,
        type: a.type,
      })),
    ].filter((q) => {
      const n = countOf(q);
      return n > 0 && n < 10;
    });
    expect(small.length).toBeGreaterThan(10);
    const recovered = small.filter((q) => attacker.knows(rowOf(q)));
    expect(recovered).toEqual([]);
    // The same attacker, had every figure of 10 or more been shown, recovers some.
    const naive = new LinearAttacker(unknowns.length);
    for (const q of [...shownFigures, ...hidden]) {
      const n = countOf(q);
      if (n === 0 || n >= 10) naive.learn(rowOf(q));
    }
    expect(small.some((q) => naive.knows(rowOf(q)))).toBe(true);
  }, 120_000);
});
