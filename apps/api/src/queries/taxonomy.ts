/**
 * The feedback theme taxonomy on a pg client: the statements of a theme change, which runs in a
 * transaction holding TAXONOMY_LOCK and re-tags every stored comment before it commits, and the
 * theme reads of the transactions and snapshots that share it (imports, the explorer's figures).
 * The taxonomy page's plain list is read through Prisma (feedback/taxonomy.ts, `listThemes`).
 */
import type { Queryable } from '../db/queryable.js';

export interface ThemeRecord {
  code: string;
  name: string;
  phrases: string[];
  created_at: Date;
  updated_at: Date;
}

/** Every theme with its phrases, by name. */
export async function themeRecords(db: Queryable): Promise<ThemeRecord[]> {
  const { rows } = await db.query<ThemeRecord>(
    'SELECT code, name, phrases, created_at, updated_at FROM theme ORDER BY name, code',
  );
  return rows;
}

/** The code and name of every theme, by name: the explorer's theme list. */
export async function themeNames(db: Queryable): Promise<{ code: string; name: string }[]> {
  const { rows } = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM theme ORDER BY name',
  );
  return rows;
}

/** Adds a theme; false when one with its code exists (nothing is written then). */
export async function insertTheme(
  db: Queryable,
  theme: { code: string; name: string; phrases: string[] },
): Promise<boolean> {
  const inserted = await db.query(
    `INSERT INTO theme (code, name, phrases) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING`,
    [theme.code, theme.name, theme.phrases],
  );
  return Boolean(inserted.rowCount);
}

/** Renames a theme or replaces its phrases (an omitted field is kept); false when there is none. */
export async function updateTheme(
  db: Queryable,
  code: string,
  change: { name?: string | null | undefined; phrases?: string[] | null | undefined },
): Promise<boolean> {
  const updated = await db.query(
    `UPDATE theme SET name = coalesce($2, name), phrases = coalesce($3, phrases), updated_at = now()
            WHERE code = $1`,
    [code, change.name ?? null, change.phrases ?? null],
  );
  return Boolean(updated.rowCount);
}

/** How many actions refer to a theme. */
export async function themeActionCount(db: Queryable, code: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM action WHERE theme_code = $1',
    [code],
  );
  return rows[0]?.n ?? 0;
}

/** Removes a theme; false when there is none. */
export async function deleteTheme(db: Queryable, code: string): Promise<boolean> {
  const deleted = await db.query('DELETE FROM theme WHERE code = $1', [code]);
  return Boolean(deleted.rowCount);
}

/** Each distinct comment text stored, for re-tagging. */
export async function distinctCommentTexts(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ comment: string }>(
    'SELECT DISTINCT comment FROM feedback_response WHERE comment IS NOT NULL',
  );
  return rows.map((r) => r.comment);
}

/**
 * Sets the themes of every response whose comment is one of `comments` to the matching entry of
 * `themes` (codes joined by commas, '' for none), writing only rows whose themes change.
 * Returns how many rows changed.
 */
export async function setCommentThemes(
  db: Queryable,
  comments: string[],
  themes: string[],
): Promise<number> {
  const result = await db.query(
    `UPDATE feedback_response f
          SET themes = CASE WHEN v.t = '' THEN '{}'::text[] ELSE string_to_array(v.t, ',') END
         FROM unnest($1::text[], $2::text[]) AS v(c, t)
        WHERE f.comment = v.c
          AND f.themes IS DISTINCT FROM
              (CASE WHEN v.t = '' THEN '{}'::text[] ELSE string_to_array(v.t, ',') END)`,
    [comments, themes],
  );
  return result.rowCount ?? 0;
}
