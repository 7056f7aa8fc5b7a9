import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ClosureDayChangeResponse,
  type ImportResult,
  ImportResultSchema,
  type RecalculationJob,
  ScorecardResponseSchema,
  type UpdateStandardResponse,
} from '@ipo/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordAudit } from '../src/admin/audit.js';
import { buildApp } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { MIGRATIONS_DIR } from '../src/db/migrate.js';
import { connect, type Database } from '../src/db/prisma.js';
import { AppRoleError, databaseUrls, ensureAppRole } from '../src/db/roles.js';
import { compactDataChanges } from '../src/db/snapshot.js';
import { markInterruptedRecalculations, waitForRecalculations } from '../src/derive/recalculate.js';
import { markInterruptedImports } from '../src/imports/batches.js';
import { createToken } from '../src/imports/tokens.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { ALL_ROLES, actAs, signInAs } from './support/auth.js';
import {
  createAppRole,
  createTestDatabase,
  type TestAppRole,
  type TestDatabase,
} from './support/database.js';
import { noDifferences, rollupDifferences } from './support/rollups.js';
import { killServers, startServer } from './support/server-process.js';

/**
 * Decision 10: the API serves as a role that reads and writes rows but cannot change the schema,
 * and the audit trail only grows. `db` is the owner (as migrations and seeding run); `appDb` and
 * `app` are the application role, as the server serves requests.
 */
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(apiDir, 'test/fixtures/imports');
const fixture = (name: string) => readFile(path.join(fixtures, name));

let db: TestDatabase;
let appRole: TestAppRole;
let appDb: Database;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  db = await createTestDatabase();
  // Demo rows written by the owner, as at start-up, so the figures and recalculations have data.
  await seedDemoData(db.pool, {
    seed: 7,
    scale: 0.03,
    from: '2025-09-01',
    now: new Date('2025-12-15T12:00:00Z'),
  });
  appRole = await createAppRole(db);
  appDb = connect(appRole.url, 4);
  app = await buildApp({ db: appDb, dbMode: 'external' });
  actAs(app, (await signInAs(appDb, ALL_ROLES)).headers);
  await app.ready();
}, 120_000);
afterAll(async () => {
  killServers();
  await app?.close();
  await appDb?.close();
  await appRole?.drop();
  await db?.drop();
});

/** Runs one statement on its own connection as the given role; resolves to the error, if any. */
async function attempt(
  url: string,
  sql: string,
): Promise<{ code?: string; message: string } | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return error as { code?: string; message: string };
  } finally {
    await client.end();
  }
}

