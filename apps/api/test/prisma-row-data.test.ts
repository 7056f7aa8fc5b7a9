import type { Action, TargetVersionsResponse } from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAudit } from '../src/admin/audit.js';
import { buildApp } from '../src/app.js';
import {
  authenticateToken,
  createToken,
  listTokens,
  revokeToken,
  TokenError,
} from '../src/imports/tokens.js';
import { ALL_ROLES, actAs, type SignedIn, signInAs } from './support/auth.js';

let me: SignedIn;

import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * The row data decision 1 (amendment of issue 12) moved to Prisma: what is written is what the
 * pg statements wrote before, audit rows included.
 */

let db: TestDatabase;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildApp({ db, dbMode: 'external' });
  me = await signInAs(db, ALL_ROLES);
  actAs(app, me.headers);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

async function auditRows(action: string) {
  const { rows } = await db.pool.query<{
    actor: string;
    entity: string;
    entity_id: string | null;
    details: unknown;
    is_sql_null: boolean;
  }>(
    `SELECT actor, entity, entity_id, details, details IS NULL AS is_sql_null
       FROM audit_event WHERE action = $1 ORDER BY id`,
    [action],
  );
  return rows;
}

describe('audit rows', () => {
  test('are the same written through a Prisma transaction as through pg', async () => {
    const details = { at: new Date('2026-01-02T03:04:05Z'), left: undefined, n: [1, 'two'] };
    for (const [action, value] of [
      ['check.object', details],
      ['check.null', null],
      ['check.none', undefined],
    ] as const) {
      await recordAudit(db.pool, {
        actor: 'pg',
        action,
        entity: 'test',
        entityId: null,
        details: value,
      });
      await db.prisma.$transaction((tx) =>
        recordAudit(tx, {
          actor: 'prisma',
          action,
          entity: 'test',
          entityId: null,
          details: value,
        }),
      );
      const [viaPg, viaPrisma] = await auditRows(action);
      expect(viaPrisma).toEqual({ ...viaPg, actor: 'prisma' });
    }
    const [object] = await auditRows('check.object');
    expect(object?.details).toEqual({ at: '2026-01-02T03:04:05.000Z', n: [1, 'two'] });
    const [jsonNull] = await auditRows('check.null');
    expect([jsonNull?.details, jsonNull?.is_sql_null]).toEqual([null, false]);
    const [none] = await auditRows('check.none');
    expect(none?.is_sql_null).toBe(true);
  });

  test('roll back with the change when the transaction fails', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await recordAudit(tx, {
          actor: 'prisma',
          action: 'check.rollback',
          entity: 'test',
          entityId: null,
          details: {},
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditRows('check.rollback')).toEqual([]);
  });
});

describe('target versions', () => {
  test('a new version closes the one in force, answers the list and is audited', async () => {
    const { rows: before } = await db.pool.query<{ effective_from: string }>(
      `SELECT effective_from FROM target_version t JOIN standard s ON s.id = t.standard_id
        WHERE s.code = 'csc-written' AND t.effective_to IS NULL`,
    );
    const body = {
      effectiveFrom: '2027-04-01',
      target: 0.955,
      tolerance: 0.015,
      changedBy: 'Head of customer service',
      reason: 'Charter review',
    };
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/csc-written/targets',
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { targets } = res.json<TargetVersionsResponse>();
    expect(targets.at(-1)).toEqual({
      effectiveFrom: '2027-04-01',
      effectiveTo: null,
      target: 0.955,
      tolerance: 0.015,
      changedBy: 'Head of customer service',
      reason: 'Charter review',
    });
    expect(targets.at(-2)?.effectiveTo).toBe('2027-03-31');
    const audit = await auditRows('target_version.create');
    expect(audit).toEqual([
      {
        actor: me.user.email,
        entity: 'standard',
        entity_id: 'csc-written',
        details: { ...body, closedVersions: before.map((r) => r.effective_from) },
        is_sql_null: false,
      },
    ]);

    const again = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/csc-written/targets',
      payload: { ...body, effectiveFrom: '2027-04-01' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(
      'effectiveFrom: must be after 2027-04-01, when the latest target version of csc-written took effect',
    );
    expect(await auditRows('target_version.create')).toHaveLength(1);
  });

  test('an unknown standard is a 404', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/no-such-standard/targets',
      payload: {
        effectiveFrom: '2027-04-01',
        target: 0.9,
        tolerance: 0.02,
        changedBy: 'x',
        reason: 'y',
      },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('No standard with code "no-such-standard"');
  });
});

