import type pg from 'pg';
import type { KindDefinition } from './kinds.js';

// The merger: SQL that merges a staging table of rows (a chunk, or a whole valid-only file) into
// its real table, and creates the teams the rows name. runImport drives it inside the import's
// transaction; test/import-merger.test.ts checks it alone.

/** The SQL that merges a staging table of one kind into its real table; $1 is the source. */
export function mergeStatements(def: KindDefinition, stage: string) {
  const t = def.table;
  const cols = def.targetColumns;
  const list = (prefix: string) => cols.map((c) => `${prefix}.${c}`).join(', ');
  // The staging table has the real table's columns, but the team by name: its id comes from `tm`.
  const values = cols.map((c) => (c === 'team_id' ? 'tm.id' : `s.${c}`));
  const from = `FROM ${stage} s LEFT JOIN team tm ON tm.service_code = s.service_code AND tm.name = s.team_name`;
  const insert = `INSERT INTO ${t} (source, source_ref, ${cols.join(', ')})
    SELECT $1, s.source_ref, ${values.join(', ')} ${from}`;
  return {
    /**
     * One index probe per staged row finds the known ones; those whose values differ are
     * rewritten, identical ones are not touched at all (re-importing a file writes nothing).
     */
    update: `WITH v AS (
        SELECT s.source_ref, ${values.map((v, i) => `${v} AS ${cols[i]}`).join(', ')} ${from}
      ), known AS (
        SELECT t.id, (${list('t')}) IS DISTINCT FROM (${list('v')}) AS changed, v.*
          FROM v JOIN ${t} t ON t.source = $1 AND t.source_ref = v.source_ref
      ), updated AS (
        UPDATE ${t} t SET (${cols.join(', ')}, updated_at) = (${list('k')}, now())
          FROM known k WHERE t.id = k.id AND k.changed
        RETURNING 1
      )
      SELECT (SELECT count(*) FROM known)::int AS known, (SELECT count(*) FROM updated)::int AS updated`,
    /** Every staged row is new. */
    insertAll: insert,
    insertNew: `${insert}
     WHERE NOT EXISTS (SELECT 1 FROM ${t} t WHERE t.source = $1 AND t.source_ref = s.source_ref)`,
  };
}

export type MergeStatements = ReturnType<typeof mergeStatements>;

/**
 * Merges a staging table. For a source with no rows before this import, every staged row is new
 * unless the file repeats it (then the insert fails on the unique key, inside a savepoint, and
 * 'repeat' is answered: the repeats are reported from the staged references). Otherwise known
 * rows are updated where they changed and the rest inserted.
 */
export async function mergeInto(
  client: pg.ClientBase,
  sql: MergeStatements,
  source: string,
  rows: number,
  sourceIsNew: boolean,
): Promise<{ inserted: number; updated: number } | 'repeat'> {
  if (sourceIsNew) {
    await client.query('SAVEPOINT merge_chunk');
    try {
      const { rowCount } = await client.query(sql.insertAll, [source]);
      await client.query('RELEASE SAVEPOINT merge_chunk');
      return { inserted: rowCount ?? 0, updated: 0 };
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error;
      await client.query('ROLLBACK TO SAVEPOINT merge_chunk');
      return 'repeat';
    }
  }
  // One index probe per staged row. Left to itself the planner, with the source's statistics
  // out of date mid-import, hashes every row of the source for each chunk instead.
  await client.query('SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off');
  const { rows: counts } = await client.query<{ known: number; updated: number }>(sql.update, [
    source,
  ]);
  await client.query('SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on');
  const known = counts[0]?.known ?? 0;
  const inserted =
    known === rows
      ? 0
      : ((await client.query(known === 0 ? sql.insertAll : sql.insertNew, [source])).rowCount ?? 0);
  return { inserted, updated: counts[0]?.updated ?? 0 };
}

/** Teams seen for the first time within a known service are created (docs/import-contract.md). */
export async function createTeams(
  client: pg.ClientBase,
  teams: { service: string; name: string }[],
): Promise<{ service: string; name: string }[]> {
  if (teams.length === 0) return [];
  const { rows } = await client.query<{ service: string; name: string }>(
    `INSERT INTO team (service_code, name)
     SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1, 2
     ON CONFLICT (service_code, name) DO NOTHING
     RETURNING service_code AS service, name`,
    [teams.map((t) => t.service), teams.map((t) => t.name)],
  );
  return rows.sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}
