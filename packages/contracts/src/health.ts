import { z } from 'zod';

export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    up: z.boolean(),
    /** `embedded` when the API started its own PostgreSQL, `external` with DATABASE_URL. */
    mode: z.enum(['embedded', 'external']),
    /** PostgreSQL's version; null in production (it would help an attacker, not a user). */
    serverVersion: z.string().nullable(),
    /** The newest migration applied, e.g. `0001_init`. */
    migration: z.string().nullable(),
    latencyMs: z.number().nullable(),
  }),
  uptimeSeconds: z.number(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
