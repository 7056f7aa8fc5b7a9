import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedCatalogue } from '../src/catalogue/seed-catalogue.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { freePort } from './support/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A maintenance connection (to the `postgres` database) on the test server. */
    adminUrl: string;
    /** The migrated database, with the catalogue, that every test database is cloned from. */
    templateName: string;
  }
}

/** Replaces the database name in a connection string. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts one real PostgreSQL for the whole run (embedded, or the server in DATABASE_URL), builds
 * a template database from the migrations once, and hands its name to the test files.
 */
export default async function setup(project: TestProject) {
  let stop = async () => {};
  let adminUrl: string;
  const external = process.env.DATABASE_URL;
  if (external) {
    adminUrl = withDatabase(external, 'postgres');
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ipo-api-test-'));
    const port = await freePort();
    const db = await startEmbeddedPostgres({ dataDir, port });
    adminUrl = withDatabase(db.url, 'postgres');
    stop = async () => {
      await db.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }

  const templateName = `ipo_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateName}`);
  await admin.query(`CREATE DATABASE ${templateName}`);
  await admin.end();

  const templateUrl = withDatabase(adminUrl, templateName);
  await migrate(templateUrl);
  const client = new pg.Client({ connectionString: templateUrl });
  await client.connect();
  await seedCatalogue(client);
  await client.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateName', templateName);

  return async () => {
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC`,
      [`${templateName}%`],
    );
    for (const r of rows) await cleanup.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    // Application roles of test databases (support/database.ts createAppRole) a failed test left.
    const roles = await cleanup.query<{ rolname: string }>(
      `SELECT rolname FROM pg_roles WHERE rolname LIKE $1`,
      [`${templateName}%`],
    );
    for (const r of roles.rows) {
      await cleanup.query(`DROP ROLE IF EXISTS ${cleanup.escapeIdentifier(r.rolname)}`);
    }
    await cleanup.end();
    await stop();
  };
}
