import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { IMPORT_BATCH_LOCK, LOCK_KEYS, RULES_LOCK, TAXONOMY_LOCK } from '../src/db/locks.js';
import { LockTimeoutError, withTransaction } from '../src/db/transaction.js';
import { createTestDatabase, type TestDatabase } from './support/database.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query('CREATE TABLE tx_probe (id int PRIMARY KEY, note text)');
});
afterAll(async () => {
  await db?.drop();
});

const probe = async (id: number) =>
  (await db.pool.query('SELECT note FROM tx_probe WHERE id = $1', [id])).rows[0]?.note ?? null;

/** Whether another session could take the lock now (it lets go of it at once). */
async function lockIsFree(key: number, id?: number): Promise<boolean> {
  const sql =
    id === undefined
      ? 'SELECT pg_try_advisory_xact_lock($1::bigint) AS free'
      : 'SELECT pg_try_advisory_xact_lock($1::int, $2::int) AS free';
  const { rows } = await db.pool.query<{ free: boolean }>(
    sql,
    id === undefined ? [key] : [key, id],
  );
  return rows[0]!.free;
}

/** The pool's clients that were destroyed rather than given back. */
function removedClients(pool: pg.Pool): pg.PoolClient[] {
  const removed: pg.PoolClient[] = [];
  pool.on('remove', (client) => removed.push(client));
  return removed;
}

