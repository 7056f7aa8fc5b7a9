import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Umzug } from 'umzug';
import { repoRoot } from '../config.js';
import { MIGRATION_LOCK } from './locks.js';
import { withTransaction } from './transaction.js';

export const MIGRATIONS_DIR = path.join(repoRoot, 'prisma/migrations');

const ensureTable = `CREATE TABLE IF NOT EXISTS schema_migration (
  name text PRIMARY KEY,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  latest: string | null;
}

export class MigrationChecksumError extends Error {
  override name = 'MigrationChecksumError';
}

/**
 * Applies `prisma/migrations/NNNN_name/migration.sql` in order with umzug. The whole run is one
 * transaction (PostgreSQL DDL is transactional) under an advisory lock: a crash or a failing
 * migration leaves the database as it was, and concurrent starts wait for each other.
 * An applied migration whose file has changed since stops start-up: migrations are append-only.
 */
export async function migrate(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Every replica queues on the same lock, so only one migrates at a time.
    return await withTransaction(client, (c) => applyMigrations(c, dir), { lock: MIGRATION_LOCK });
  } finally {
    await client.end();
  }
}

async function applyMigrations(client: pg.ClientBase, dir: string): Promise<MigrationResult> {
  const files = new Map<string, MigrationFile>();
  await client.query(ensureTable);
  const applied = new Map(
    (
      await client.query<{ name: string; checksum: string }>(
        'SELECT name, checksum FROM schema_migration',
      )
    ).rows.map((r) => [r.name, r.checksum]),
  );

  const umzug = new Umzug({
    migrations: {
      glob: ['*/migration.sql', { cwd: dir }],
      resolve: ({ path: filePath }) => {
        const name = path.basename(path.dirname(filePath ?? ''));
        return {
          name,
          up: async () => {
            const file = files.get(name);
            if (!file) throw new Error(`migration ${name} was not loaded`);
            await client.query(file.sql);
          },
        };
      },
    },
    context: {},
    storage: {
      executed: async () => [...applied.keys()],
      logMigration: async ({ name }) => {
        const file = files.get(name);
        await client.query('INSERT INTO schema_migration (name, checksum) VALUES ($1, $2)', [
          name,
          file?.checksum,
        ]);
      },
      unlogMigration: async ({ name }) => {
        await client.query('DELETE FROM schema_migration WHERE name = $1', [name]);
      },
    },
    logger: undefined,
  });

  for (const m of await umzug.migrations({})) {
    if (!m.path) continue;
    const sql = await readFile(m.path, 'utf8');
    const checksum = createHash('sha256').update(sql).digest('hex');
    files.set(m.name, { name: m.name, sql, checksum });
    const recorded = applied.get(m.name);
    if (recorded && recorded !== checksum) {
      throw new MigrationChecksumError(
        `migration ${m.name} was changed after it was applied; add a new migration instead`,
      );
    }
  }
  const ran = await umzug.up();
  const names = [...new Set([...applied.keys(), ...ran.map((r) => r.name)])].sort();
  return { applied: ran.map((r) => r.name), latest: names.at(-1) ?? null };
}

/** The newest applied migration, for the health check. */
export async function latestMigration(
  query: (sql: string) => Promise<{ rows: { name: string }[] }>,
) {
  const { rows } = await query('SELECT name FROM schema_migration ORDER BY name DESC LIMIT 1');
  return rows[0]?.name ?? null;
}
