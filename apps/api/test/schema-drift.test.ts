import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { prismaDiffSql } from '../src/db/schema-tools/prisma-diff.js';
import { createEmptyDatabase } from './support/database.js';

/** Everything about a database's shape that schema.prisma decides. */
async function describeSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await q(`
        SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
               character_maximum_length, numeric_precision, numeric_scale, datetime_precision
          FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> 'schema_migration'
         ORDER BY table_name, column_name`),
      indexes: await q(`
        SELECT tablename, indexname, indexdef FROM pg_indexes
         WHERE schemaname = 'public' AND tablename <> 'schema_migration'
           -- Expression indexes (full-text search) cannot be written in schema.prisma; they live
           -- only in migrations, named sql_only_*, and are left out of the comparison.
           AND indexname NOT LIKE 'sql\\_only\\_%'
         ORDER BY tablename, indexname`),
      constraints: await q(`
        SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype,
               pg_get_constraintdef(c.oid) AS definition
          FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> 'schema_migration'
           -- CHECK constraints cannot be written in schema.prisma either: sql_only_* likewise.
           AND c.conname NOT LIKE 'sql\\_only\\_%'
         ORDER BY 1, 2`),
      enums: await q(`
        SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         GROUP BY t.typname ORDER BY t.typname`),
    };
  } finally {
    await client.end();
  }
}

describe('migrations and schema.prisma', () => {
  let fromSchema: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let fromMigrations: Awaited<ReturnType<typeof createEmptyDatabase>>;

  beforeAll(async () => {
    fromSchema = await createEmptyDatabase();
    fromMigrations = await createEmptyDatabase();
  });
  afterAll(async () => {
    await fromSchema?.drop();
    await fromMigrations?.drop();
  });

  test('a database built from the migrations matches one built from schema.prisma', async () => {
    const sql = await prismaDiffSql({
      schemaPath: path.join(repoRoot, 'prisma/schema.prisma'),
      databaseUrl: fromSchema.url,
    });
    expect(sql).toContain('CREATE TABLE "work_item"');
    const client = new pg.Client({ connectionString: fromSchema.url });
    await client.connect();
    await client.query(sql);
    await client.end();

    await migrate(fromMigrations.url);

    const expected = await describeSchema(fromSchema.url);
    const actual = await describeSchema(fromMigrations.url);
    expect(expected.columns.length).toBeGreaterThan(100);
    expect(actual.enums).toEqual(expected.enums);
    expect(actual.columns).toEqual(expected.columns);
    expect(actual.indexes).toEqual(expected.indexes);
    expect(actual.constraints).toEqual(expected.constraints);
  });
});
