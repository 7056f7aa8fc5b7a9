import {
  type Action,
  ActionHistorySchema,
  ActionSchema,
  ActionsResponseSchema,
  type Annotation,
  AnnotationSchema,
  AnnotationsResponseSchema,
  ErrorResponseSchema,
} from '@ipo/contracts';
import { londonDate } from '@ipo/domain';
import type { Role } from '@ipo/domain/access';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../src/app.js';
import { isOverdue } from '../src/feedback/actions.js';
import { type SignedIn, signInAs } from './support/auth.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * Actions (due dates, overdue, history) and annotations of the trend charts (issue 14), through
 * the real routes on a real database, signed in as each role.
 */
let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;
let teamA: number;
let teamB: number;
let manager: SignedIn;
let otherManager: SignedIn;
let admin: SignedIn;
let lead: SignedIn;
let viewer: SignedIn;

beforeAll(async () => {
  db = await createTestDatabase();
  teamA = (await db.prisma.team.create({ data: { serviceCode: 'patents', name: 'AA Team A' } })).id;
  teamB = (await db.prisma.team.create({ data: { serviceCode: 'patents', name: 'AA Team B' } })).id;
  await db.prisma.theme.upsert({
    where: { code: 'aa-theme' },
    create: { code: 'aa-theme', name: 'AA theme', phrases: [] },
    update: {},
  });
  app = await buildApp({ db, dbMode: 'external' });
  await app.ready();
  manager = await signInAs(db, ['manager']);
  otherManager = await signInAs(db, ['manager']);
  admin = await signInAs(db, ['admin']);
  lead = await signInAs(db, ['team-lead'], { teams: ['AA Team A'] });
  viewer = await signInAs(db, ['viewer']);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const call = (who: SignedIn | null, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: who?.headers ?? {} });

const fieldsOf = (body: string) =>
  (ErrorResponseSchema.parse(JSON.parse(body)).issues ?? []).map((i) => i.field);

const anAction = (over: Record<string, unknown> = {}) => ({
  themeCode: 'aa-theme',
  title: 'Call customers back within a day',
  owner: 'Casework lead',
  teamId: teamA,
  ...over,
});

async function createAction(who: SignedIn, over: Record<string, unknown> = {}): Promise<Action> {
  const res = await call(who, 'POST', '/api/feedback/actions', anAction(over));
  expect(res.statusCode, res.body).toBe(201);
  return ActionSchema.parse(res.json());
}

/** The input PUT takes, from an action as the API answered it. */
const inputOf = (a: Action) => ({
  themeCode: a.themeCode,
  title: a.title,
  description: a.description,
  owner: a.owner,
  status: a.status,
  startedOn: a.startedOn,
  completedOn: a.completedOn,
  dueOn: a.dueOn,
  published: a.published,
  teamId: a.teamId,
});

async function auditRows(entity: string, entityId: number) {
  return db.prisma.auditEvent.findMany({
    where: { entity, entityId: String(entityId) },
    orderBy: { id: 'asc' },
  });
}

describe('actions: due dates and overdue', () => {
  test('dueOn is stored and answered; overdue is not done and due before today (London)', async () => {
    const late = await createAction(manager, { dueOn: '2020-01-02' });
    expect(late).toMatchObject({ dueOn: '2020-01-02', overdue: true, status: 'planned' });
    const later = await createAction(manager, { dueOn: '2999-12-31', status: 'in_progress' });
    expect(later).toMatchObject({ dueOn: '2999-12-31', overdue: false });
    const undated = await createAction(manager);
    expect(undated).toMatchObject({ dueOn: null, overdue: false });

    const row = await db.prisma.action.findUniqueOrThrow({ where: { id: late.id } });
    expect(row.dueOn?.toISOString()).toBe('2020-01-02T00:00:00.000Z');

    // The list answers the same.
    const list = ActionsResponseSchema.parse(
      (await call(viewer, 'GET', '/api/feedback/actions')).json(),
    );
    expect(list.actions.find((a) => a.id === late.id)?.overdue).toBe(true);
    expect(list.actions.find((a) => a.id === later.id)?.overdue).toBe(false);

    // Closing it (done, with the day it was done) ends 'overdue'.
    const closed = await call(manager, 'PUT', `/api/feedback/actions/${late.id}`, {
      ...inputOf(late),
      status: 'done',
      completedOn: '2020-01-10',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(ActionSchema.parse(closed.json())).toMatchObject({
      status: 'done',
      completedOn: '2020-01-10',
      dueOn: '2020-01-02',
      overdue: false,
    });

    // A PUT without dueOn clears it (a PUT replaces the action).
    const { dueOn: _dropped, ...withoutDue } = inputOf(later);
    const cleared = await call(manager, 'PUT', `/api/feedback/actions/${later.id}`, withoutDue);
    expect(ActionSchema.parse(cleared.json()).dueOn).toBeNull();
  });

  test('a due date that is not a date is a 400 naming dueOn', async () => {
    for (const dueOn of ['2025-02-30', 'next week', 20250101]) {
      const res = await call(manager, 'POST', '/api/feedback/actions', anAction({ dueOn }));
      expect(res.statusCode, String(dueOn)).toBe(400);
      expect(fieldsOf(res.body)).toContain('dueOn');
    }
  });

  test('overdue compares with the London date: the day after is overdue, the day itself is not', () => {
    expect(isOverdue({ status: 'planned', dueOn: '2025-06-30' }, '2025-07-01')).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueOn: '2025-06-30' }, '2025-06-30')).toBe(false);
    expect(isOverdue({ status: 'done', dueOn: '2025-06-30' }, '2025-07-01')).toBe(false);
    expect(isOverdue({ status: 'planned', dueOn: null }, '2025-07-01')).toBe(false);
    // 23:30 UTC on 30 June is already 1 July in London (BST): the default 'today' is London's.
    expect(londonDate(new Date('2025-06-30T23:30:00Z'))).toBe('2025-07-01');
    const today = londonDate(new Date());
    expect(isOverdue({ status: 'planned', dueOn: today })).toBe(false);
  });
});

