import { seedCatalogue } from '../catalogue/seed-catalogue.js';
import type { Config } from '../config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { connect, type Database } from '../db/prisma.js';

/**
 * For command-line tools: the same database `pnpm start` uses (DATABASE_URL, or the embedded
 * PostgreSQL in DATA_DIR), migrated and catalogued.
 */
export async function openDatabase(
  config: Config,
): Promise<Database & { embedded: EmbeddedDatabase | null; url: string }> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.PG_PORT });
    } catch (error) {
      throw new Error(
        `Could not start the embedded PostgreSQL in ${config.DATA_DIR}: ${
          error instanceof Error ? error.message : String(error)
        }\nIf the dashboard is running, stop it first (Ctrl-C), then run this command again.`,
      );
    }
    url = embedded.url;
  }
  await migrate(url);
  const db = connect(url);
  const client = await db.pool.connect();
  try {
    await seedCatalogue(client);
  } finally {
    client.release();
  }
  return {
    ...db,
    embedded,
    url,
    async close() {
      await db.close();
      await embedded?.stop();
    },
  };
}
