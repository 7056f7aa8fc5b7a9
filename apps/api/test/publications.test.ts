import {
  ErrorResponseSchema,
  type Publication,
  PublicationReviewResponseSchema,
  PublicationSchema,
  PublicationsResponseSchema,
  type ScorecardResponse,
  ScorecardResponseSchema,
} from '@ipo/contracts';
import { londonDate, parsePeriod, periodContaining } from '@ipo/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createAppRole, createTestDatabase, type TestDatabase } from './support/database.js';
import {
  callsCsv,
  callsOn,
  feedbackCsv,
  importCsv,
  type Response,
} from './support/publications.js';

/**
 * Publishing (decision 13) through the real routes on a real database: a closed month is
 * published with the scorecard's own figures, a later import leaves the publication and the
 * public page as they were while the review shows the change, a revision needs a reason and a
 * change, and every publication is audited with its publisher.
 */
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let manager: SignedIn;
let steward: SignedIn;
let lead: SignedIn;
let viewer: SignedIn;
let admin: SignedIn;

const MONTH = '2026-10';
const QUARTER = '2026-27-Q2'; // July to September 2026: August has too few responses.
const TEAM = 'Quokka Calls Team';
const COMMENT_PHRASE = 'purple marmalade elephant';
const UNPUBLISHED_ACTION = 'Zanzibar rota rehearsal';
const PUBLISHED_ACTION = 'Answer calls faster at lunchtime';

type Method = 'GET' | 'POST';
const call = (who: SignedIn | null, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: who?.headers ?? {} });

const fieldsOf = (body: string) =>
  (ErrorResponseSchema.parse(JSON.parse(body)).issues ?? []).map((i) => i.field);

function responses(prefix: string, day: string, scores: number[], comment = 'Fine'): Response[] {
  return scores.map((score, i) => ({
    ref: `${prefix}-${i + 1}`,
    team: TEAM,
    at: `${day}T11:${String(i).padStart(2, '0')}:00Z`,
    score,
    comment,
  }));
}

