import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedCatalogue } from '../catalogue/seed-catalogue.js';
import { loadConfig } from '../config.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';

export interface ThrowawayDatabase {
  /** The migrated database with the catalogue seeded. */
  url: string;
  /** A temporary folder for the benchmark's own files, removed by `drop`. */
  tmp: string;
  /** Drops the database, stops the embedded server if one was started, removes `tmp`. */
  drop(): Promise<void>;
}

/**
 * A migrated, catalogue-seeded database for a benchmark: created on DATABASE_URL's server, or on
 * an embedded PostgreSQL kept in a temporary folder.
 */
export async function throwawayDatabase(prefix: string): Promise<ThrowawayDatabase> {
  const config = loadConfig();
  const tmp = await mkdtemp(path.join(os.tmpdir(), `${prefix.replaceAll('_', '-')}-`));
  // As root the embedded PostgreSQL runs as another user, who must be able to enter the folder.
  await chmod(tmp, 0o755);
  let stopServer = async () => {};
  let adminUrl: string;
  if (config.DATABASE_URL) {
    adminUrl = config.DATABASE_URL;
  } else {
    const server = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'pg'),
      port: 57000 + Math.floor(Math.random() * 2000),
    });
    adminUrl = server.url;
    stopServer = server.stop;
  }
  const name = `${prefix}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await stopServer();
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    await migrate(url.toString());
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await seedCatalogue(client);
    } finally {
      await client.end();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), tmp, drop };
}