test('a minimum sample change is audited with what it replaced', async () => {
  const { rows } = await db.pool.query(
    `SELECT threshold_value AS "thresholdValue", threshold_unit::text AS "thresholdUnit",
            division::text AS division, minimum_sample AS "minimumSample"
       FROM standard WHERE code = 'csc-calls'`,
  );
  const before = rows[0];
  const res = await app.inject({
    method: 'PATCH',
    url: '/api/admin/standards/csc-calls',
    payload: { minimumSample: 40, reason: 'More responses a month' },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(await auditRows('standard.update')).toEqual([
    {
      actor: me.user.email,
      entity: 'standard',
      entity_id: 'csc-calls',
      details: {
        before,
        after: { ...before, minimumSample: 40 },
        reason: 'More responses a month',
      },
      is_sql_null: false,
    },
  ]);
  expect(before.minimumSample).not.toBe(40);
});

describe('API tokens', () => {
  test('created once per name, listed by name, revoked once, checked', async () => {
    const b = await createToken(db.prisma, 'b-system', { createdBy: 'test' });
    const a = await createToken(db.prisma, 'a-system', { createdBy: 'test' });
    await expect(createToken(db.prisma, 'a-system', { createdBy: 'test' })).rejects.toThrow(
      new TokenError('A token called "a-system" already exists.'),
    );
    expect((await listTokens(db.prisma)).map((t) => [t.name, t.lastUsedAt, t.revokedAt])).toEqual([
      ['a-system', null, null],
      ['b-system', null, null],
    ]);
    expect(await authenticateToken(db.prisma, a)).toEqual({
      status: 'ok',
      name: 'a-system',
      kinds: ['work-items', 'quality-checks', 'feedback'],
      source: null,
    });
    expect(await authenticateToken(db.prisma, `${a}x`)).toEqual({ status: 'unknown' });
    const used = (await listTokens(db.prisma)).find((t) => t.name === 'a-system');
    expect(used?.lastUsedAt).toBeInstanceOf(Date);

    expect(await revokeToken(db.prisma, 'a-system')).toEqual({ alreadyRevoked: false });
    expect(await revokeToken(db.prisma, 'a-system')).toEqual({ alreadyRevoked: true });
    await expect(revokeToken(db.prisma, 'c-system')).rejects.toThrow(
      new TokenError('There is no token called "c-system".'),
    );
    expect(await authenticateToken(db.prisma, a)).toEqual({ status: 'revoked', name: 'a-system' });
    const revoked = (await listTokens(db.prisma)).find((t) => t.name === 'a-system');
    // A revoked token's use is not recorded.
    expect(revoked?.lastUsedAt).toEqual(used?.lastUsedAt);
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateToken(db.prisma, b)).toEqual({
      status: 'ok',
      name: 'b-system',
      kinds: ['work-items', 'quality-checks', 'feedback'],
      source: null,
    });
  });

  test('carry the kinds and source they may send, and stop working when they expire', async () => {
    const scoped = await createToken(db.prisma, 'crm-feedback', {
      createdBy: 'test',
      kinds: ['feedback'],
      source: 'crm',
      expiresAt: new Date('2030-01-01T00:00:00Z'),
    });
    expect(await authenticateToken(db.prisma, scoped, new Date('2029-12-31T23:59:59Z'))).toEqual({
      status: 'ok',
      name: 'crm-feedback',
      kinds: ['feedback'],
      source: 'crm',
    });
    expect(await authenticateToken(db.prisma, scoped, new Date('2030-01-01T00:00:00Z'))).toEqual({
      status: 'expired',
      name: 'crm-feedback',
    });
    await expect(
      createToken(db.prisma, 'bad-source', { createdBy: 'test', source: 'Not A Source' }),
    ).rejects.toThrow(TokenError);
    await expect(
      createToken(db.prisma, 'past', { createdBy: 'test', expiresAt: new Date('2020-01-01') }),
    ).rejects.toThrow('A token must expire in the future.');
  });
});

describe('actions', () => {
  test('are listed latest first: by completion, else start date, undated last, then newest', async () => {
    const create = async (title: string, startedOn: string | null, completedOn: string | null) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/feedback/actions',
        payload: { themeCode: 'waiting-times', title, owner: 'Team lead', startedOn, completedOn },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Action>();
    };
    const undated = await create('undated', null, null);
    const started = await create('started', '2026-03-02', null);
    const done = await create('done', '2026-01-05', '2026-02-27');
    const undatedToo = await create('undated too', null, null);
    const sameDay = await create('same day', '2026-03-02', null);
    expect(started).toMatchObject({
      themeCode: 'waiting-times',
      startedOn: '2026-03-02',
      completedOn: null,
      status: 'planned',
      published: false,
    });
    expect(typeof started.themeName).toBe('string');
    const res = await app.inject({ method: 'GET', url: '/api/feedback/actions' });
    expect(res.json<{ actions: Action[] }>().actions.map((a) => a.title)).toEqual([
      sameDay.title,
      started.title,
      done.title,
      undatedToo.title,
      undated.title,
    ]);
  });

  test('an unknown theme is a 400, an unknown action a 404', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/feedback/actions',
      payload: { themeCode: 'no-such-theme', title: 'x', owner: 'y' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('themeCode: no theme no-such-theme');
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/feedback/actions/987654' });
      expect(res.statusCode).toBe(404);
      expect(res.json().message).toBe('No action 987654');
    }
    const put = await app.inject({
      method: 'PUT',
      url: '/api/feedback/actions/987654',
      payload: { themeCode: 'waiting-times', title: 'x', owner: 'y' },
    });
    expect(put.statusCode).toBe(404);
  });
});