async function scorecard(period: string): Promise<ScorecardResponse> {
  const res = await call(manager, 'GET', `/api/scorecard?period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return ScorecardResponseSchema.parse(res.json());
}

async function publishOk(payload: object): Promise<Publication> {
  const res = await call(manager, 'POST', '/api/publications', payload);
  expect(res.statusCode, res.body).toBe(201);
  return PublicationSchema.parse(res.json());
}

async function review(period: string) {
  const res = await call(manager, 'GET', `/api/publications/review?period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return PublicationReviewResponseSchema.parse(res.json());
}

async function storedFigures(publicationId: number) {
  return db.prisma.publicationFigure.findMany({
    where: { publicationId },
    orderBy: { position: 'asc' },
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({ db, dbMode: 'external' });
  await app.ready();
  manager = await signInAs(db, ['manager']);
  steward = await signInAs(db, ['data-steward']);
  viewer = await signInAs(db, ['viewer']);
  admin = await signInAs(db, ['admin']);

  // Calls: September all on time; October 18 of 20 within a minute (90%, the target).
  await importCsv(
    app,
    steward,
    'work-items',
    callsCsv([
      ...callsOn('SEP', '2026-09-15', 10, 30, TEAM),
      ...callsOn('OCT-FAST', '2026-10-14', 18, 45, TEAM),
      ...callsOn('OCT-SLOW', '2026-10-15', 2, 300, TEAM),
    ]),
  );
  // Satisfaction: 12 responses in October (shown), 4 in August (withheld, and so is the quarter
  // it belongs to), 11 in September and July. One October comment carries a phrase that must
  // never reach the public.
  await importCsv(
    app,
    steward,
    'feedback',
    feedbackCsv([
      ...responses('FB-OCT', '2026-10-20', [5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 1, 2]),
      ...responses('FB-OCT-C', '2026-10-21', [1], `The ${COMMENT_PHRASE} queue was slow`),
      ...responses('FB-AUG', '2026-08-20', [5, 4, 2, 1]),
      ...responses('FB-SEP', '2026-09-20', [5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 1]),
      ...responses('FB-JUL', '2026-07-20', [5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 1]),
    ]),
  );

  const team = await db.prisma.team.findFirstOrThrow({ where: { name: TEAM } });
  lead = await signInAs(db, ['team-lead'], { teams: [TEAM] });
  await db.prisma.theme.upsert({
    where: { code: 'pub-waiting' },
    create: { code: 'pub-waiting', name: 'Waiting too long on the phone', phrases: [] },
    update: {},
  });
  for (const [title, published] of [
    [PUBLISHED_ACTION, true],
    [UNPUBLISHED_ACTION, false],
  ] as const) {
    const res = await call(manager, 'POST', '/api/feedback/actions', {
      themeCode: 'pub-waiting',
      title,
      description: 'More people on the phones from 12 to 2.',
      owner: 'Jo Bloggs, contact centre manager',
      status: 'done',
      startedOn: '2026-09-01',
      completedOn: '2026-10-01',
      published,
      teamId: team.id,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('publishing a closed month', () => {
  let first: Publication;
  let publicPageBefore: string;
  let scorecardBefore: ScorecardResponse;

  test('the review before any publication lists the figures as they stand, nothing changed', async () => {
    const r = await review(MONTH);
    expect(r).toMatchObject({
      period: MONTH,
      periodLabel: 'October 2026',
      closed: true,
      latest: null,
      changedCount: 0,
    });
    const card = await scorecard(MONTH);
    expect(r.rows.map((row) => row.standardCode)).toEqual(card.standards.map((s) => s.code));
    const calls = r.rows.find((row) => row.standardCode === 'csc-calls')!;
    expect(calls).toMatchObject({ unit: 'share', target: '90%', published: null, changed: false });
    expect(calls.current).toEqual({ value: 18 / 20, n: 20, status: 'met', withheld: false });
    const exam = r.rows.find((row) => row.standardCode === 'tm-exam')!;
    expect(exam.target).toBe('10 working days');
  });

  test('publishes the figures the scorecard shows, with the data-as-of time, and audits it', async () => {
    scorecardBefore = await scorecard(MONTH);
    first = await publishOk({ period: MONTH });
    expect(first).toMatchObject({
      period: MONTH,
      periodLabel: 'October 2026',
      version: 1,
      publishedBy: manager.user.name,
      dataAsOf: scorecardBefore.dataAsOf,
      reason: null,
      current: true,
    });

    const rows = await storedFigures(first.id);
    expect(rows.map((r) => r.standardCode)).toEqual(scorecardBefore.standards.map((s) => s.code));
    for (const [i, entry] of scorecardBefore.standards.entries()) {
      const row = rows[i]!;
      expect(row, entry.code).toMatchObject({
        title: entry.title,
        unit: entry.unit,
        value: entry.value,
        n: entry.n ?? 0,
        withheld: entry.suppressed,
        status: entry.status,
        targetValue: entry.target?.value ?? null,
        ytdValue: entry.yearToDate.value,
        ytdN: entry.yearToDate.n ?? 0,
        ytdStatus: entry.yearToDate.status,
        revised: false,
      });
      const trend = row.trend as { period: string; value: number | null; status: string }[];
      expect(trend.map((p) => [p.period, p.value, p.status])).toEqual(
        entry.sparkline.map((p) => [p.period.id, p.value, p.status]),
      );
    }
    // The satisfaction trend keeps August withheld: neither a value nor a count.
    const csat = rows.find((r) => r.standardCode === 'csat')!;
    const august = (
      csat.trend as { period: string; value: unknown; n: number; withheld: boolean }[]
    ).find((p) => p.period === '2026-08');
    expect(august).toMatchObject({ value: null, n: 0, withheld: true });
    expect(csat.n).toBe(13);

    // Only the published action, without its team or owner.
    const actions = await db.prisma.publicationAction.findMany({
      where: { publicationId: first.id },
    });
    expect(actions.map((a) => a.title)).toEqual([PUBLISHED_ACTION]);
    expect(actions[0]).toMatchObject({
      themeName: 'Waiting too long on the phone',
      status: 'done',
    });
    expect(Object.keys(actions[0]!)).not.toContain('owner');

    const audit = await db.prisma.auditEvent.findMany({
      where: { entity: 'publication', entityId: String(first.id) },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: manager.user.email, action: 'publication.publish' });
    expect(audit[0]!.details).toMatchObject({ period: MONTH, version: 1, actions: 1 });
    expect(audit[0]!.requestId).not.toBeNull();

    const list = PublicationsResponseSchema.parse(
      (await call(viewer, 'GET', '/api/publications')).json(),
    );
    expect(list.publications).toEqual([first]);
  });

  test('publishing again with nothing changed needs a reason, then is refused: nothing changed', async () => {
    const noReason = await call(manager, 'POST', '/api/publications', { period: MONTH });
    expect(noReason.statusCode).toBe(422);
    expect(fieldsOf(noReason.body)).toEqual(['reason']);
    const blank = await call(manager, 'POST', '/api/publications', { period: MONTH, reason: '  ' });
    expect(blank.statusCode).toBe(422);
    expect(fieldsOf(blank.body)).toEqual(['reason']);

    const same = await call(manager, 'POST', '/api/publications', {
      period: MONTH,
      reason: 'Checking again',
    });
    expect(same.statusCode).toBe(409);
    expect(ErrorResponseSchema.parse(same.json()).message).toMatch(
      /^Nothing changed since version 1/,
    );
    expect(await db.prisma.publication.count()).toBe(1);
  });

  test('a later import changes the scorecard, not the publication or the public page', async () => {
    publicPageBefore = (await app.inject({ method: 'GET', url: '/performance' })).body;
    const frozen = await storedFigures(first.id);

    // Ten more October calls, all late: 18 of 30 within a minute.
    await importCsv(
      app,
      steward,
      'work-items',
      callsCsv(callsOn('OCT-LATE', '2026-10-16', 10, 600, TEAM)),
    );
    const after = await scorecard(MONTH);
    const calls = after.standards.find((s) => s.code === 'csc-calls')!;
    expect(calls).toMatchObject({ value: 18 / 30, n: 30, status: 'missed' });

    expect(await storedFigures(first.id)).toEqual(frozen);
    const page = await app.inject({ method: 'GET', url: '/performance' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(publicPageBefore);

    const r = await review(MONTH);
    expect(r.latest).toEqual(first);
    const row = r.rows.find((x) => x.standardCode === 'csc-calls')!;
    expect(row).toMatchObject({
      changed: true,
      published: { value: 0.9, n: 20, status: 'met', withheld: false },
      current: { value: 0.6, n: 30, status: 'missed', withheld: false },
    });
    // Only what the public would see counts: every other standard is as published.
    expect(r.rows.filter((x) => x.changed).map((x) => x.standardCode)).toEqual(['csc-calls']);
    expect(r.changedCount).toBe(1);
  });

  test('a revision, with a reason, is version 2; the first stays as it was', async () => {
    const revision = await publishOk({
      period: MONTH,
      reason: 'Late calls from the overflow line were loaded after publication',
    });
    expect(revision).toMatchObject({
      period: MONTH,
      version: 2,
      reason: 'Late calls from the overflow line were loaded after publication',
      current: true,
    });
    const rows = await storedFigures(revision.id);
    expect(rows.filter((r) => r.revised).map((r) => r.standardCode)).toEqual(['csc-calls']);
    expect(rows.find((r) => r.standardCode === 'csc-calls')).toMatchObject({
      value: 0.6,
      n: 30,
      status: 'missed',
    });

    const list = PublicationsResponseSchema.parse(
      (await call(manager, 'GET', '/api/publications')).json(),
    );
    expect(list.publications.map((p) => [p.version, p.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(
      (await storedFigures(first.id)).find((r) => r.standardCode === 'csc-calls'),
    ).toMatchObject({ value: 0.9, n: 20 });

    const r = await review(MONTH);
    expect(r.latest?.version).toBe(2);
    expect(r.changedCount).toBe(0);

    const again = await call(manager, 'POST', '/api/publications', {
      period: MONTH,
      reason: 'Once more',
    });
    expect(again.statusCode).toBe(409);
    expect(ErrorResponseSchema.parse(again.json()).message).toMatch(
      /^Nothing changed since version 2/,
    );

    const audit = await db.prisma.auditEvent.findMany({
      where: { entity: 'publication', entityId: String(revision.id) },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: manager.user.email, action: 'publication.revise' });
    expect(audit[0]!.details).toMatchObject({
      period: MONTH,
      version: 2,
      previousVersion: 1,
      revised: ['csc-calls'],
      reason: 'Late calls from the overflow line were loaded after publication',
    });
  });
});

describe('what may be published', () => {
  test('a period that has not ended, or is not a month or quarter, is a 422 naming period', async () => {
    const today = londonDate(new Date());
    const thisMonth = periodContaining(today, 'month').id;
    const thisQuarter = periodContaining(today, 'quarter').id;
    for (const period of [
      thisMonth,
      thisQuarter,
      '2026-27',
      '2026-W27',
      '2026-10-01',
      'soon',
      '1999-12',
    ]) {
      const res = await call(manager, 'POST', '/api/publications', { period });
      expect(res.statusCode, period).toBe(422);
      expect(fieldsOf(res.body), period).toEqual(['period']);
    }
    const review = await call(manager, 'GET', '/api/publications/review?period=2026-27');
    expect(review.statusCode).toBe(422);
    expect(fieldsOf(review.body)).toEqual(['period']);
    // An open period can be reviewed (it says so), not published.
    const open = PublicationReviewResponseSchema.parse(
      (await call(manager, 'GET', `/api/publications/review?period=${thisMonth}`)).json(),
    );
    expect(open.closed).toBe(false);
    expect(await db.prisma.publication.count({ where: { period: thisMonth } })).toBe(0);
  });

  test('a missing period or an overlong reason is a 400 naming it', async () => {
    const missing = await call(manager, 'POST', '/api/publications', {});
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing.body)).toContain('period');
    const long = await call(manager, 'POST', '/api/publications', {
      period: MONTH,
      reason: 'x'.repeat(501),
    });
    expect(long.statusCode).toBe(400);
    expect(fieldsOf(long.body)).toContain('reason');
  });

  test('a quarter is published with satisfaction withheld when one of its months is', async () => {
    const card = await scorecard(QUARTER);
    const published = await publishOk({ period: QUARTER });
    expect(published).toMatchObject({ version: 1, periodLabel: parsePeriod(QUARTER).label });
    const rows = await storedFigures(published.id);
    const csat = rows.find((r) => r.standardCode === 'csat')!;
    expect(card.standards.find((s) => s.code === 'csat')?.suppressed).toBe(true);
    expect(csat).toMatchObject({ value: null, n: 0, withheld: true, status: 'no_data' });
    const calls = rows.find((r) => r.standardCode === 'csc-calls')!;
    expect(calls).toMatchObject({ value: 1, n: 10, status: 'met' });
  });

  test('team leads, viewers, data stewards and administrators may not publish or review', async () => {
    for (const who of [lead, viewer, steward, admin]) {
      const post = await call(who, 'POST', '/api/publications', { period: '2026-09' });
      expect(post.statusCode).toBe(403);
      const get = await call(who, 'GET', `/api/publications/review?period=${MONTH}`);
      expect(get.statusCode).toBe(403);
      // Everyone signed in reads the list.
      expect((await call(who, 'GET', '/api/publications')).statusCode).toBe(200);
    }
    expect(await db.prisma.publication.count({ where: { period: '2026-09' } })).toBe(0);
  });

  test('anonymous callers get 401 from the API and the public page all the same', async () => {
    expect((await call(null, 'GET', '/api/publications')).statusCode).toBe(401);
    expect((await call(null, 'GET', `/api/publications/review?period=${MONTH}`)).statusCode).toBe(
      401,
    );
    expect((await call(null, 'POST', '/api/publications', { period: MONTH })).statusCode).toBe(401);
    for (const url of [
      '/performance',
      `/performance/${MONTH}`,
      '/performance.csv',
      '/performance.ods',
    ]) {
      expect((await call(null, 'GET', url)).statusCode, url).toBe(200);
    }
  });
});

describe('the public page after a revision', () => {
  test('marks the revised figure and keeps the history with the reason', async () => {
    const page = await app.inject({ method: 'GET', url: `/performance/${MONTH}` });
    expect(page.statusCode).toBe(200);
    const text = page.body;
    expect(text).toContain('Version 1: Published on ');
    expect(text).toMatch(
      /Version 2: Revised on \d{1,2} \w+ \d{4}: Late calls from the overflow line were loaded after publication/,
    );
    // The revised row says so in words, with what it was.
    const callsRow = text.match(
      /<tr class="govuk-table__row">\s*<th scope="row" class="govuk-table__header">Answer[^<]*<\/th>[\s\S]*?<\/tr>/,
    );
    expect(callsRow?.[0]).toContain('60%');
    expect(callsRow?.[0]).toContain('(revised: was 90%)');
    expect(callsRow?.[0]).toContain('Not met');
    // The overview marks it too, and lists both versions.
    const overview = (await app.inject({ method: 'GET', url: '/performance' })).body;
    expect(overview).toContain('(revised)');
    expect(overview).toContain('Revised on ');
    expect(overview).toContain(`href="/performance/${MONTH}"`);
    expect(overview).toContain(`href="/performance/${QUARTER}"`);
  });

  test('no comment text, team name, owner or unpublished action is reachable', async () => {
    const bodies: [string, string][] = [];
    for (const url of [
      '/performance',
      `/performance/${MONTH}`,
      `/performance/${QUARTER}`,
      '/performance.csv',
    ]) {
      bodies.push([url, (await app.inject({ method: 'GET', url })).body]);
    }
    const { unzipSync, strFromU8 } = await import('fflate');
    const ods = await app.inject({ method: 'GET', url: '/performance.ods' });
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(ods.rawPayload)))) {
      bodies.push([`/performance.ods ${name}`, strFromU8(bytes)]);
    }
    // The comment is in the database (so its absence means something).
    const { rows } = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_response WHERE comment LIKE $1`,
      [`%${COMMENT_PHRASE}%`],
    );
    expect(rows[0]?.n).toBe(1);
    for (const [url, body] of bodies) {
      expect(body, url).not.toContain(COMMENT_PHRASE);
      expect(body, url).not.toContain('marmalade');
      expect(body, url).not.toContain(TEAM);
      expect(body, url).not.toContain('Quokka');
      expect(body, url).not.toContain('Jo Bloggs');
      expect(body, url).not.toContain(UNPUBLISHED_ACTION);
    }
    expect(bodies[0]![1]).toContain(PUBLISHED_ACTION);
  });
});

describe('publications are append-only', () => {
  test("the API's role may read and insert, never update or delete; the owner is refused too", async () => {
    const role = await createAppRole(db);
    const client = new pg.Client({ connectionString: role.url });
    await client.connect();
    try {
      for (const [table, column] of [
        ['publication', 'reason'],
        ['publication_figure', 'title'],
        ['publication_action', 'title'],
      ] as const) {
        const { rows } = await client.query<{ s: boolean; i: boolean; u: boolean; d: boolean }>(
          `SELECT has_table_privilege(current_user, $1, 'SELECT') AS s,
                  has_table_privilege(current_user, $1, 'INSERT') AS i,
                  has_table_privilege(current_user, $1, 'UPDATE') AS u,
                  has_table_privilege(current_user, $1, 'DELETE') AS d`,
          [table],
        );
        expect(rows[0], table).toEqual({ s: true, i: true, u: false, d: false });
        await expect(client.query(`UPDATE ${table} SET ${column} = 'x'`)).rejects.toThrow(
          /permission denied/,
        );
        await expect(client.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      }
    } finally {
      await client.end();
      await role.drop();
    }
    const before = await db.prisma.publicationFigure.count();
    for (const sql of [
      `UPDATE publication SET reason = 'rewritten' WHERE version = 2`,
      `UPDATE publication_figure SET value = 1`,
      'DELETE FROM publication_action',
      'TRUNCATE publication_figure',
    ]) {
      await expect(db.pool.query(sql), sql).rejects.toThrow(/is append-only/);
    }
    expect(await db.prisma.publicationFigure.count()).toBe(before);
    expect(await db.prisma.publication.count({ where: { reason: 'rewritten' } })).toBe(0);
  });
});