const count = async (sql: string) =>
  (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;

describe('the application role', () => {
  test('is an ordinary role that owns nothing', async () => {
    const { rows } = await appDb.pool.query(
      `SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
              pg_has_role(current_user, d.datdba, 'MEMBER') AS owns_database
         FROM pg_roles r, pg_database d
        WHERE r.rolname = current_user AND d.datname = current_database()`,
    );
    expect(rows).toEqual([
      {
        name: appRole.role.name,
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
        owns_database: false,
      },
    ]);
  });

  test.each([
    ['CREATE TABLE', 'CREATE TABLE intruder (id int)'],
    ['CREATE TABLE in the schema by name', 'CREATE TABLE public.intruder (id int)'],
    ['ALTER TABLE', 'ALTER TABLE work_item ADD COLUMN intruder int'],
    ['DROP TABLE', 'DROP TABLE work_item'],
    ['CREATE INDEX', 'CREATE INDEX intruder ON work_item (source)'],
    [
      'CREATE FUNCTION',
      'CREATE FUNCTION public.intruder() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
    ],
    ['CREATE SCHEMA', 'CREATE SCHEMA intruder'],
    ['TRUNCATE', 'TRUNCATE work_item'],
    ['DISABLE TRIGGER', 'ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only'],
    ['CREATE ROLE', 'CREATE ROLE intruder'],
    [
      'writing the migration record',
      `INSERT INTO schema_migration (name, checksum) VALUES ('9999_x', 'x')`,
    ],
  ])('is refused %s', async (_what, sql) => {
    const error = await attempt(appRole.url, sql);
    expect(error?.code, error?.message).toBe('42501'); // insufficient_privilege
  });

  test('creates the temporary tables imports and recalculations stage rows in', async () => {
    const client = await appDb.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE staging (line int) ON COMMIT DROP');
      await client.query('INSERT INTO staging VALUES (1), (2)');
      await client.query('ANALYZE staging');
      await client.query('TRUNCATE staging');
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });
});

describe('the audit trail', () => {
  test('takes inserts from the application role', async () => {
    const before = await count('audit_event');
    await recordAudit(appDb.pool, {
      actor: 'test',
      action: 'least_privilege.check',
      entity: 'test',
      entityId: '1',
      details: { ok: true },
    });
    expect(await count('audit_event')).toBe(before + 1);
  });

  test.each([
    ['UPDATE', `UPDATE audit_event SET actor = 'someone else'`],
    ['DELETE', 'DELETE FROM audit_event'],
    ['TRUNCATE', 'TRUNCATE audit_event'],
  ])('refuses %s by the application role (no grant)', async (_what, sql) => {
    const before = await count('audit_event');
    expect(before).toBeGreaterThan(0);
    const error = await attempt(appRole.url, sql);
    expect(error?.code, error?.message).toBe('42501');
    expect(await count(`audit_event WHERE actor = 'someone else'`)).toBe(0);
    expect(await count('audit_event')).toBe(before);
  });

  test.each([
    ['UPDATE', `UPDATE audit_event SET actor = 'someone else'`],
    ['DELETE', 'DELETE FROM audit_event'],
    ['TRUNCATE', 'TRUNCATE audit_event'],
    ['UPDATE matching no rows', `UPDATE audit_event SET actor = 'x' WHERE false`],
    [
      'DELETE with triggers silenced for replication',
      `SET session_replication_role = replica; DELETE FROM audit_event`,
    ],
  ])('refuses %s even by the owner (the trigger)', async (_what, sql) => {
    const before = await count('audit_event');
    const error = await attempt(db.url, sql);
    expect(error?.code, error?.message).toBe('23001'); // restrict_violation
    expect(error?.message).toMatch(/audit_event is append-only/);
    expect(await count('audit_event')).toBe(before);
  });

  test('the owner still inserts', async () => {
    const before = await count('audit_event');
    expect(
      await attempt(
        db.url,
        `INSERT INTO audit_event (actor, action, entity) VALUES ('owner', 'x', 'y')`,
      ),
    ).toBeNull();
    expect(await count('audit_event')).toBe(before + 1);
  });
});

describe('what the API does, as the application role', () => {
  const postCsv = async (kind: string, body: Buffer, query = '') => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/imports/${kind}${query}`,
      headers: { 'content-type': 'text/csv' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return ImportResultSchema.parse(res.json()) as ImportResult;
  };
  const job = async (id: number) => {
    const res = await app.inject({ method: 'GET', url: `/api/admin/recalculations/${id}` });
    expect(res.statusCode).toBe(200);
    return res.json<RecalculationJob>();
  };

  test('CSV imports of work items, quality checks and feedback, all or nothing and valid-only', async () => {
    const items = await postCsv('work-items', await fixture('work-items-valid.csv'));
    expect(items).toMatchObject({ status: 'applied' });
    expect(items.rows.inserted).toBeGreaterThan(0);
    expect(items.teamsCreated.length).toBeGreaterThan(0);
    // The same file again: every row is compared and unchanged.
    const again = await postCsv('work-items', await fixture('work-items-valid.csv'));
    expect(again.rows).toMatchObject({ inserted: 0, updated: 0 });
    const partial = await postCsv(
      'work-items',
      await fixture('work-items-bad-values.csv'),
      '?mode=valid-only&source=partial',
    );
    expect(partial).toMatchObject({ status: 'applied', rows: { inserted: 1 } });
    const checks = await postCsv('quality-checks', await fixture('quality-checks-valid.csv'));
    expect(checks.status).toBe('applied');
    const feedback = await postCsv('feedback', await fixture('feedback-quoted.csv'));
    expect(feedback.status).toBe('applied');
    expect(await count(`feedback_response WHERE source = 'import'`)).toBe(feedback.rows.inserted);
    // The rollups the imports' triggers and deferred folds keep are exact.
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  });

  test('an ingestion batch with an API token the application role created', async () => {
    const token = await createToken(appDb.prisma, 'least-privilege-system', { createdBy: 'test' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/ingest/work-items?source=casework',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        rows: [
          {
            source_ref: 'LP-1',
            work_type: 'written_enquiry',
            service: 'customer-support',
            team: 'Written Team',
            channel: 'email',
            customer_group: 'individual',
            received_at: '2025-08-01T09:00:00Z',
            completed_at: '2025-08-04T09:00:00Z',
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(ImportResultSchema.parse(res.json()).rows).toMatchObject({ inserted: 1 });
  });

  test('reads: health, scorecard, a standard, feedback', async () => {
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    // The newest migration in prisma/migrations, whichever it is.
    const newest = (await readdir(MIGRATIONS_DIR))
      .filter((d) => /^\d{4}_/.test(d))
      .sort()
      .at(-1);
    expect(health.json().database.migration).toBe(newest);
    const scorecard = await app.inject({ method: 'GET', url: '/api/scorecard?period=2025-11' });
    expect(scorecard.statusCode, scorecard.body).toBe(200);
    const body = ScorecardResponseSchema.parse(scorecard.json());
    expect(body.standards.length).toBe(13);
    for (const url of [
      '/api/standards/tm-exam/series?granularity=month',
      '/api/standards/complaints/items?period=2025-11&status=all',
      '/api/feedback/summary?period=2025-26-Q3',
      '/api/freshness',
      '/api/imports',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  test('a closure day added and removed, each with its recalculation', async () => {
    const added = await app.inject({
      method: 'POST',
      url: '/api/admin/closure-days',
      payload: { date: '2025-11-05', scope: 'organisation', reason: 'Least privilege test' },
    });
    expect(added.statusCode, added.body).toBe(202);
    await waitForRecalculations();
    const addJob = await job(added.json<ClosureDayChangeResponse>().recalculation.id);
    expect(addJob.status).toBe('succeeded');
    expect(addJob.total).toBeGreaterThan(0);

    const removed = await app.inject({
      method: 'DELETE',
      url: '/api/admin/closure-days/2025-11-05?scope=organisation',
    });
    expect(removed.statusCode, removed.body).toBe(202);
    await waitForRecalculations();
    expect((await job(removed.json<ClosureDayChangeResponse>().recalculation.id)).status).toBe(
      'succeeded',
    );
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  });

  test("a standard's threshold changed, with its recalculation, and a target added", async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/admin/standards/complaints',
      payload: { thresholdValue: 5, reason: 'Least privilege test' },
    });
    expect(res.statusCode, res.body).toBe(202);
    await waitForRecalculations();
    const recalculation = res.json<UpdateStandardResponse>().recalculation;
    expect((await job(recalculation!.id)).status).toBe('succeeded');
    const target = await app.inject({
      method: 'POST',
      url: '/api/admin/standards/csc-written/targets',
      payload: {
        effectiveFrom: '2026-04-01',
        target: 0.96,
        tolerance: 0.02,
        changedBy: 'test',
        reason: 'Least privilege test',
      },
    });
    expect(target.statusCode, target.body).toBe(201);
    expect(await rollupDifferences(db.pool)).toEqual(noDifferences());
  });

  test('a theme added and removed (every comment re-tagged), and an action recorded', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/feedback/themes/taxonomy',
      payload: { code: 'least-privilege', name: 'Least privilege', phrases: ['waited'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const action = await app.inject({
      method: 'POST',
      url: '/api/feedback/actions',
      payload: {
        themeCode: 'waiting-times',
        title: 'More call handlers',
        description: 'Least privilege test',
        owner: 'Contact centre',
        status: 'planned',
      },
    });
    expect(action.statusCode, action.body).toBe(201);
    const removed = await app.inject({
      method: 'DELETE',
      url: '/api/feedback/themes/taxonomy/least-privilege',
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await count(`audit_event WHERE entity_id = 'least-privilege'`)).toBe(2);
  });

  test('start-up and housekeeping: interrupted work marked, the data-change log compacted', async () => {
    await markInterruptedImports(appDb.pool, new Date());
    await markInterruptedRecalculations(appDb.pool);
    await compactDataChanges(appDb.pool);
    expect(await count('data_change')).toBe(0);
  });
});

describe('ensureAppRole', () => {
  test('run again it changes nothing, and takes back rights granted by hand', async () => {
    const owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    const app = owner.escapeIdentifier(appRole.role.name);
    const rights = async () =>
      (
        await owner.query<{ table_name: string; privilege_type: string }>(
          `SELECT table_name, privilege_type FROM information_schema.role_table_grants
            WHERE grantee = $1 ORDER BY 1, 2`,
          [appRole.role.name],
        )
      ).rows;
    try {
      const before = await rights();
      expect(before).toContainEqual({ table_name: 'audit_event', privilege_type: 'INSERT' });
      expect(before).not.toContainEqual({ table_name: 'audit_event', privilege_type: 'UPDATE' });
      expect(before).toContainEqual({ table_name: 'work_item', privilege_type: 'UPDATE' });
      await owner.query(`GRANT TRUNCATE, TRIGGER ON work_item TO ${app}`);
      await owner.query(`GRANT UPDATE, DELETE ON audit_event TO ${app}`);
      expect(await ensureAppRole(db.url, appRole.role)).toEqual({ created: false });
      expect(await rights()).toEqual(before);
    } finally {
      await owner.end();
    }
  });

  test('refuses a role that could change the schema anyway', async () => {
    await expect(ensureAppRole(db.url, { name: 'ipo', password: 'x' })).rejects.toThrow(
      /owns the schema/,
    );
    const member = `${db.name}_member`;
    const owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    try {
      await owner.query(`CREATE ROLE ${member} LOGIN PASSWORD 'x' IN ROLE ipo`);
      const error = await ensureAppRole(db.url, { name: member, password: 'x' }).catch((e) => e);
      expect(error).toBeInstanceOf(AppRoleError);
      expect(error.message).toMatch(/is a member of ipo, so it could change the schema/);
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${member}`);
      await owner.end();
    }
  });
});

