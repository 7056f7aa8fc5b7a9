/**
 * Writes of the closure calendar. They run inside a recalculation job's transaction (the
 * `apply` of its change, admin/closure-days.ts), so the stored day, its audit row and every
 * recomputed work item commit together. The calendar's reads go through Prisma.
 */
import type { Division } from '@ipo/domain';
import type { Queryable } from '../db/queryable.js';

type Scope = Division | 'organisation';

/** Records a closure day entered by an administrator; false when it is recorded already. */
export async function insertAdminClosureDay(
  db: Queryable,
  day: { date: string; scope: Scope; reason: string },
  actor: string,
): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO closure_day (date, scope, reason, source, created_by)
         VALUES ($1, $2::closure_scope, $3, 'admin', $4)
         ON CONFLICT (date, scope) DO NOTHING`,
    [day.date, day.scope, day.reason, actor],
  );
  return inserted.rowCount === 1;
}

/** Removes a recorded closure day and says what it was; null when there was none. */
export async function deleteClosureDay(
  db: Queryable,
  day: { date: string; scope: Scope },
): Promise<{ reason: string; source: string; created_by: string } | null> {
  const deleted = await db.query<{ reason: string; source: string; created_by: string }>(
    `DELETE FROM closure_day WHERE date = $1 AND scope = $2::closure_scope
         RETURNING reason, source::text AS source, created_by`,
    [day.date, day.scope],
  );
  return deleted.rows[0] ?? null;
}

/**
 * Records the days of a GOV.UK bank-holidays file; days recorded already are skipped. Returns
 * the days added.
 */
export async function insertImportedClosureDays(
  db: Queryable,
  days: { date: string; scope: Division; reason: string }[],
  actor: string,
): Promise<{ date: string; scope: Division }[]> {
  const inserted = await db.query<{ date: string; scope: Division }>(
    `INSERT INTO closure_day (date, scope, reason, source, created_by)
         SELECT d, s::closure_scope, r, 'govuk_import', $4
           FROM unnest($1::date[], $2::text[], $3::text[]) AS v(d, s, r)
         ON CONFLICT (date, scope) DO NOTHING
         RETURNING to_char(date, 'YYYY-MM-DD') AS date, scope::text AS scope`,
    [days.map((d) => d.date), days.map((d) => d.scope), days.map((d) => d.reason), actor],
  );
  return inserted.rows;
}
