import { seedCatalogue } from '../catalogue/seed-catalogue.js';
import type { Config } from '../config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { connect, type Database } from '../db/prisma.js';
import { databaseUrls, prepareAppRole } from '../db/roles.js';

export interface OpenDatabaseOptions {
  /**
   * `app` (default): the role the API serves with, which reads and writes rows but cannot change
   * the schema: imports and tokens. `owner`: the role that owns the schema, for what only it may
   * do (the demo data seeder empties and reindexes tables). See decision 10.
   */
  role?: 'app' | 'owner';
}

/**
 * For command-line tools: the same database `pnpm start` uses (DATABASE_URL, or the embedded
 * PostgreSQL in DATA_DIR), migrated, with the application role's grants and the catalogue, as
 * the role asked for.
 */
export async function openDatabase(
  config: Config,
  options: OpenDatabaseOptions = {},
): Promise<Database & { embedded: EmbeddedDatabase | null; url: string }> {
  let embedded: EmbeddedDatabase | null = null;
  if (!config.DATABASE_URL) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.PG_PORT });
    } catch (error) {
      throw new Error(
        `Could not start the embedded PostgreSQL in ${config.DATA_DIR}: ${
          error instanceof Error ? error.message : String(error)
        }\nIf the dashboard is running, stop it first (Ctrl-C), then run this command again.`,
      );
    }
  }
  try {
    const urls = databaseUrls(config, embedded);
    await migrate(urls.ownerUrl);
    await prepareAppRole(urls);
    const owner = connect(urls.ownerUrl, 1);
    try {
      const client = await owner.pool.connect();
      try {
        await seedCatalogue(client);
      } finally {
        client.release();
      }
    } finally {
      await owner.close();
    }
    const url = options.role === 'owner' ? urls.ownerUrl : urls.appUrl;
    const db = connect(url);
    return {
      ...db,
      embedded,
      url,
      async close() {
        await db.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
