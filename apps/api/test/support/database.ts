import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/db/prisma.js';
import { type AppRole, ensureAppRole, urlWithRole } from '../../src/db/roles.js';
import { withDatabase } from '../global-setup.js';

export interface TestDatabase extends Database {
  url: string;
  name: string;
  /** Closes connections and drops the database. */
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An empty database (no tables at all). */
export async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${inject('templateName')}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return {
    url: withDatabase(inject('adminUrl'), name),
    drop: async () => {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A fresh database cloned from the migrated template (catalogue seeded, no demo rows). */
export async function createTestDatabase(): Promise<TestDatabase> {
  // Named after the template, so the global teardown finds and drops them all.
  const template = inject('templateName');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = withDatabase(inject('adminUrl'), name);
  const db = connect(url, 4);
  return {
    ...db,
    url,
    name,
    async drop() {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

export interface TestAppRole {
  role: AppRole;
  /** The test database, logged in as the application role. */
  url: string;
  /** Revokes what the role was granted and drops it (close its connections first). */
  drop(): Promise<void>;
}

/**
 * The application role for a test database, granted as `pnpm start` grants it (decision 10).
 * Role names belong to the whole server and test files run side by side, so each test database
 * gets its own role, named after it (the global teardown drops any left behind).
 */
export async function createAppRole(db: TestDatabase): Promise<TestAppRole> {
  const role = { name: `${db.name}_app`, password: randomBytes(12).toString('hex') };
  await ensureAppRole(db.url, role);
  return {
    role,
    url: urlWithRole(db.url, role),
    async drop() {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        // Privileges in this database and on the database itself; then the role can go.
        await client.query(`DROP OWNED BY ${client.escapeIdentifier(role.name)}`);
      } finally {
        await client.end();
      }
      await admin((c) => c.query(`DROP ROLE IF EXISTS ${c.escapeIdentifier(role.name)}`));
    },
  };
}