describe('actions: history', () => {
  test('every change in order, with who made it and each field before and after; kept after deletion', async () => {
    const created = await createAction(lead, { status: 'planned', description: 'Phone first' });
    const started = await call(manager, 'PUT', `/api/feedback/actions/${created.id}`, {
      ...inputOf(created),
      status: 'in_progress',
      dueOn: '2026-03-31',
    });
    expect(started.statusCode, started.body).toBe(200);
    const closed = await call(lead, 'PUT', `/api/feedback/actions/${created.id}`, {
      ...inputOf(ActionSchema.parse(started.json())),
      status: 'done',
      completedOn: '2026-03-20',
    });
    expect(closed.statusCode, closed.body).toBe(200);

    // Anyone who reads the figures reads the history.
    const res = await call(viewer, 'GET', `/api/feedback/actions/${created.id}/history`);
    expect(res.statusCode, res.body).toBe(200);
    const history = ActionHistorySchema.parse(res.json());
    expect(history.actionId).toBe(created.id);
    expect(history.events.map((e) => [e.kind, e.actor])).toEqual([
      ['create', lead.user.email],
      ['update', manager.user.email],
      ['update', lead.user.email],
    ]);
    const [made, start, close] = history.events;
    expect(made?.changes).toEqual(
      expect.arrayContaining([
        { field: 'title', before: null, after: 'Call customers back within a day' },
        { field: 'status', before: null, after: 'planned' },
        { field: 'teamName', before: null, after: 'AA Team A' },
        { field: 'published', before: null, after: false },
      ]),
    );
    expect(start?.changes).toEqual([
      { field: 'status', before: 'planned', after: 'in_progress' },
      { field: 'dueOn', before: null, after: '2026-03-31' },
    ]);
    expect(close?.changes).toEqual([
      { field: 'status', before: 'in_progress', after: 'done' },
      { field: 'completedOn', before: null, after: '2026-03-20' },
    ]);
    // In time order, each with its time.
    const times = history.events.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(history.events.map((e) => e.id)).toEqual(
      (await auditRows('action', created.id)).map((r) => Number(r.id)),
    );

    const deleted = await call(manager, 'DELETE', `/api/feedback/actions/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await call(viewer, 'GET', `/api/feedback/actions/${created.id}`)).statusCode).toBe(404);
    const after = ActionHistorySchema.parse(
      (await call(viewer, 'GET', `/api/feedback/actions/${created.id}/history`)).json(),
    );
    expect(after.events.map((e) => [e.kind, e.actor])).toEqual([
      ['create', lead.user.email],
      ['update', manager.user.email],
      ['update', lead.user.email],
      ['delete', manager.user.email],
    ]);
    expect(after.events.at(-1)?.changes).toEqual([]);
  });

  test('an action that never was is a 404; an id out of range a 400 naming id; anonymous a 401', async () => {
    expect((await call(viewer, 'GET', '/api/feedback/actions/987654/history')).statusCode).toBe(
      404,
    );
    const huge = await call(viewer, 'GET', '/api/feedback/actions/99999999999/history');
    expect(huge.statusCode).toBe(400);
    expect(fieldsOf(huge.body)).toContain('id');
    const action = await createAction(manager);
    expect((await call(null, 'GET', `/api/feedback/actions/${action.id}/history`)).statusCode).toBe(
      401,
    );
  });

  test('only action events are listed, not another entity with the same id', async () => {
    const action = await createAction(manager);
    await db.prisma.auditEvent.create({
      data: {
        actor: 'someone',
        action: 'closure_day.create',
        entity: 'action',
        entityId: String(action.id),
      },
    });
    await db.prisma.auditEvent.create({
      data: {
        actor: 'someone',
        action: 'annotation.create',
        entity: 'annotation',
        entityId: String(action.id),
      },
    });
    const history = ActionHistorySchema.parse(
      (await call(viewer, 'GET', `/api/feedback/actions/${action.id}/history`)).json(),
    );
    expect(history.events.map((e) => e.kind)).toEqual(['create']);
  });
});

describe('actions: team scoping is unchanged', () => {
  test("a team lead changes and closes their teams' actions only; a manager any", async () => {
    const theirs = await createAction(lead, { dueOn: '2020-05-01' });
    const others = await createAction(manager, { teamId: teamB });
    const office = await createAction(manager, { teamId: null });

    const close = (who: SignedIn, a: Action, over: object = {}) =>
      call(who, 'PUT', `/api/feedback/actions/${a.id}`, {
        ...inputOf(a),
        status: 'done',
        completedOn: '2020-05-02',
        ...over,
      });
    expect((await close(lead, others)).statusCode).toBe(403);
    expect((await close(lead, office)).statusCode).toBe(403);
    expect((await close(lead, theirs, { teamId: teamB })).statusCode).toBe(403);
    expect((await call(lead, 'DELETE', `/api/feedback/actions/${others.id}`)).statusCode).toBe(403);
    expect((await call(viewer, 'DELETE', `/api/feedback/actions/${theirs.id}`)).statusCode).toBe(
      403,
    );
    // Nothing refused was changed or audited.
    expect((await auditRows('action', others.id)).map((r) => r.action)).toEqual(['action.create']);

    const mine = await close(lead, theirs);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(ActionSchema.parse(mine.json())).toMatchObject({ status: 'done', overdue: false });
    expect((await close(manager, others)).statusCode).toBe(200);
    expect((await close(manager, office)).statusCode).toBe(200);
  });
});

// Annotations -------------------------------------------------------------------------------------

const aNote = (over: Record<string, unknown> = {}) => ({
  standardCode: 'csc-calls',
  fromDate: '2025-10-06',
  toDate: '2025-10-08',
  note: 'Telephony outage',
  ...over,
});

async function annotate(who: SignedIn, over: Record<string, unknown> = {}): Promise<Annotation> {
  const res = await call(who, 'POST', '/api/annotations', aNote(over));
  expect(res.statusCode, res.body).toBe(201);
  return AnnotationSchema.parse(res.json());
}

describe('annotations', () => {
  test('managers and administrators annotate; every role reads; anonymous 401', async () => {
    const byRole: [Role, number][] = [
      ['viewer', 403],
      ['team-lead', 403],
      ['data-steward', 403],
      ['manager', 201],
      ['admin', 201],
    ];
    for (const [role, status] of byRole) {
      const who = await signInAs(db, [role], role === 'team-lead' ? { teams: ['AA Team A'] } : {});
      const res = await call(who, 'POST', '/api/annotations', aNote({ note: `By a ${role}` }));
      expect(res.statusCode, `${role}: ${res.body}`).toBe(status);
      const read = await call(who, 'GET', '/api/annotations');
      expect(read.statusCode, role).toBe(200);
    }
    expect((await call(null, 'GET', '/api/annotations')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/annotations', aNote())).statusCode).toBe(401);
  });

  test('the note is trimmed, a single date marks one day, null marks every standard', async () => {
    const one = await annotate(manager, {
      standardCode: null,
      fromDate: '2025-11-03',
      toDate: undefined,
      note: '   New case system   ',
    });
    expect(one).toMatchObject({
      standardCode: null,
      fromDate: '2025-11-03',
      toDate: '2025-11-03',
      note: 'New case system',
      createdBy: manager.user.email,
    });
    const longest = await annotate(manager, { note: 'x'.repeat(120) });
    expect(longest.note).toHaveLength(120);
  });

  test('bad input is a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ fromDate: '2025-10-09', toDate: '2025-10-08' }, 'toDate'],
      [{ note: '    ' }, 'note'],
      [{ note: 'x'.repeat(121) }, 'note'],
      [{ note: 'two\nlines' }, 'note'],
      [{ note: undefined }, 'note'],
      [{ standardCode: 'no-such-standard' }, 'standardCode'],
      [{ fromDate: undefined }, 'fromDate'],
      [{ fromDate: '2025-02-30' }, 'fromDate'],
      [{ fromDate: '1999-12-31', toDate: '2000-01-01' }, 'fromDate'],
      [{ toDate: 'tomorrow' }, 'toDate'],
    ];
    for (const [over, field] of cases) {
      const res = await call(manager, 'POST', '/api/annotations', aNote(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(fieldsOf(res.body), JSON.stringify(over)).toContain(field);
    }
    const created = await annotate(manager);
    const put = await call(manager, 'PUT', `/api/annotations/${created.id}`, {
      ...aNote(),
      standardCode: 'nope',
    });
    expect(put.statusCode).toBe(400);
    expect(fieldsOf(put.body)).toEqual(['standardCode']);
    const query = await call(viewer, 'GET', '/api/annotations?standard=nope');
    expect(query.statusCode).toBe(400);
    expect(fieldsOf(query.body)).toEqual(['standard']);
    const range = await call(viewer, 'GET', '/api/annotations?from=2025-10-02&to=2025-10-01');
    expect(range.statusCode).toBe(400);
    expect(fieldsOf(range.body)).toContain('to');
    const huge = await call(manager, 'DELETE', '/api/annotations/99999999999');
    expect(huge.statusCode).toBe(400);
    expect(fieldsOf(huge.body)).toContain('id');
    // The database refuses what the API would never write, too.
    await expect(
      db.pool.query(
        `INSERT INTO annotation (from_date, to_date, note, created_by) VALUES ('2025-01-02', '2025-01-01', 'x', 'y')`,
      ),
    ).rejects.toThrow(/sql_only_annotation_range/);
    await expect(
      db.pool.query(
        `INSERT INTO annotation (from_date, to_date, note, created_by) VALUES ('2025-01-01', '2025-01-01', ' padded', 'y')`,
      ),
    ).rejects.toThrow(/sql_only_annotation_note/);
  });

  test('only the author or an administrator changes or deletes an annotation', async () => {
    const mine = await annotate(manager, { note: 'Mine' });
    const url = `/api/annotations/${mine.id}`;
    const changed = aNote({ note: 'Changed' });

    const refused = await call(otherManager, 'PUT', url, changed);
    expect(refused.statusCode).toBe(403);
    expect(ErrorResponseSchema.parse(refused.json()).message).toContain(manager.user.email);
    expect((await call(otherManager, 'DELETE', url)).statusCode).toBe(403);
    expect((await call(viewer, 'PUT', url, changed)).statusCode).toBe(403);
    expect((await call(lead, 'DELETE', url)).statusCode).toBe(403);
    expect(
      AnnotationSchema.parse(
        (await call(viewer, 'GET', url.replace(/\/\d+$/, '')))
          .json()
          .annotations.find((a: Annotation) => a.id === mine.id),
      ).note,
    ).toBe('Mine');

    const byAuthor = await call(manager, 'PUT', url, changed);
    expect(byAuthor.statusCode, byAuthor.body).toBe(200);
    expect(AnnotationSchema.parse(byAuthor.json())).toMatchObject({
      note: 'Changed',
      createdBy: manager.user.email,
    });
    const byAdmin = await call(admin, 'PUT', url, aNote({ note: 'Changed by an administrator' }));
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    // The author stays the author.
    expect(AnnotationSchema.parse(byAdmin.json()).createdBy).toBe(manager.user.email);

    const theirs = await annotate(otherManager, { note: 'Theirs' });
    expect((await call(admin, 'DELETE', `/api/annotations/${theirs.id}`)).statusCode).toBe(204);
    expect((await call(manager, 'DELETE', url)).statusCode).toBe(204);
    expect((await call(manager, 'DELETE', url)).statusCode).toBe(404);
    expect((await call(manager, 'PUT', url, changed)).statusCode).toBe(404);
  });

  test('every change is audited with who made it: create, update with before and after, delete', async () => {
    const made = await annotate(manager, { note: 'Audited' });
    const url = `/api/annotations/${made.id}`;
    await call(otherManager, 'PUT', url, aNote({ note: 'Refused' }));
    expect((await call(admin, 'PUT', url, aNote({ note: 'Audited again' }))).statusCode).toBe(200);
    expect((await call(manager, 'DELETE', url)).statusCode).toBe(204);
    const rows = await auditRows('annotation', made.id);
    expect(rows.map((r) => [r.action, r.actor])).toEqual([
      ['annotation.create', manager.user.email],
      ['annotation.update', admin.user.email],
      ['annotation.delete', manager.user.email],
    ]);
    expect(rows[0]?.details).toMatchObject({ id: made.id, note: 'Audited' });
    expect(rows[1]?.details).toMatchObject({
      before: { note: 'Audited' },
      after: { note: 'Audited again' },
    });
    expect(rows[2]?.details).toMatchObject({ id: made.id, note: 'Audited again' });
    expect(rows.every((r) => r.requestId !== null)).toBe(true);
  });

  test("a standard's annotations are its own and every standard's, overlapping from..to, earliest first", async () => {
    await db.prisma.annotation.deleteMany({});
    const calls = await annotate(manager, { fromDate: '2024-03-10', toDate: '2024-03-12' });
    const all = await annotate(manager, {
      standardCode: null,
      fromDate: '2024-03-01',
      toDate: '2024-03-01',
      note: 'Office closed',
    });
    const exam = await annotate(manager, {
      standardCode: 'tm-exam',
      fromDate: '2024-03-11',
      toDate: '2024-04-30',
      note: 'New case system',
    });
    const ids = async (query: string) =>
      AnnotationsResponseSchema.parse(
        (await call(viewer, 'GET', `/api/annotations${query}`)).json(),
      ).annotations.map((a) => a.id);
    expect(await ids('')).toEqual([all.id, calls.id, exam.id]);
    expect(await ids('?standard=csc-calls')).toEqual([all.id, calls.id]);
    expect(await ids('?standard=tm-exam')).toEqual([all.id, exam.id]);
    expect(await ids('?standard=csc-calls&from=2024-03-12')).toEqual([calls.id]);
    expect(await ids('?from=2024-03-13&to=2024-04-01')).toEqual([exam.id]);
    expect(await ids('?to=2024-03-01')).toEqual([all.id]);
    expect(await ids('?from=2024-05-01')).toEqual([]);
  });
});
