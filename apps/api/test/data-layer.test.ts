import type { ImportHistoryResponse, RecalculationJob } from '@ipo/contracts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  getRecalculation,
  listRecalculations,
  type RulesChange,
  recalculate,
} from '../src/derive/recalculate.js';
import { feedbackOptions } from '../src/feedback/explorer.js';
import { feedbackPerformance } from '../src/feedback/performance.js';
import { createTheme, deleteTheme, listThemes, updateTheme } from '../src/feedback/taxonomy.js';
import { finishBatch, listImportBatches, startBatch } from '../src/imports/batches.js';
import { seedDemoData } from '../src/seed/seed-demo.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

/**
 * Decision 1, one data layer: SQL moved into src/queries keeps its text and its answers; the row
 * reads moved to Prisma answer exactly what the pg statements answered (the former statements
 * are kept here as the reference).
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, {
    seed: 11,
    scale: 0.1,
    from: '2025-09-01',
    now: new Date('2025-12-20T12:00:00Z'),
  });
}, 180_000);
afterAll(async () => {
  await db?.drop();
});

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.pool.query(sql, params)).rows as T[];
}

async function auditOf(action: string, entityId: string) {
  return rows<{ actor: string; details: unknown }>(
    `SELECT actor, details FROM audit_event WHERE action = $1 AND entity_id = $2 ORDER BY id`,
    [action, entityId],
  );
}

describe('theme taxonomy changes (feedback/taxonomy.ts, queries/taxonomy.ts)', () => {
  const tagged = async (code: string) =>
    (
      await rows<{ n: number }>(
        'SELECT count(*)::int AS n FROM feedback_response WHERE themes @> ARRAY[$1]',
        [code],
      )
    )[0]?.n;

  test('add, rename and remove a theme: the row, its audit and the re-tagging, with 404 and 409 as before', async () => {
    const matching = (
      await rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM feedback_response WHERE comment ILIKE '%renewal deadline%'`,
      )
    )[0]!.n;
    expect(matching).toBeGreaterThan(0);

    const body = { code: 'dl-deadlines', name: 'Deadlines', phrases: ['renewal deadline'] };
    const created = await createTheme(db.pool, body, 'tester');
    expect(created.retagged).toBe(matching);
    expect(await tagged('dl-deadlines')).toBe(matching);
    const [stored] = await rows<{ created_at: Date; updated_at: Date }>(
      `SELECT created_at, updated_at FROM theme WHERE code = 'dl-deadlines'`,
    );
    expect(created.theme).toEqual({
      code: 'dl-deadlines',
      name: 'Deadlines',
      phrases: ['renewal deadline'],
      createdAt: stored!.created_at.toISOString(),
      updatedAt: stored!.updated_at.toISOString(),
    });
    // The same theme the taxonomy page lists (through Prisma).
    expect((await listThemes(db.prisma)).find((t) => t.code === 'dl-deadlines')).toEqual(
      created.theme,
    );
    expect(await auditOf('theme.create', 'dl-deadlines')).toEqual([
      { actor: 'tester', details: body },
    ]);

    await expect(createTheme(db.pool, { ...body, name: 'Again' }, 'tester')).rejects.toMatchObject({
      statusCode: 409,
      message: 'Theme dl-deadlines already exists',
    });
    expect(await auditOf('theme.create', 'dl-deadlines')).toHaveLength(1);

    const renamed = await updateTheme(
      db.pool,
      'dl-deadlines',
      { name: 'Renewal deadlines' },
      'tester',
    );
    expect(renamed.theme).toMatchObject({
      name: 'Renewal deadlines',
      phrases: ['renewal deadline'],
    });
    expect(renamed.retagged).toBe(0);
    const rephrased = await updateTheme(
      db.pool,
      'dl-deadlines',
      { phrases: ['nothing anybody wrote'] },
      'tester',
    );
    expect(rephrased.theme).toMatchObject({ name: 'Renewal deadlines' });
    expect(rephrased.retagged).toBe(matching);
    expect(await tagged('dl-deadlines')).toBe(0);
    expect(await auditOf('theme.update', 'dl-deadlines')).toEqual([
      { actor: 'tester', details: { name: 'Renewal deadlines' } },
      { actor: 'tester', details: { phrases: ['nothing anybody wrote'] } },
    ]);
    await expect(updateTheme(db.pool, 'dl-none', { name: 'X' }, 'tester')).rejects.toMatchObject({
      statusCode: 404,
      message: 'No theme dl-none',
    });

    const [action] = await rows<{ id: number }>(
      `INSERT INTO action (theme_code, title, description, owner)
       VALUES ('dl-deadlines', 'Reminders', 'Text reminders', 'Team') RETURNING id`,
    );
    await expect(deleteTheme(db.pool, 'dl-deadlines', 'tester')).rejects.toMatchObject({
      statusCode: 409,
      message: 'Theme dl-deadlines has 1 actions; move or delete them first',
    });
    await db.pool.query('DELETE FROM action WHERE id = $1', [action!.id]);

    await updateTheme(db.pool, 'dl-deadlines', { phrases: ['renewal deadline'] }, 'tester');
    expect(await tagged('dl-deadlines')).toBe(matching);
    expect(await deleteTheme(db.pool, 'dl-deadlines', 'tester')).toEqual({
      theme: null,
      retagged: matching,
    });
    expect(await tagged('dl-deadlines')).toBe(0);
    expect(await rows(`SELECT 1 FROM theme WHERE code = 'dl-deadlines'`)).toEqual([]);
    expect(await auditOf('theme.delete', 'dl-deadlines')).toEqual([
      { actor: 'tester', details: null },
    ]);
    await expect(deleteTheme(db.pool, 'dl-deadlines', 'tester')).rejects.toMatchObject({
      statusCode: 404,
      message: 'No theme dl-deadlines',
    });
  });
});

describe('feedback explorer reads (queries/feedback-explorer.ts)', () => {
  test('the options: services in order, the teams with feedback, themes by name, the data range', async () => {
    const options = await feedbackOptions(db.pool);
    const services = await rows<{ code: string }>(
      'SELECT code FROM service ORDER BY sort_order, code',
    );
    expect(options.services.map((s) => s.code)).toEqual(services.map((s) => s.code));
    const withFeedback = await rows<{ id: number }>(
      'SELECT DISTINCT team_id AS id FROM feedback_response WHERE team_id IS NOT NULL ORDER BY 1',
    );
    expect(withFeedback.length).toBeGreaterThan(0);
    expect(options.teams.map((t) => t.id).sort((a, b) => a - b)).toEqual(
      withFeedback.map((t) => t.id),
    );
    const themes = await listThemes(db.prisma);
    expect(options.themes.map((t) => t.code).sort()).toEqual(themes.map((t) => t.code).sort());
    const names = options.themes.map((t) => t.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const [range] = await rows<{ from: string; to: string }>(
      'SELECT min(submitted_date) AS from, max(submitted_date) AS to FROM feedback_response',
    );
    expect({ from: options.dataFrom, to: options.dataTo }).toEqual(range);
  });

  test('performance by team: the team and its service; 404 for none, 400 for another service', async () => {
    const [team] = await rows<{ id: number; name: string; service_code: string }>(
      `SELECT t.id, t.name, t.service_code FROM team t
        WHERE EXISTS (SELECT 1 FROM feedback_response f WHERE f.team_id = t.id) ORDER BY t.id LIMIT 1`,
    );
    const [service] = await rows<{ code: string; name: string }>(
      'SELECT code, name FROM service WHERE code = $1',
      [team!.service_code],
    );
    const performance = await feedbackPerformance(db.pool, { team: team!.id }, '2025-12-20');
    expect(performance.team).toEqual({ id: team!.id, name: team!.name });
    expect(performance.service).toEqual(service);
    await expect(
      feedbackPerformance(db.pool, { team: 2_000_000_000 }, '2025-12-20'),
    ).rejects.toMatchObject({ statusCode: 404, message: 'No team 2000000000' });
    const [other] = await rows<{ code: string }>(
      'SELECT code FROM service WHERE code <> $1 ORDER BY code LIMIT 1',
      [team!.service_code],
    );
    await expect(
      feedbackPerformance(db.pool, { team: team!.id, service: other!.code }, '2025-12-20'),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      feedbackPerformance(db.pool, { service: 'no-such-service' }, '2025-12-20'),
    ).rejects.toMatchObject({ statusCode: 404, message: 'No service no-such-service' });
  });
});

/** The import history as the pg statement of queries/import-history.ts answered it. */
async function historyBySql(page: number, pageSize: number): Promise<ImportHistoryResponse> {
  const KIND = { work_items: 'work-items', quality_checks: 'quality-checks', feedback: 'feedback' };
  const found = await rows<Record<string, unknown> & { total: number }>(
    `SELECT id, kind, status, mode, source, data_source, created_by, rows_inserted, rows_updated,
            rows_unchanged, rows_rejected, error_count, message, teams_created, started_at,
            finished_at, duration_ms, count(*) OVER ()::int AS total
       FROM import_batch ORDER BY started_at DESC, id DESC LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize],
  );
  let total = found[0]?.total;
  if (total === undefined) {
    total = (await rows<{ n: number }>('SELECT count(*)::int AS n FROM import_batch'))[0]!.n;
  }
  // biome-ignore lint/suspicious/noExplicitAny: the reference mapping, as it was written
  const batches = found.map((r: any) => ({
    id: r.id,
    kind: KIND[r.kind as keyof typeof KIND],
    status: r.status,
    mode: r.mode,
    file: r.source,
    dataSource: r.data_source,
    createdBy: r.created_by.startsWith('web upload (') ? 'web upload' : r.created_by,
    rowsInserted: r.rows_inserted,
    rowsUpdated: r.rows_updated,
    rowsUnchanged: r.rows_unchanged,
    rowsRejected: r.rows_rejected,
    errorCount: r.error_count,
    message: r.message,
    teamsCreated: r.teams_created ?? [],
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    durationMs: r.duration_ms,
  }));
  return { page, pageSize, total, batches } as ImportHistoryResponse;
}

describe('import history (imports/batches.ts, through Prisma)', () => {
  test('answers byte for byte what the pg statement answered, page by page and past the end', async () => {
    const outcome = {
      message: 'Imported 2 rows.',
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: [],
      errorCount: 0,
      teamsCreated: [],
    };
    const running = await startBatch(db.pool, {
      kind: 'quality_checks',
      mode: 'valid-only',
      dataSource: 'qa-system',
      file: 'running.csv',
      createdBy: 'API token qa',
    });
    const applied = await startBatch(db.pool, {
      kind: 'work_items',
      mode: 'all-or-nothing',
      dataSource: 'import',
      file: 'applied.csv',
      createdBy: 'web upload (203.0.113.7)',
    });
    await finishBatch(db.pool, applied, {
      ...outcome,
      status: 'applied',
      teamsCreated: [{ service: 'customer-support', name: 'New Team' }],
    });
    const rejected = await startBatch(db.pool, {
      kind: 'feedback',
      mode: 'all-or-nothing',
      dataSource: 'import',
      file: 'rejected.csv',
      createdBy: 'admin',
    });
    await finishBatch(db.pool, rejected, {
      ...outcome,
      status: 'rejected',
      message: 'Nothing was imported.',
      inserted: 0,
      rejected: 1,
      errors: [{ line: 2, column: 'score', reason: 'must be 1 to 5' }],
      errorCount: 1,
    });
    // A batch recorded before teams_created was written.
    await db.pool.query(`UPDATE import_batch SET teams_created = NULL WHERE id = $1`, [rejected]);
    expect(running).toBeGreaterThan(0);

    const [{ n }] = (await rows<{ n: number }>('SELECT count(*)::int AS n FROM import_batch')) as [
      { n: number },
    ];
    for (const [page, pageSize] of [
      [1, 2],
      [2, 2],
      [1, 50],
      [n + 1, 1],
    ] as const) {
      const viaPrisma = await listImportBatches(db.prisma, page, pageSize);
      expect(JSON.stringify(viaPrisma)).toBe(JSON.stringify(await historyBySql(page, pageSize)));
    }
    const all = await listImportBatches(db.prisma, 1, 50);
    expect(all.total).toBe(n);
    expect(all.batches.find((b) => b.id === applied)).toMatchObject({
      createdBy: 'web upload',
      kind: 'work-items',
      teamsCreated: [{ service: 'customer-support', name: 'New Team' }],
    });
    expect(all.batches.find((b) => b.id === running)).toMatchObject({
      status: 'running',
      finishedAt: null,
      durationMs: null,
    });
    expect(all.batches.find((b) => b.id === rejected)?.teamsCreated).toEqual([]);
  });
});

/** A job row as the pg statement of derive/recalculate.ts answered it. */
async function jobsBySql(where: string, params: unknown[]): Promise<RecalculationJob[]> {
  const found = await rows<{
    id: number;
    reason: string;
    rules_version: number;
    status: RecalculationJob['status'];
    total: number;
    done: number;
    error: string | null;
    created_by: string;
    started_at: Date;
    finished_at: Date | null;
  }>(
    `SELECT id, reason, rules_version, status, total, done, error, created_by, started_at, finished_at FROM recalculation_job ${where}`,
    params,
  );
  return found.map((r) => ({
    id: r.id,
    reason: r.reason,
    rulesVersion: r.rules_version,
    status: r.status,
    total: r.total,
    done: r.done,
    error: r.error,
    createdBy: r.created_by,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  }));
}

describe('recalculation jobs (derive/recalculate.ts)', () => {
  test('the admin reads through Prisma answer what the pg statements answered', async () => {
    const nothing: RulesChange = {
      reason: 'Data layer: a change that affects no item',
      apply: async () => ({ kind: 'none' }),
    };
    const failing: RulesChange = {
      reason: 'Data layer: a change that fails',
      apply: async () => {
        throw new Error('refused on purpose');
      },
    };
    const calls: RulesChange = {
      reason: 'Data layer: every call recomputed',
      apply: async () => ({ kind: 'work_types', workTypes: ['phone_call'] }),
    };
    const ok = await recalculate(db.pool, nothing, { actor: 'tester' });
    const failed = await recalculate(db.pool, failing, { actor: 'tester' });
    const recomputed = await recalculate(db.pool, calls, { actor: 'tester', batchSize: 50 });
    expect([ok.status, failed.status, recomputed.status]).toEqual([
      'succeeded',
      'failed',
      'succeeded',
    ]);
    expect(recomputed.total).toBeGreaterThan(100);

    const listed = await listRecalculations(db.prisma, 100);
    expect(JSON.stringify(listed)).toBe(
      JSON.stringify(await jobsBySql('ORDER BY id DESC LIMIT $1', [100])),
    );
    expect(listed.map((j) => j.id).slice(0, 3)).toEqual([recomputed.jobId, failed.jobId, ok.jobId]);
    expect(await listRecalculations(db.prisma, 2)).toEqual(listed.slice(0, 2));
    for (const { jobId } of [ok, failed, recomputed]) {
      const [bySql] = await jobsBySql('WHERE id = $1', [jobId]);
      expect(JSON.stringify(await getRecalculation(db.prisma, jobId))).toBe(JSON.stringify(bySql));
    }
    expect(await getRecalculation(db.prisma, 999_999)).toBeNull();
    expect(listed.find((j) => j.id === failed.jobId)).toMatchObject({
      status: 'failed',
      error: 'nothing was changed: refused on purpose',
    });
    expect(listed.find((j) => j.id === recomputed.jobId)).toMatchObject({
      done: recomputed.total,
      total: recomputed.total,
    });
  });
});
