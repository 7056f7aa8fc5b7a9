import type pg from 'pg';

/** Anything that runs SQL: the pool, a client, or a client inside a snapshot or transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * Runs the tasks one after another and gives their results in order, like Promise.all. For
 * queries on one client (a snapshot or a transaction): a client must not be asked two things at
 * once, while a pool may.
 */
export async function inTurn<T extends readonly (() => Promise<unknown>)[]>(
  ...tasks: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const task of tasks) out.push(await task());
  return out as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
