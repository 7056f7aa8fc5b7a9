import type { PrismaClient } from '../db/prisma.js';
import type { Queryable } from '../derive/rules.js';
import { type CompiledTaxonomy, compileTaxonomy, matchThemes, type ThemeDef } from './text.js';

export interface ThemeRow extends ThemeDef {
  phrases: string[];
  createdAt: string;
  updatedAt: string;
}

/** The taxonomy as stored, for the administration page: a plain read, through Prisma. */
export async function listThemes(prisma: PrismaClient): Promise<ThemeRow[]> {
  const rows = await prisma.theme.findMany({ orderBy: [{ name: 'asc' }, { code: 'asc' }] });
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    phrases: r.phrases,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * The same rows on a pg client: inside the transactions that also re-tag comments or import
 * feedback, which stay on pg (decision 1).
 */
export async function loadThemes(db: Queryable): Promise<ThemeRow[]> {
  const { rows } = await db.query<{
    code: string;
    name: string;
    phrases: string[];
    created_at: Date;
    updated_at: Date;
  }>('SELECT code, name, phrases, created_at, updated_at FROM theme ORDER BY name, code');
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    phrases: r.phrases,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** The taxonomy in force, ready for matchThemes / applyFeedbackText. */
export async function loadTaxonomy(db: Queryable): Promise<CompiledTaxonomy> {
  return compileTaxonomy(await loadThemes(db));
}

const BATCH = 5000;

/**
 * Re-tags every stored comment under the taxonomy now in the database. Runs on the caller's
 * client, inside its transaction, so a taxonomy change and the re-tagging commit together.
 * Comments are matched once per distinct text and only rows whose themes change are written.
 * Returns the number of rows whose themes changed.
 */
export async function retagComments(client: Queryable): Promise<number> {
  const taxonomy = await loadTaxonomy(client);
  const { rows } = await client.query<{ comment: string }>(
    'SELECT DISTINCT comment FROM feedback_response WHERE comment IS NOT NULL',
  );
  let changed = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const comments = batch.map((r) => r.comment);
    const themes = comments.map((c) => matchThemes(c, taxonomy).join(','));
    const result = await client.query(
      `UPDATE feedback_response f
          SET themes = CASE WHEN v.t = '' THEN '{}'::text[] ELSE string_to_array(v.t, ',') END
         FROM unnest($1::text[], $2::text[]) AS v(c, t)
        WHERE f.comment = v.c
          AND f.themes IS DISTINCT FROM
              (CASE WHEN v.t = '' THEN '{}'::text[] ELSE string_to_array(v.t, ',') END)`,
      [comments, themes],
    );
    changed += result.rowCount ?? 0;
  }
  return changed;
}

export async function getTheme(db: Queryable, code: string): Promise<ThemeRow | null> {
  return (await loadThemes(db)).find((t) => t.code === code) ?? null;
}