describe('advisory lock keys', () => {
  test('every key is a distinct whole number PostgreSQL accepts as an int4 and a bigint', () => {
    const values = Object.values(LOCK_KEYS);
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(2 ** 31 - 1);
    }
  });

  test('no other module of the API writes a lock number of its own', async () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
    const offenders: string[] = [];
    for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file.endsWith(path.join('db', 'locks.ts'))) continue;
      if (file.includes(`${path.sep}generated${path.sep}`)) continue;
      const text = await readFile(file, 'utf8');
      if (/4_?710_?6\d\d|advisory_(?:xact_)?lock(?:_shared)?\(\s*\d/.test(text)) {
        offenders.push(path.relative(src, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('withTransaction', () => {
  test('commits what fn wrote and answers its result', async () => {
    const result = await withTransaction(db.pool, async (client) => {
      await client.query(`INSERT INTO tx_probe VALUES (1, 'kept')`);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await probe(1)).toBe('kept');
  });

  test('rolls back on an error, throws that error, and gives the connection back', async () => {
    const failure = new Error('fn failed');
    let backend = 0;
    let connections = 0;
    await expect(
      withTransaction(db.pool, async (client) => {
        backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
          .pid;
        await client.query(`INSERT INTO tx_probe VALUES (2, 'undone')`);
        connections = db.pool.totalCount;
        throw failure;
      }),
    ).rejects.toBe(failure);
    // Given back, not destroyed: the pool still counts it (a destroyed one leaves at once).
    expect(db.pool.totalCount).toBe(connections);
    expect(db.pool.idleCount).toBeGreaterThan(0);
    expect(await probe(2)).toBeNull();
    // The same connection, back in the pool and outside any transaction.
    const { rows } = await db.pool.query<{ open: number }>(
      `SELECT count(*)::int AS open FROM pg_stat_activity
        WHERE pid = $1 AND state LIKE 'idle in transaction%'`,
      [backend],
    );
    expect(rows[0]!.open).toBe(0);
  });

  test('an error of the database itself rolls back everything before it', async () => {
    await expect(
      withTransaction(db.pool, async (client) => {
        await client.query(`INSERT INTO tx_probe VALUES (3, 'first')`);
        await client.query(`INSERT INTO tx_probe VALUES (3, 'same key')`);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await probe(3)).toBeNull();
  });

  test('a connection that is lost mid-transaction is destroyed, not given back', async () => {
    const removed = removedClients(db.pool);
    let used: pg.PoolClient | undefined;
    let connections = 0;
    const attempt = withTransaction(db.pool, async (client) => {
      used = client;
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      connections = db.pool.totalCount;
      await client.query(`INSERT INTO tx_probe VALUES (4, 'lost')`);
    });
    await expect(attempt).rejects.toThrow();
    expect(used).toBeDefined();
    expect(db.pool.totalCount).toBe(connections - 1);
    // The pool reports a removal once the connection is closed.
    await vi.waitFor(() => expect(removed).toContain(used), { timeout: 10_000, interval: 25 });
    expect(await probe(4)).toBeNull();
    // The pool still serves.
    expect((await db.pool.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
  });

  test('an error saying the connection failed destroys the connection even if it still works', async () => {
    const removed = removedClients(db.pool);
    let used: pg.PoolClient | undefined;
    let backend = 0;
    let connections = 0;
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
    await expect(
      withTransaction(db.pool, async (client) => {
        used = client;
        backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
          .pid;
        connections = db.pool.totalCount;
        throw lost;
      }),
    ).rejects.toBe(lost);
    expect(db.pool.totalCount).toBe(connections - 1);
    await vi.waitFor(() => expect(removed).toContain(used), { timeout: 10_000, interval: 25 });
    // Destroying the connection ended its session, and its open transaction with it.
    await vi.waitFor(
      async () => {
        const { rows } = await db.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [
          backend,
        ]);
        expect(rows).toEqual([]);
      },
      { timeout: 10_000, interval: 25 },
    );
  });

  test('takes the lock before fn runs and holds it until the commit', async () => {
    expect(await lockIsFree(TAXONOMY_LOCK)).toBe(true);
    await withTransaction(
      db.pool,
      async () => {
        expect(await lockIsFree(TAXONOMY_LOCK)).toBe(false);
        // A two-part key with another id, and the same number as a two-part key, are other locks.
        expect(await lockIsFree(TAXONOMY_LOCK, 1)).toBe(true);
      },
      { lock: TAXONOMY_LOCK },
    );
    expect(await lockIsFree(TAXONOMY_LOCK)).toBe(true);
  });

  test('a lock is let go of when fn fails too', async () => {
    await expect(
      withTransaction(
        db.pool,
        async () => {
          expect(await lockIsFree(IMPORT_BATCH_LOCK, 7)).toBe(false);
          throw new Error('fails');
        },
        { lock: { key: IMPORT_BATCH_LOCK, id: 7 } },
      ),
    ).rejects.toThrow('fails');
    expect(await lockIsFree(IMPORT_BATCH_LOCK, 7)).toBe(true);
  });

  test('shared locks are held together; an exclusive one waits lockTimeoutMs, then LockTimeoutError', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock_shared($1::bigint)', [RULES_LOCK]);
      // Shared beside shared: granted at once.
      const shared = await withTransaction(db.pool, async () => 'granted', {
        lock: { key: RULES_LOCK, shared: true },
        lockTimeoutMs: 5_000,
      });
      expect(shared).toBe('granted');

      let ran = false;
      const refused = await withTransaction(
        db.pool,
        async () => {
          ran = true;
        },
        { lock: [TAXONOMY_LOCK, RULES_LOCK], lockTimeoutMs: 50 },
      ).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(LockTimeoutError);
      expect((refused as LockTimeoutError).lock).toEqual({ key: RULES_LOCK, shared: false });
      expect(ran).toBe(false);
      // The lock taken before the refused one was let go of with the rollback.
      expect(await lockIsFree(TAXONOMY_LOCK)).toBe(true);
    } finally {
      await holder.end();
    }
  });

  test('sets the isolation level, read-only mode and statement_timeout, and puts lock_timeout back', async () => {
    const settings = await withTransaction(
      db.pool,
      async (client) =>
        (
          await client.query<Record<string, string>>(
            `SELECT current_setting('transaction_isolation') AS isolation,
                    current_setting('transaction_read_only') AS read_only,
                    current_setting('statement_timeout') AS statement_timeout,
                    current_setting('lock_timeout') AS lock_timeout`,
          )
        ).rows[0],
      {
        isolation: 'repeatable read',
        readOnly: true,
        statementTimeoutMs: 900_000,
        lock: TAXONOMY_LOCK,
        lockTimeoutMs: 300,
      },
    );
    expect(settings).toEqual({
      isolation: 'repeatable read',
      read_only: 'on',
      statement_timeout: '15min',
      lock_timeout: '0',
    });
    await expect(
      withTransaction(
        db.pool,
        (client) => client.query(`INSERT INTO tx_probe VALUES (5, 'read only')`),
        { readOnly: true },
      ),
    ).rejects.toMatchObject({ code: '25006' });
    // SET LOCAL: nothing outlives the transaction on the pooled connections.
    const after = await db.pool.query<{ isolation: string; statement_timeout: string }>(
      `SELECT current_setting('transaction_isolation') AS isolation,
              current_setting('statement_timeout') AS statement_timeout`,
    );
    expect(after.rows[0]).toEqual({ isolation: 'read committed', statement_timeout: '0' });
  });

  test('given a client, uses it and leaves it open', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await withTransaction(client, async (c) => {
        expect(c).toBe(client);
        await c.query(`INSERT INTO tx_probe VALUES (6, 'client')`);
      });
      await expect(
        withTransaction(client, async (c) => {
          await c.query(`INSERT INTO tx_probe VALUES (7, 'undone')`);
          throw new Error('fails');
        }),
      ).rejects.toThrow('fails');
      // Still connected, and outside any transaction: each statement is a transaction of its own.
      const xact = async () =>
        (await client.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id')).rows[0]!.id;
      expect(await xact()).not.toBe(await xact());
    } finally {
      await client.end();
    }
    expect(await probe(6)).toBe('client');
    expect(await probe(7)).toBeNull();
  });
});
