import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';

export type { PrismaClient };

export interface Database {
  /** For bulk writes (COPY) and the analytic queries in src/queries. */
  pool: pg.Pool;
  prisma: PrismaClient;
  close(): Promise<void>;
}

// DATE columns come back as 'YYYY-MM-DD' strings: a local date is not an instant, and turning it
// into a JavaScript Date at UTC midnight invites off-by-one errors around summer time.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// Counts (bigint) fit comfortably in a double for this product's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function connect(databaseUrl: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max });
  // An idle client that loses its server (a restart) must not crash the process.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    pool,
    prisma,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
