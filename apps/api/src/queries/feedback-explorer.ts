/**
 * The row reads of the feedback explorer (feedback/explorer.ts, feedback/performance.ts). Most
 * run inside the repeatable-read snapshot of a figure, on the same client as its aggregates, so
 * the names and actions shown belong to the same moment as the figures.
 */
import type { Queryable } from '../db/queryable.js';

export interface ThemeActionRow {
  id: number;
  title: string;
  status: 'planned' | 'in_progress' | 'done';
  /** The start date, else the completion date (YYYY-MM-DD). */
  on: string;
}

/** The actions of a theme started (else completed) between two dates, by date then id. */
export async function themeActionsBetween(
  db: Queryable,
  theme: string,
  from: string,
  to: string,
): Promise<ThemeActionRow[]> {
  const { rows } = await db.query<ThemeActionRow>(
    `SELECT id, title, status, coalesce(started_on, completed_on) AS on FROM action
            WHERE theme_code = $1 AND coalesce(started_on, completed_on) BETWEEN $2 AND $3
            ORDER BY 4, id`,
    [theme, from, to],
  );
  return rows;
}

/** Every service, in the organisation's order. */
export async function servicesInOrder(db: Queryable): Promise<{ code: string; name: string }[]> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM service ORDER BY sort_order, code',
  );
  return rows;
}

/** The teams that have feedback responses, by service then name. */
export async function teamsWithFeedback(
  db: Queryable,
): Promise<{ id: number; name: string; service: string }[]> {
  const { rows } = await db.query<{ id: number; name: string; service: string }>(
    `SELECT t.id, t.name, t.service_code AS service FROM team t
        WHERE EXISTS (SELECT 1 FROM feedback_response f WHERE f.team_id = t.id)
        ORDER BY t.service_code, t.name`,
  );
  return rows;
}

/** The first and last day with feedback responses (the daily rollup's range). */
export async function feedbackDataRange(
  db: Queryable,
): Promise<{ from: string | null; to: string | null }> {
  const { rows } = await db.query<{ from: string | null; to: string | null }>(
    'SELECT min(day) AS from, max(day) AS to FROM feedback_day',
  );
  return rows[0] ?? { from: null, to: null };
}

/** A team with its service; null when there is none. */
export async function teamById(
  db: Queryable,
  id: number,
): Promise<{ id: number; name: string; service_code: string } | null> {
  const { rows } = await db.query<{ id: number; name: string; service_code: string }>(
    'SELECT id, name, service_code FROM team WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

/** A service; null when there is none. */
export async function serviceByCode(
  db: Queryable,
  code: string,
): Promise<{ code: string; name: string } | null> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM service WHERE code = $1',
    [code],
  );
  return rows[0] ?? null;
}