describe('which connection string does what', () => {
  const owner = 'postgres://owner:o@db.internal:5432/ipo';
  const api = 'postgres://api:a@db.internal:5432/ipo';

  test('DATABASE_URL and MIGRATION_DATABASE_URL: the API serves as the first', () => {
    const config = loadConfig({ DATABASE_URL: api, MIGRATION_DATABASE_URL: owner });
    expect(databaseUrls(config, null)).toEqual({ ownerUrl: owner, appUrl: api, roles: 'separate' });
  });

  test('DATABASE_URL alone: one role does everything, as before', () => {
    expect(databaseUrls(loadConfig({ DATABASE_URL: api }), null)).toEqual({
      ownerUrl: api,
      appUrl: api,
      roles: 'single',
    });
  });

  test('the embedded database: its superuser migrates, ipo_app serves', () => {
    const embedded = {
      url: 'postgres://ipo:x@127.0.0.1:1/ipo',
      appUrl: 'postgres://ipo_app:y@127.0.0.1:1/ipo',
    };
    expect(databaseUrls(loadConfig({}), embedded)).toEqual({
      ownerUrl: embedded.url,
      appUrl: embedded.appUrl,
      roles: 'embedded',
    });
  });

  test('MIGRATION_DATABASE_URL without DATABASE_URL stops start-up, naming it', () => {
    const error = (() => {
      try {
        loadConfig({ MIGRATION_DATABASE_URL: owner });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'MIGRATION_DATABASE_URL: needs DATABASE_URL as well (the role the API connects as)',
    ]);
  });
});

test('the server migrates and seeds as MIGRATION_DATABASE_URL and serves as DATABASE_URL', async () => {
  const spawnedAt = (await db.pool.query<{ now: Date }>('SELECT now()')).rows[0]!.now;
  const server = await startServer({ DATABASE_URL: appRole.url, MIGRATION_DATABASE_URL: db.url });
  const { child, port, exited } = server;
  const output = server.output();
  expect(output).toContain(`Application role ${appRole.role.name}`);
  // A viewer's session, as sign-in makes it.
  const viewer = await signInAs(db, ['viewer']);
  const anonymous = await fetch(`http://127.0.0.1:${port}/api/scorecard?period=2025-11`);
  expect(anonymous.status).toBe(401);
  const scorecard = await fetch(`http://127.0.0.1:${port}/api/scorecard?period=2025-11`, {
    headers: viewer.headers,
  });
  expect(scorecard.status).toBe(200);
  // Every connection the server still holds is the application role's: the owner's closed.
  const { rows } = await db.pool.query<{ usename: string }>(
    `SELECT DISTINCT usename FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename <> current_user`,
  );
  expect(rows).toEqual([{ usename: appRole.role.name }]);
  // None of the owner's connections the server opened (migrations, grants, seeding) is left.
  const ownerConnections = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND usename = current_user
        AND pid <> pg_backend_pid() AND backend_start > $1`,
    [spawnedAt],
  );
  expect(ownerConnections.rows[0]!.n).toBe(0);
  child.kill('SIGTERM');
  expect(await exited, server.output()).toBe(0);
}, 120_000);
