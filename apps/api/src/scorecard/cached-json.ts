import type pg from 'pg';
import type { z } from 'zod';
import { dataVersion, withSnapshot } from '../db/snapshot.js';
import { VersionedCache } from './cache.js';

/**
 * Figures for a request, computed in one snapshot and cached as validated JSON text until the
 * data version moves. Serving the text skips re-validating and re-serialising a large response
 * on every hit; the schema still checks it once, when it is computed.
 */
export class CachedFigures {
  private readonly cache = new VersionedCache<string>(256);

  async json<S extends z.ZodType>(
    pool: pg.Pool,
    key: string,
    schema: S,
    compute: (client: pg.PoolClient) => Promise<z.input<S>>,
  ): Promise<string> {
    return withSnapshot(pool, async (client) => {
      const version = await dataVersion(client);
      return this.cache.get(key, version, async () =>
        JSON.stringify(schema.parse(await compute(client))),
      );
    });
  }
}
