import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { MIGRATIONS_DIR, MigrationChecksumError, migrate } from '../src/db/migrate.js';
import { createEmptyDatabase } from './support/database.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function emptyDb() {
  const db = await createEmptyDatabase();
  cleanups.push(db.drop);
  return db;
}

async function copyOfMigrations() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ipo-migrations-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function tables(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ t: string }>(
    `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  await client.end();
  return rows.map((r) => r.t);
}

describe('migrate', () => {
  test('applies every migration once, in order, and records it', async () => {
    const db = await emptyDb();
    const first = await migrate(db.url);
    expect(first.applied[0]).toBe('0001_init');
    expect(await tables(db.url)).toEqual(expect.arrayContaining(['work_item', 'schema_migration']));
    const second = await migrate(db.url);
    expect(second.applied).toEqual([]);
    expect(second.latest).toBe(first.latest);
  });

  test('a failing migration leaves the database exactly as it was', async () => {
    const db = await emptyDb();
    const dir = await copyOfMigrations();
    await mkdir(path.join(dir, '9999_broken'));
    await writeFile(
      path.join(dir, '9999_broken', 'migration.sql'),
      'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n',
    );
    await expect(migrate(db.url, dir)).rejects.toThrow(/no_such_table/);
    // Not even 0001 survives: the run is one transaction.
    expect(await tables(db.url)).toEqual([]);
  });

  test('refuses to start when an applied migration file was edited', async () => {
    const db = await emptyDb();
    const dir = await copyOfMigrations();
    await migrate(db.url, dir);
    await appendFile(path.join(dir, '0001_init', 'migration.sql'), '\n-- edited later\n');
    await expect(migrate(db.url, dir)).rejects.toBeInstanceOf(MigrationChecksumError);
  });

  test('two concurrent starts both succeed and apply each migration once', async () => {
    const db = await emptyDb();
    const [a, b] = await Promise.all([migrate(db.url), migrate(db.url)]);
    expect([...a.applied, ...b.applied].filter((m) => m === '0001_init')).toHaveLength(1);
  });
});
