import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import { dataVersion, withSnapshot } from '../db/snapshot.js';
import { VersionedCache } from '../db/versioned-cache.js';

/** Validated JSON text, and its compressed forms made once, when first asked for. */
class CachedJson {
  private br: Buffer | undefined;
  private gzip: Buffer | undefined;

  constructor(readonly text: string) {}

  /** The body for a client's Accept-Encoding: brotli, then gzip, else the text. */
  body(acceptEncoding: string | undefined): { body: string | Buffer; encoding: string | null } {
    // Small answers are not worth compressing (the same threshold as the app's compression).
    if (this.text.length < 1024 || !acceptEncoding) return { body: this.text, encoding: null };
    const accepted = new Set(
      acceptEncoding
        .split(',')
        .map((part) => part.trim().split(';'))
        .filter(([, q]) => !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q ?? ''))
        .map(([name]) => (name ?? '').trim().toLowerCase()),
    );
    if (accepted.has('br')) {
      this.br ??= brotliCompressSync(this.text, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: 1 },
      });
      return { body: this.br, encoding: 'br' };
    }
    if (accepted.has('gzip')) {
      this.gzip ??= gzipSync(this.text);
      return { body: this.gzip, encoding: 'gzip' };
    }
    return { body: this.text, encoding: null };
  }
}

/**
 * Figures for a request, computed in one snapshot and cached as validated JSON text (and its
 * compressed forms) until the data version moves. Serving the cached bytes skips re-validating,
 * re-serialising and re-compressing a large response on every hit; the schema still checks it
 * once, when it is computed.
 */
export class CachedFigures {
  private readonly cache = new VersionedCache<CachedJson>(256);

  private async json<S extends z.ZodType>(
    pool: pg.Pool,
    key: string,
    schema: S,
    compute: (client: pg.PoolClient) => Promise<z.input<S>>,
  ): Promise<CachedJson> {
    // A hit costs one round trip (the version); only a miss opens a snapshot to compute in.
    const current = await dataVersion(pool);
    if (this.cache.has(key, current)) {
      return this.cache.get(key, current, () => Promise.reject(new Error('evicted meanwhile')));
    }
    return withSnapshot(pool, async (client) => {
      const version = await dataVersion(client);
      return this.cache.get(
        key,
        version,
        async () => new CachedJson(JSON.stringify(schema.parse(await compute(client)))),
      );
    });
  }

  /** Answers the request with the figures (validated once; Fastify sends the bytes as they are). */
  async send<S extends z.ZodType>(
    request: FastifyRequest,
    reply: FastifyReply,
    pool: pg.Pool,
    key: string,
    schema: S,
    compute: (client: pg.PoolClient) => Promise<z.input<S>>,
  ): Promise<FastifyReply> {
    const cached = await this.json(pool, key, schema, compute);
    const { body, encoding } = cached.body(request.headers['accept-encoding']);
    reply.header('vary', 'accept-encoding').type('application/json; charset=utf-8');
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  }
}
